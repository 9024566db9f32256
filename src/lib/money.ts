/** Money is an integer of minor units (pence) plus an ISO currency code; never a float. */
export type Money = { amount: number; currency: string }

export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/** "£5.00" for { amount: 500, currency: 'GBP' }, in British English by default. */
export function formatMoney({ amount, currency }: Money, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100)
}

/**
 * "12.5" or "12.50" (major units, as a person types them) as 1250 minor units, without floats;
 * null for anything that is not a positive amount with at most two decimals.
 */
export function majorToMinor(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  if (!match) return null
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return minor > 0 ? minor : null
}
