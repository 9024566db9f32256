/** Money is an integer of minor units (pence) plus an ISO currency code; never a float. */
export type Money = { amount: number; currency: string }

export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/** "£5.00" for { amount: 500, currency: 'GBP' }, in British English by default. */
export function formatMoney({ amount, currency }: Money, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100)
}
