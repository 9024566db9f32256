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

/** The symbol a currency is written with in British English ("£" for GBP, "€", "US$"). */
export function currencySymbol(currency: string, locale = 'en-GB'): string {
  const part = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')
  return part?.value ?? currency
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: string }

/**
 * An amount as a treasurer types it in the admin panel — "25", "25.00", "£25.00", "1,250.50",
 * "GBP 25" — as minor units (pence), without floats. Zero is allowed (a complimentary
 * membership); anything else (letters, a minus sign, three decimals, "12,50") is refused with
 * a message in words rather than read as 0 or NaN.
 */
export function parseMajorAmount(text: string, currency = 'GBP'): ParsedAmount {
  const example = formatMoney({ amount: 2500, currency })
  const refused: ParsedAmount = { ok: false, message: `“${text.trim()}” is not an amount: type it like ${example} or 25.` }
  let rest = text.trim()
  if (!rest) return { ok: false, message: `Type the amount, e.g. ${example}.` }
  for (const prefix of [currency, currencySymbol(currency), '£', '€', '$']) {
    if (rest.toUpperCase().startsWith(prefix.toUpperCase())) {
      rest = rest.slice(prefix.length).trim()
      break
    }
  }
  const match = /^(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,2}))?$/.exec(rest)
  if (!match) return refused
  const whole = Number(match[1]!.replace(/,/g, ''))
  const minor = whole * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(minor) ? { ok: true, minor } : refused
}

/** What a number field holding minor units shows: "£25.00", or "" when it holds nothing. */
export function formatMinorForInput(value: unknown, currency = 'GBP'): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatMoney({ amount: value, currency }) : ''
}
