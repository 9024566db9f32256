/**
 * One imported row, checked and turned into what Hangar stores (issue 16 points 5 and 6). Pure:
 * the tiers, the custom field definitions, the organisation's country and "now" are passed in.
 * Every problem of a row is reported, each naming the column as the file calls it, so the person
 * importing can fix them all at once.
 */
import { UTCDate } from '@date-fns/utc'
import { validations } from 'payload/shared'

import type { CountryCode } from '@/lib/contactDetails'
import { checkPhone, checkPostcode, countryCodeOf } from '@/lib/contactDetails'
import { EARLIEST_YEAR, isFutureDay } from '@/lib/dateBounds'
import { parseMajorAmount } from '@/lib/money'
import type { MembershipStatus } from '@/membership/lifecycle'
import { MEMBERSHIP_STATUSES, STATUS_LABELS } from '@/membership/lifecycle'
import { periodStartingAt, toTierPeriod } from '@/membership/periods'
import type { PaymentMethod } from '@/payments/ledger'
import { METHOD_LABELS, PAYMENT_METHODS } from '@/payments/ledger'

import type { CustomFieldDefinition, CustomValue } from '../customFieldRules'
import { checkValue, isEmptyValue } from '../customFieldRules'
import { CUSTOM_PREFIX, normaliseHeader } from './fields'
import type { ImportMode } from './fields'

/** How a date written with slashes is read: 03/04/2026 is 3 April (`dmy`, the British way) or 4 March (`mdy`). */
export const DATE_ORDERS = ['dmy', 'mdy'] as const
export type DateOrder = (typeof DATE_ORDERS)[number]

export type ImportTier = {
  id: number
  name: string
  currency: string
  kind?: string | null
  period?: string | null
  renewalDay?: number | null
  renewalMonth?: string | number | null
  graceDays?: number | null
}

export type RowContext = {
  mode: ImportMode
  headers: readonly string[]
  mapping: readonly (string | null)[]
  tiers: readonly ImportTier[]
  definitions: readonly CustomFieldDefinition[]
  country: CountryCode
  dateOrder: DateOrder
  now: Date
}

export type PersonData = {
  firstName?: string
  lastName?: string
  phone?: string
  dateOfBirth?: string
  address?: Partial<Record<'line1' | 'line2' | 'town' | 'county' | 'postcode' | 'country', string>>
  customFields?: Record<string, CustomValue>
}

export type MembershipData = {
  tier: ImportTier
  status: MembershipStatus
  /** ISO timestamps (midnight UTC of the day given), or null when the status has no period yet. */
  periodStart: string | null
  periodEnd: string | null
  membershipNumber: string | null
  organisationName: string | null
}

export type PaymentData = { amount: number; currency: string; method: PaymentMethod; paidAt: string }

export type ImportRow = {
  line: number
  email: string
  person: PersonData
  marketingOptIn?: boolean
  membership?: MembershipData
  payment?: PaymentData
}

export type RowCheck = { ok: true; row: ImportRow } | { ok: false; line: number; email: string; errors: string[] }

/** Statuses whose membership has (had) a paid period: they need its dates and get a number. */
export const PERIOD_STATUSES: readonly MembershipStatus[] = ['active', 'grace', 'lapsed']

const EMAIL_CHECK_REQ = { payload: { collections: {}, config: {} }, t: () => 'invalid' }

/** The check Payload's own email field makes (the users collection refuses what it refuses). */
export function isEmailAddress(value: string): boolean {
  return (validations.email as (value: unknown, options: unknown) => true | string)(value, { req: EMAIL_CHECK_REQ, required: true }) === true
}

const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/

/** A calendar day written `YYYY-MM-DD` or with slashes in the import's order, as `YYYY-MM-DD`; null if it is not one. */
export function parseDay(text: string, order: DateOrder): string | null {
  const value = text.trim()
  let y: number, m: number, d: number
  const iso = DAY.exec(value)
  const slashed = SLASHED.exec(value)
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (slashed) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])]
    ;[y, m, d] = order === 'dmy' ? [Number(slashed[3]), b, a] : [Number(slashed[3]), a, b]
  } else return null
  const date = new UTCDate(y, m - 1, d)
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const dayExample = (order: DateOrder) => `YYYY-MM-DD (e.g. 2026-03-31) or ${order === 'dmy' ? 'DD/MM/YYYY (e.g. 31/03/2026)' : 'MM/DD/YYYY (e.g. 03/31/2026)'}`

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'on', 'optedin', 'optin', 'subscribed'])
const NO = new Set(['no', 'n', 'false', '0', 'off', 'optedout', 'optout', 'unsubscribed'])

export function parseYesNo(text: string): boolean | null {
  const value = normaliseHeader(text)
  if (YES.has(value)) return true
  if (NO.has(value)) return false
  return null
}

const statusByName = new Map<string, MembershipStatus>(MEMBERSHIP_STATUSES.flatMap((status) => [[normaliseHeader(status), status] as const, [normaliseHeader(STATUS_LABELS[status]), status] as const]))
statusByName.set('grace', 'grace')
statusByName.set('expired', 'lapsed')
statusByName.set('current', 'active')
statusByName.set('pending', 'awaiting_payment')

const IMPORTABLE_METHODS = PAYMENT_METHODS.filter((method) => method !== 'dummy')
const methodByName = new Map<string, PaymentMethod>(IMPORTABLE_METHODS.flatMap((method) => [[normaliseHeader(method), method] as const, [normaliseHeader(METHOD_LABELS[method]), method] as const]))
methodByName.set('transfer', 'bank_transfer')
methodByName.set('banktransfer', 'bank_transfer')
methodByName.set('bacs', 'bank_transfer')
methodByName.set('standingorder', 'bank_transfer')
methodByName.set('free', 'complimentary')
methodByName.set('comp', 'complimentary')
methodByName.set('check', 'cheque')

const ADDRESS_LIMITS = { line1: 200, line2: 200, town: 100, county: 100, postcode: 20, country: 100 } as const

/** A custom value as typed in a spreadsheet cell, in the form its definition keeps. */
function customValueFrom(definition: CustomFieldDefinition, text: string, order: DateOrder): { ok: true; value: CustomValue } | { ok: false; message: string } {
  let value: unknown = text
  switch (definition.type) {
    case 'number': {
      const number = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
      if (Number.isNaN(number)) return { ok: false, message: `${definition.label} must be a number, not “${text.trim().slice(0, 40)}”.` }
      value = number
      break
    }
    case 'date':
      value = parseDay(text, order) ?? text.trim()
      break
    case 'checkbox': {
      const yes = parseYesNo(text)
      if (yes === null) return { ok: false, message: `${definition.label} must be yes or no, not “${text.trim().slice(0, 40)}”.` }
      value = yes
      break
    }
    case 'choice': {
      const wanted = text.trim().toLowerCase()
      value = definition.options?.find((option) => option.value.toLowerCase() === wanted || option.label.toLowerCase() === wanted)?.value ?? text.trim()
      break
    }
  }
  const checked = checkValue(definition, value)
  if (!checked.ok && definition.type === 'date') return { ok: false, message: `${definition.label}: “${text.trim().slice(0, 40)}” is not a date; write it as ${dayExample(order)}.` }
  return checked
}

/** Splits "Jo Anne Smith" into first name "Jo Anne" and last name "Smith"; "Smith, Jo" into "Jo" and "Smith". */
export function splitName(full: string): { firstName: string; lastName: string } {
  const text = full.trim().replace(/\s+/g, ' ')
  if (text.includes(',')) {
    const [last, first] = text.split(',', 2).map((part) => part.trim())
    return { firstName: first ?? '', lastName: last ?? '' }
  }
  const at = text.lastIndexOf(' ')
  return at < 0 ? { firstName: text, lastName: '' } : { firstName: text.slice(0, at), lastName: text.slice(at + 1) }
}

/**
 * Checks one data row. An empty cell gives nothing (it never clears what a person has); the
 * email is always needed. In `create` mode the row may describe a membership (a tier, its status,
 * period and number) and what was paid for it.
 */
export function checkRow(line: number, cells: readonly string[], context: RowContext): RowCheck {
  const { headers, mapping, mode, dateOrder, now } = context
  const errors: string[] = []
  const cell = new Map<string, { text: string; header: string }>()
  if (cells.length > headers.length && cells.slice(headers.length).some((value) => value.trim())) {
    errors.push(`The row has ${cells.length} values but the first line names ${headers.length} columns: a value holding the delimiter must be in quotes.`)
  }
  mapping.forEach((key, index) => {
    const text = (cells[index] ?? '').trim()
    if (key && text) cell.set(key, { text, header: headers[index] || `column ${index + 1}` })
  })
  const named = (key: string) => `${cell.get(key)?.header ?? key}`
  const quoted = (key: string) => `“${cell.get(key)!.text.slice(0, 60)}”`

  const emailText = cell.get('email')?.text.toLowerCase() ?? ''
  if (!emailText) errors.push('The email address is missing.')
  else if (emailText.length > 254 || !isEmailAddress(emailText)) errors.push(`${named('email')}: ${quoted('email')} is not an email address.`)

  const person: PersonData = {}
  const name = cell.get('name')
  const firstName = name ? splitName(name.text).firstName : cell.get('firstName')?.text
  const lastName = name ? splitName(name.text).lastName : cell.get('lastName')?.text
  for (const [key, value] of [['firstName', firstName], ['lastName', lastName]] as const) {
    if (value === undefined || value === '') continue
    if (value.length > 100) errors.push(`${named(name ? 'name' : key)}: a ${key === 'firstName' ? 'first' : 'last'} name is at most 100 characters.`)
    else person[key] = value
  }

  if (cell.has('phone')) {
    const checked = checkPhone(cell.get('phone')!.text, context.country)
    if (checked.ok) person.phone = checked.value
    else errors.push(`${named('phone')}: ${checked.message}`)
  }
  if (cell.has('dateOfBirth')) {
    const day = parseDay(cell.get('dateOfBirth')!.text, dateOrder)
    if (!day) errors.push(`${named('dateOfBirth')}: ${quoted('dateOfBirth')} is not a date; write it as ${dayExample(dateOrder)}.`)
    else if (isFutureDay(day, now)) errors.push(`${named('dateOfBirth')}: a date of birth cannot be in the future.`)
    else if (Number(day.slice(0, 4)) < EARLIEST_YEAR) errors.push(`${named('dateOfBirth')}: a date of birth is ${EARLIEST_YEAR} or later.`)
    else person.dateOfBirth = day
  }
  const address: NonNullable<PersonData['address']> = {}
  for (const part of Object.keys(ADDRESS_LIMITS) as (keyof typeof ADDRESS_LIMITS)[]) {
    const value = cell.get(`address.${part}`)?.text
    if (!value) continue
    if (value.length > ADDRESS_LIMITS[part]) errors.push(`${named(`address.${part}`)}: at most ${ADDRESS_LIMITS[part]} characters.`)
    else address[part] = value
  }
  if (address.postcode) {
    const checked = checkPostcode(address.postcode, countryCodeOf(address.country) ?? context.country)
    if (checked.ok) address.postcode = checked.value
    else errors.push(`${named('address.postcode')}: ${checked.message}`)
  }
  if (Object.keys(address).length) person.address = address

  const custom: Record<string, CustomValue> = {}
  for (const definition of context.definitions) {
    const key = `${CUSTOM_PREFIX}${definition.key}`
    const given = cell.get(key)
    if (!given || isEmptyValue(given.text)) continue
    const checked = customValueFrom(definition, given.text, dateOrder)
    if (checked.ok) custom[definition.key] = checked.value
    else errors.push(`${given.header}: ${checked.message}`)
  }
  if (Object.keys(custom).length) person.customFields = custom

  let marketingOptIn: boolean | undefined
  if (cell.has('marketingOptIn')) {
    const yes = parseYesNo(cell.get('marketingOptIn')!.text)
    if (yes === null) errors.push(`${named('marketingOptIn')}: ${quoted('marketingOptIn')} is not yes or no.`)
    else marketingOptIn = yes
  }

  let membership: MembershipData | undefined
  let payment: PaymentData | undefined
  if (mode === 'create') {
    const checked = checkMembership(cell, context, named, quoted)
    errors.push(...checked.errors)
    membership = checked.membership
    payment = checked.payment
  }

  if (errors.length) return { ok: false, line, email: emailText, errors }
  return { ok: true, row: { line, email: emailText, person, marketingOptIn, membership, payment } }
}

type Cells = Map<string, { text: string; header: string }>

function checkMembership(cell: Cells, context: RowContext, named: (key: string) => string, quoted: (key: string) => string): { errors: string[]; membership?: MembershipData; payment?: PaymentData } {
  const errors: string[] = []
  const { dateOrder, now } = context
  const tierText = cell.get('tier')?.text
  const membershipKeys = ['status', 'periodStart', 'periodEnd', 'membershipNumber', 'organisationName', 'amount', 'method', 'paidAt'].filter((key) => cell.has(key))
  if (!tierText) {
    if (membershipKeys.length) errors.push(`The tier is missing: ${membershipKeys.map(named).join(', ')} belong to a membership of a tier.`)
    return { errors }
  }
  const wanted = normaliseHeader(tierText)
  const tier = context.tiers.find((candidate) => normaliseHeader(candidate.name) === wanted || String(candidate.id) === tierText)
  if (!tier) {
    errors.push(`${named('tier')}: there is no tier ${quoted('tier')}; the tiers are ${context.tiers.map((t) => t.name).join(', ') || '(none yet)'}.`)
    return { errors }
  }

  const day = (key: string): string | null | undefined => {
    if (!cell.has(key)) return undefined
    const parsed = parseDay(cell.get(key)!.text, dateOrder)
    if (!parsed) errors.push(`${named(key)}: ${quoted(key)} is not a date; write it as ${dayExample(dateOrder)}.`)
    return parsed
  }
  const startDay = day('periodStart')
  const endDay = day('periodEnd')
  const paidDay = day('paidAt')
  if (paidDay && isFutureDay(paidDay, now)) errors.push(`${named('paidAt')}: the date paid cannot be in the future.`)

  let amount: number | undefined
  if (cell.has('amount')) {
    const parsed = parseMajorAmount(cell.get('amount')!.text, tier.currency)
    if (parsed.ok) amount = parsed.minor
    else errors.push(`${named('amount')}: ${parsed.message}`)
  }
  let method: PaymentMethod | undefined
  if (cell.has('method')) {
    method = methodByName.get(normaliseHeader(cell.get('method')!.text))
    if (!method) errors.push(`${named('method')}: ${quoted('method')} is not a payment method; use ${IMPORTABLE_METHODS.map((m) => METHOD_LABELS[m].toLowerCase()).join(', ')}.`)
  } else if (amount !== undefined) errors.push('The payment method is missing: say how the amount was paid (cash, cheque, bank transfer, card…).')

  let status: MembershipStatus | undefined
  if (cell.has('status')) {
    status = statusByName.get(normaliseHeader(cell.get('status')!.text))
    if (!status) errors.push(`${named('status')}: ${quoted('status')} is not a membership status; use ${MEMBERSHIP_STATUSES.map((s) => STATUS_LABELS[s].toLowerCase()).join(', ')}.`)
  }
  if (errors.length) return { errors }

  const periodFrom = startDay ?? paidDay ?? null
  if (!status) {
    // not given: what the dates and the payment say
    if (endDay) status = new Date(`${endDay}T00:00:00.000Z`) > now ? 'active' : 'lapsed'
    else status = amount !== undefined || periodFrom ? 'active' : 'awaiting_payment'
  }
  const needsPeriod = PERIOD_STATUSES.includes(status)
  const periodStart: string | null = periodFrom ? `${periodFrom}T00:00:00.000Z` : null
  let periodEnd: string | null = endDay ? `${endDay}T00:00:00.000Z` : null
  if (needsPeriod && !periodStart) errors.push(`The period start is missing: a membership that is ${STATUS_LABELS[status].toLowerCase()} needs the day its period began.`)
  if (periodStart && !periodEnd) {
    try {
      periodEnd = periodStartingAt(toTierPeriod(tier), new Date(periodStart)).end.toISOString()
    } catch (error) {
      errors.push(`The period end is missing and the ${tier.name} tier cannot work it out: ${(error as Error).message}`)
    }
  }
  if (periodStart && periodEnd && new Date(periodEnd) <= new Date(periodStart)) errors.push(`${named('periodEnd')}: the period must end after it starts (${startDay ?? paidDay}).`)
  if (periodStart && isFutureDay(periodStart.slice(0, 10), new Date(now.getTime() + 366 * 86_400_000))) errors.push(`${named('periodStart')}: the period starts more than a year from now.`)
  if (!needsPeriod && !periodStart) periodEnd = null

  const organisationName = cell.get('organisationName')?.text ?? null
  if (tier.kind === 'organisation' && !organisationName) errors.push(`The organisation name is missing: the ${tier.name} tier is for an organisation.`)
  if (organisationName && organisationName.length > 120) errors.push(`${named('organisationName')}: at most 120 characters.`)

  const membershipNumber = cell.get('membershipNumber')?.text ?? null
  if (membershipNumber && (membershipNumber.length > 40 || !/^[\w./-]+$/.test(membershipNumber))) {
    errors.push(`${named('membershipNumber')}: ${quoted('membershipNumber')} is not a membership number (letters, digits, - / . _, at most 40).`)
  }
  if (membershipNumber && !needsPeriod && status !== 'cancelled') errors.push(`${named('membershipNumber')}: a membership that is ${STATUS_LABELS[status].toLowerCase()} has no number yet.`)

  let payment: PaymentData | undefined
  if (amount !== undefined && method) {
    if (!needsPeriod && status !== 'cancelled') errors.push(`${named('amount')}: a payment belongs to a paid membership (active, in grace, lapsed), not one that is ${STATUS_LABELS[status].toLowerCase()}.`)
    else if (method === 'complimentary' && amount !== 0) errors.push(`${named('amount')}: a complimentary membership is paid 0.`)
    else payment = { amount, currency: tier.currency, method, paidAt: `${paidDay ?? startDay ?? now.toISOString().slice(0, 10)}T00:00:00.000Z` }
  }
  if (errors.length) return { errors }
  return { errors, membership: { tier, status, periodStart, periodEnd, membershipNumber, organisationName: tier.kind === 'organisation' ? organisationName : null }, payment }
}
