/**
 * What a column of an imported spreadsheet can hold (issue 16 points 5 and 6): the fields a
 * column maps to, and the mapping suggested from the header names. Pure.
 */
import type { CustomFieldDefinition } from '../customFieldRules'

/** Set in the request context by the import's own code (dry run, run) when it saves its findings and progress. */
export const IMPORT_SYSTEM_CONTEXT = 'hangarMemberImportSystem'

export const IMPORT_MODES = ['create', 'update'] as const
/** `create`: people and their memberships, created or updated by email; `update`: chosen fields of existing people only. */
export type ImportMode = (typeof IMPORT_MODES)[number]

export type ImportFieldGroup = 'person' | 'membership' | 'payment' | 'custom'

export type ImportField = {
  key: string
  label: string
  group: ImportFieldGroup
  /** Header names (compared without case, spaces or punctuation) this field is suggested for. */
  aliases: readonly string[]
  /** Whether a bulk update (mode `update`) may set it: person fields only. */
  updatable: boolean
}

/** Prefix of a custom member field's key in a mapping: `custom:licence_number`. */
export const CUSTOM_PREFIX = 'custom:'

const field = (key: string, label: string, group: ImportFieldGroup, aliases: string[], updatable = group === 'person'): ImportField => ({ key, label, group, aliases, updatable })

export const BUILT_IN_FIELDS: readonly ImportField[] = [
  field('email', 'Email', 'person', ['email', 'emailaddress', 'e-mail', 'mail']),
  field('name', 'Full name (split into first and last)', 'person', ['name', 'fullname', 'membername', 'contactname']),
  field('firstName', 'First name', 'person', ['firstname', 'forename', 'givenname', 'first']),
  field('lastName', 'Last name', 'person', ['lastname', 'surname', 'familyname', 'last']),
  field('phone', 'Phone', 'person', ['phone', 'telephone', 'phonenumber', 'mobile', 'tel']),
  field('dateOfBirth', 'Date of birth', 'person', ['dateofbirth', 'dob', 'birthdate', 'birthday']),
  field('address.line1', 'Address line 1', 'person', ['addressline1', 'address1', 'address', 'street', 'streetaddress']),
  field('address.line2', 'Address line 2', 'person', ['addressline2', 'address2']),
  field('address.town', 'Town or city', 'person', ['town', 'city', 'towncity', 'locality']),
  field('address.county', 'County', 'person', ['county', 'region', 'state', 'province']),
  field('address.postcode', 'Postcode', 'person', ['postcode', 'postalcode', 'zip', 'zipcode']),
  field('address.country', 'Country', 'person', ['country']),
  field('marketingOptIn', 'Marketing opt-in', 'person', ['marketingoptin', 'marketing', 'optin', 'newsletter', 'marketingconsent']),
  field('tier', 'Tier', 'membership', ['tier', 'membershiptier', 'membershiptype', 'membership', 'level', 'plan']),
  field('status', 'Membership status', 'membership', ['status', 'membershipstatus']),
  field('periodStart', 'Period start', 'membership', ['periodstart', 'start', 'startdate', 'joined', 'joindate', 'memberfrom', 'from', 'validfrom']),
  field('periodEnd', 'Period end', 'membership', ['periodend', 'end', 'enddate', 'expires', 'expiry', 'expirydate', 'renewaldate', 'memberuntil', 'until', 'validuntil']),
  field('membershipNumber', 'Membership number', 'membership', ['membershipnumber', 'membernumber', 'memberno', 'membershipno', 'number', 'memberid']),
  field('organisationName', 'Organisation name', 'membership', ['organisationname', 'organisation', 'organization', 'organizationname', 'company', 'business']),
  field('amount', 'Amount paid', 'payment', ['amount', 'amountpaid', 'paid', 'paidamount', 'fee', 'feepaid', 'payment']),
  field('method', 'Payment method', 'payment', ['method', 'paymentmethod', 'paidby', 'paymenttype']),
  field('paidAt', 'Date paid', 'payment', ['paidat', 'datepaid', 'paymentdate', 'paidon']),
]

/** A header or alias reduced to what is compared: "E-mail Address" → "emailaddress". */
export const normaliseHeader = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '')

/** Every field a column may map to in this mode: the built-in ones and the custom member fields in use. */
export function importFields(mode: ImportMode, definitions: readonly CustomFieldDefinition[]): ImportField[] {
  const custom = definitions
    .filter((definition) => !definition.archived)
    .map((definition) => field(`${CUSTOM_PREFIX}${definition.key}`, `${definition.label} (member field)`, 'custom', [definition.key, definition.label], true))
  return [...BUILT_IN_FIELDS, ...custom].filter((candidate) => mode === 'create' || candidate.updatable)
}

/**
 * The field each column is suggested to hold, from its header; a field is suggested for one
 * column at most (the first that names it), and a column nothing fits is left unmapped (null).
 */
export function suggestMapping(headers: readonly string[], fields: readonly ImportField[]): (string | null)[] {
  const taken = new Set<string>()
  const byAlias = new Map<string, string>()
  for (const candidate of fields) {
    for (const alias of [candidate.key, candidate.label, ...candidate.aliases]) {
      const normalised = normaliseHeader(alias)
      if (normalised && !byAlias.has(normalised)) byAlias.set(normalised, candidate.key)
    }
  }
  return headers.map((header) => {
    const key = byAlias.get(normaliseHeader(header))
    if (!key || taken.has(key)) return null
    taken.add(key)
    return key
  })
}

export type MappingProblem = string

/** What is wrong with a mapping for this mode (unknown fields, a field mapped twice, no email column). */
export function mappingProblems(mapping: readonly (string | null)[], headers: readonly string[], fields: readonly ImportField[], mode: ImportMode): MappingProblem[] {
  const problems: MappingProblem[] = []
  const known = new Set(fields.map((candidate) => candidate.key))
  const seen = new Map<string, number>()
  if (mapping.length !== headers.length) problems.push(`The mapping names ${mapping.length} columns; the file has ${headers.length}.`)
  mapping.forEach((key, index) => {
    if (!key) return
    const column = `column ${index + 1} (“${headers[index] ?? ''}”)`
    if (!known.has(key)) {
      problems.push(mode === 'update' && BUILT_IN_FIELDS.some((f) => f.key === key) ? `${column}: a bulk update changes people's details only, not “${key}”.` : `${column}: there is no field “${key}”.`)
      return
    }
    if (seen.has(key)) problems.push(`${column}: “${key}” is already mapped to column ${seen.get(key)! + 1}.`)
    else seen.set(key, index)
  })
  if (!seen.has('email')) problems.push('Map a column to Email: people are found by their email address.')
  if (seen.has('name') && (seen.has('firstName') || seen.has('lastName'))) problems.push('Map either Full name or First name and Last name, not both.')
  const membership = ['status', 'periodStart', 'periodEnd', 'membershipNumber', 'organisationName', 'amount', 'method', 'paidAt'].filter((key) => seen.has(key))
  if (membership.length && !seen.has('tier')) problems.push(`Map a column to Tier: ${membership.join(', ')} belong to a membership of a tier.`)
  if ((seen.has('method') || seen.has('paidAt')) && !seen.has('amount')) problems.push('Map a column to Amount paid: a payment method or date needs the amount.')
  return problems
}
