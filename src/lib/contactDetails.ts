import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js'
import { isValid as isValidUkPostcode, toNormalised as normaliseUkPostcode } from 'postcode'
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator'

/**
 * Phone numbers, postcodes and countries as people type them, checked with well-kept libraries
 * (libphonenumber-js for numbers, `postcode` for the UK, postcode-validator elsewhere). Pure: the
 * organisation's country is passed in by the caller (collections read it from the settings).
 */

export type { CountryCode }

export const DEFAULT_COUNTRY: CountryCode = 'GB'

const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region' })
const countryName = (code: string) => {
  try {
    return regionNames.of(code) ?? code
  } catch {
    return code
  }
}

/** "in the United Kingdom", "in France": for messages. */
const THE = /^(United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Central African|Dominican Republic|Czech Republic|Marshall|Solomon|Cayman|Falkland|Faroe|Cook Islands|Comoros)/
export const inCountry = (code: string) => {
  const name = countryName(code)
  return `in ${THE.test(name) ? 'the ' : ''}${name}`
}

/** Every country libphonenumber-js knows, by English name: the options of the organisation's country. */
export const COUNTRY_OPTIONS: Array<{ label: string; value: CountryCode }> = getCountries()
  .map((code) => ({ label: countryName(code), value: code }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))

const KNOWN_CODES = new Set<string>(getCountries())

/** What people write for the UK and a few others that Intl's names do not cover. */
const COUNTRY_ALIASES: Record<string, CountryCode> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  cymru: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  eire: 'IE',
  holland: 'NL',
}

const NAME_TO_CODE = new Map<string, CountryCode>([
  ...COUNTRY_OPTIONS.map(({ label, value }) => [label.toLowerCase(), value] as [string, CountryCode]),
  ...Object.entries(COUNTRY_ALIASES),
])

export const isCountryCode = (value: unknown): value is CountryCode => typeof value === 'string' && KNOWN_CODES.has(value)

/** "United Kingdom", "uk", "GB", "Wales" → "GB"; anything not recognised → null. */
export function countryCodeOf(value: unknown): CountryCode | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  if (!text) return null
  const upper = text.toUpperCase()
  if (upper.length === 2 && KNOWN_CODES.has(upper)) return upper as CountryCode
  return NAME_TO_CODE.get(text.toLowerCase().replace(/\s+/g, ' ').replace(/^the /, '')) ?? null
}

export type Checked = { ok: true; value: string } | { ok: false; message: string }

/**
 * A phone number as typed ("029 2018 0101", "+44 29 2018 0101", "0044 …") read with the
 * organisation's country for national numbers, and returned in E.164 ("+442920180101").
 */
export function checkPhone(value: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): Checked {
  const text = value.trim()
  const parsed = /[a-z]{3,}/i.test(text.replace(/\b(ext|extension|x)\b/gi, '')) ? undefined : parsePhoneNumberFromString(text, defaultCountry)
  if (!parsed || !parsed.isValid()) {
    return {
      ok: false,
      message: `"${text.slice(0, 40)}" is not a phone number we can call. Give it as you would dial it ${inCountry(defaultCountry)} (e.g. ${exampleFor(defaultCountry)}) or with the country code (+…).`,
    }
  }
  return { ok: true, value: parsed.number }
}

const EXAMPLES: Partial<Record<CountryCode, string>> = { GB: '029 2018 0101', IE: '01 234 5678', US: '(201) 555-0123', FR: '01 23 45 67 89', DE: '030 1234567' }
const exampleFor = (country: CountryCode) => EXAMPLES[country] ?? '+44 29 2018 0101'

/**
 * A stored number for people to read: national format when it is in the organisation's country
 * ("029 2018 0101"), international otherwise ("+33 1 23 45 67 89"); text that does not parse
 * (stored before numbers were checked) is shown as it is.
 */
export function displayPhone(value: string | null | undefined, organisationCountry: CountryCode = DEFAULT_COUNTRY): string {
  if (!value) return ''
  const parsed = parsePhoneNumberFromString(value, organisationCountry)
  if (!parsed || !parsed.isValid()) return value
  return parsed.country === organisationCountry ? parsed.formatNational() : parsed.formatInternational()
}

/** `tel:` link target for a stored number. */
export const phoneHref = (value: string) => `tel:${value.replace(/[^+\d]/g, '')}`

/**
 * A postcode checked against its country: UK postcodes in their canonical form ("sw1a1aa" →
 * "SW1A 1AA"); other countries' trimmed and upper-cased. A country postcode-validator does not
 * know is accepted as typed (within reason), not refused.
 */
export function checkPostcode(value: string, country: CountryCode = DEFAULT_COUNTRY): Checked {
  const text = value.trim().replace(/\s+/g, ' ')
  const refuse = (): Checked => ({
    ok: false,
    message: `"${text.slice(0, 20)}" is not a postcode ${inCountry(country)}${country === 'GB' ? ' (e.g. SA2 7JU)' : ''}.`,
  })
  if (country === 'GB') {
    const normalised = isValidUkPostcode(text) ? normaliseUkPostcode(text) : null
    return normalised ? { ok: true, value: normalised } : refuse()
  }
  const upper = text.toUpperCase()
  if (postcodeValidatorExistsForCountry(country)) return postcodeValidator(upper, country) ? { ok: true, value: upper } : refuse()
  return /^[A-Z0-9][A-Z0-9 -]{1,11}$/.test(upper) ? { ok: true, value: upper } : refuse()
}
