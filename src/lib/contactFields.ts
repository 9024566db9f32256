import type { FieldHook, PayloadRequest, TextField, TextFieldSingleValidation } from 'payload'

import { type CountryCode, checkPhone, checkPostcode, countryCodeOf, DEFAULT_COUNTRY, isCountryCode } from './contactDetails'

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

/** The address's own country when it names one we know, else the organisation's. */
const postcodeCountry = async (req: PayloadRequest, siblingData: Record<string, unknown> | undefined) =>
  countryCodeOf(siblingData?.country) ?? (await organisationCountry(req))

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

const validatePostcode: TextFieldSingleValidation = async (value, { req, siblingData, required, previousValue, operation }) => {
  if (isBlank(value)) return required ? 'A postcode is required.' : true
  if (unchanged(value, previousValue, operation)) return true
  if (typeof value !== 'string') return 'A postcode is text, e.g. SA2 7JU.'
  const checked = checkPostcode(value, await postcodeCountry(req, siblingData as Record<string, unknown>))
  return checked.ok || checked.message
}

const normalisePostcode: FieldHook = async ({ value, req, siblingData }) => {
  if (isBlank(value)) return value === undefined ? undefined : null
  if (typeof value !== 'string') return value
  const checked = checkPostcode(value, await postcodeCountry(req, siblingData))
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
