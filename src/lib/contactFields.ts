import type { FieldHook, PayloadRequest, TextField, TextFieldSingleValidation } from 'payload'

import { siblingPlaintext } from '@/privacy/fieldEncryption'

import { type CountryCode, checkPhone, checkPostcode, countryCodeOf, DEFAULT_COUNTRY, isCountryCode } from './contactDetails'
import { EARLIEST_YEAR, isFutureDay } from './dateBounds'

/**
 * Phone and postcode fields that every collection shares: checked in the field's `validate`, so
 * REST, GraphQL, the admin panel and the member site all refuse the same input with a 400 naming
 * the field, and stored normalised (E.164 numbers, canonical UK postcodes) by a beforeChange hook,
 * which runs before validation and leaves what it cannot read for `validate` to refuse.
 */

const CONTEXT_KEY = 'organisationCountry'

/** The organisation's country (settings → Organisation), read once per request. */
export async function organisationCountry(req: PayloadRequest): Promise<CountryCode> {
  const cached = req.context?.[CONTEXT_KEY]
  if (isCountryCode(cached)) return cached
  const settings = await req.payload.findGlobal({ slug: 'settings', depth: 0, req, overrideAccess: true }).catch(() => null)
  const country = isCountryCode(settings?.country) ? settings.country : DEFAULT_COUNTRY
  if (req.context) req.context[CONTEXT_KEY] = country
  return country
}

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '')

/**
 * The address's own country when it names one we know, else the organisation's. The country may
 * be encrypted at rest (src/privacy/fieldEncryption.ts) and sealed already: read its plain value.
 */
const postcodeCountry = async (req: PayloadRequest, args: Parameters<typeof siblingPlaintext>[0]) =>
  countryCodeOf(siblingPlaintext(args, 'country')) ?? (await organisationCountry(req))

/**
 * A value stored before these checks existed is left alone until someone changes it, so that
 * editing anything else on the document is not refused for it.
 */
const unchanged = (value: unknown, previousValue: unknown, operation: string | undefined) => operation === 'update' && value === previousValue

const validatePhone: TextFieldSingleValidation = async (value, { req, required, previousValue, operation }) => {
  if (isBlank(value)) return required ? 'A phone number is required.' : true
  if (unchanged(value, previousValue, operation)) return true
  if (typeof value !== 'string') return 'A phone number is text, e.g. 029 2018 0101.'
  const checked = checkPhone(value, await organisationCountry(req))
  return checked.ok || checked.message
}

const normalisePhone: FieldHook = async ({ value, req }) => {
  if (isBlank(value)) return value === undefined ? undefined : null
  if (typeof value !== 'string') return value
  const checked = checkPhone(value, await organisationCountry(req))
  return checked.ok ? checked.value : value
}

const validatePostcode: TextFieldSingleValidation = async (value, options) => {
  const { req, required, previousValue, operation } = options
  if (isBlank(value)) return required ? 'A postcode is required.' : true
  if (unchanged(value, previousValue, operation)) return true
  if (typeof value !== 'string') return 'A postcode is text, e.g. SA2 7JU.'
  const checked = checkPostcode(value, await postcodeCountry(req, options as Parameters<typeof siblingPlaintext>[0]))
  return checked.ok || checked.message
}

const normalisePostcode: FieldHook = async (args) => {
  const { value, req } = args
  if (isBlank(value)) return value === undefined ? undefined : null
  if (typeof value !== 'string') return value
  const checked = checkPostcode(value, await postcodeCountry(req, args))
  return checked.ok ? checked.value : value
}

type Overrides = Partial<Omit<TextField, 'type' | 'hasMany' | 'validate'>>

/** A phone number: any format people dial, stored as E.164, read with the organisation's country. */
export const phoneField = (overrides: Overrides = {}): TextField =>
  ({
    name: 'phone',
    type: 'text',
    maxLength: 40,
    ...overrides,
    validate: validatePhone,
    hooks: { ...overrides.hooks, beforeChange: [normalisePhone, ...(overrides.hooks?.beforeChange ?? [])] },
    admin: { description: 'As you would dial it, or with the country code (+…).', ...overrides.admin },
  }) as TextField

/** A postcode, checked against the sibling `country` field (else the organisation's country). */
export const postcodeField = (overrides: Overrides = {}): TextField =>
  ({
    name: 'postcode',
    type: 'text',
    maxLength: 20,
    ...overrides,
    validate: validatePostcode,
    hooks: { ...overrides.hooks, beforeChange: [normalisePostcode, ...(overrides.hooks?.beforeChange ?? [])] },
  }) as TextField

/** A calendar date written as people's birthdays are: `YYYY-MM-DD`, no time and no time zone. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** `YYYY-MM-DD` of a date-only string or an ISO timestamp (a date picker's midnight), else null. */
export function dateOnlyOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  const day = DATE_ONLY.exec(text) ? text : /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)) ? text.slice(0, 10) : null
  if (!day) return null
  const [, y, m, d] = DATE_ONLY.exec(day)!.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  // 2026-02-30 is not a day
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? day : null
}

const validateDateOfBirth: TextFieldSingleValidation = (value, { required, previousValue, operation }) => {
  if (isBlank(value)) return required ? 'A date of birth is required.' : true
  if (unchanged(value, previousValue, operation)) return true
  const day = dateOnlyOf(value)
  if (!day) return 'A date of birth is a date, e.g. 1984-07-21 (year-month-day).'
  if (isFutureDay(day)) return 'A date of birth cannot be in the future.'
  if (Number(day.slice(0, 4)) < EARLIEST_YEAR) return `A date of birth is ${EARLIEST_YEAR} or later.`
  return true
}

const normaliseDateOfBirth: FieldHook = ({ value }) => {
  if (isBlank(value)) return value === undefined ? undefined : null
  return dateOnlyOf(value) ?? value
}

/**
 * A date of birth: a day, kept as `YYYY-MM-DD` text (a person's birthday has no time zone, and the
 * value is encrypted at rest, which a timestamp column could not hold). Not in the future, not
 * before 1900.
 */
export const dateOfBirthField = (overrides: Overrides = {}): TextField =>
  ({
    name: 'dateOfBirth',
    label: 'Date of birth',
    type: 'text',
    maxLength: 10,
    ...overrides,
    validate: validateDateOfBirth,
    hooks: { ...overrides.hooks, beforeChange: [normaliseDateOfBirth, ...(overrides.hooks?.beforeChange ?? [])] },
    admin: { placeholder: 'YYYY-MM-DD', description: 'Year-month-day, e.g. 1984-07-21.', ...overrides.admin },
  }) as TextField
