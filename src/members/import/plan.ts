/**
 * What importing a batch of checked rows would do (issue 16 points 5 and 6), decided against the
 * database with a handful of queries per batch (people by email, their memberships, marketing
 * consents, the import's payments and the membership numbers named), never one per row. The dry
 * run stops here; the run hands the plan to write.ts.
 *
 * Idempotent by email: a person is found by their email address; a membership by its person, tier
 * and period start; an imported payment by its reference (`import:<tier>:<period start>:<email>`).
 * Importing the same file again finds everything and plans nothing.
 */
import type { PayloadRequest } from 'payload'

import type { Consent, Membership, User, UsersSelect } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import type { MembershipStatus } from '@/membership/lifecycle'
import { OPEN_STATUSES, STATUS_LABELS, checkTransition } from '@/membership/lifecycle'
import { formatMoney } from '@/lib/money'
import { METHOD_LABELS } from '@/payments/ledger'

import type { CustomValue } from '../customFieldRules'
import type { ImportMode } from './fields'
import type { ImportRow, MembershipData, PaymentData, PersonData, RowCheck } from './rows'

export type Outcome = 'created' | 'updated' | 'unchanged' | 'failed'

/** One line of the report: what happened to a row (or, in a dry run, what would). */
export type RowReport = { line: number; email: string; outcome: Outcome; message: string; person?: number | null }

export type PersonChanges = { data: Record<string, unknown>; fields: string[] }

export type PlannedRow = {
  row: ImportRow
  report: RowReport
  /** The person as stored (read by the system: every value in plain text), when the email has an account. */
  existing?: User
  person?: PersonChanges
  marketing?: boolean
  newMembership?: MembershipData
  membershipUpdate?: { membership: Membership; data: Partial<Membership>; to?: MembershipStatus; fields: string[] }
  /** The membership a new payment belongs to when it already exists. */
  membershipId?: number
  newPayment?: PaymentData & { key: string }
}

/** Across the batches of one file: the first line of each email and membership number seen. */
export type FileState = { emails: Map<string, number>; numbers: Map<string, number> }
export const newFileState = (): FileState => ({ emails: new Map(), numbers: new Map() })

const day = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString().slice(0, 10) : null)

/** The reference an imported payment is recorded with: the same row imported again finds it. */
export const importPaymentKey = (email: string, tierId: number, periodStart: string | null) => `import:${tierId}:${day(periodStart) ?? 'none'}:${email}`

const failed = (line: number, email: string, errors: string[]): RowReport => ({ line, email, outcome: 'failed', message: errors.join(' ') })

const ADDRESS_LABELS: Record<string, string> = { line1: 'address line 1', line2: 'address line 2', town: 'town', county: 'county', postcode: 'postcode', country: 'country' }

/** The person's fields the row gives that differ from what is stored. */
export function personChanges(given: PersonData, existing: User | undefined): PersonChanges {
  const data: Record<string, unknown> = {}
  const fields: string[] = []
  for (const key of ['firstName', 'lastName', 'phone', 'dateOfBirth'] as const) {
    const value = given[key]
    if (value !== undefined && value !== (existing?.[key] ?? undefined)) {
      data[key] = value
      fields.push({ firstName: 'first name', lastName: 'last name', phone: 'phone', dateOfBirth: 'date of birth' }[key])
    }
  }
  if (given.address) {
    const stored = (existing?.address ?? {}) as Record<string, string | null | undefined>
    const changed = Object.entries(given.address).filter(([part, value]) => value !== (stored[part] ?? undefined))
    if (changed.length) {
      data.address = { ...Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== null && v !== undefined)), ...given.address }
      fields.push(...changed.map(([part]) => ADDRESS_LABELS[part]!))
    }
  }
  if (given.customFields) {
    const stored = (existing?.customFields ?? {}) as Record<string, CustomValue | null>
    const changed = Object.entries(given.customFields).filter(([key, value]) => stored[key] !== value)
    if (changed.length) {
      data.customFields = Object.fromEntries(changed)
      fields.push(...changed.map(([key]) => key))
    }
  }
  return { data, fields }
}

function describeMembership(m: MembershipData): string {
  const period = m.periodStart ? ` ${day(m.periodStart)} → ${day(m.periodEnd)}` : ''
  return `${m.tier.name} membership, ${STATUS_LABELS[m.status].toLowerCase()}${period}${m.membershipNumber ? `, number ${m.membershipNumber}` : ''}`
}
const describePayment = (p: PaymentData) => `${formatMoney({ amount: p.amount, currency: p.currency })} paid by ${METHOD_LABELS[p.method].toLowerCase()}`

type Lookups = {
  people: Map<string, User>
  memberships: Map<number, Membership[]>
  marketing: Map<number, boolean>
  payments: Map<string, { id: number; amount: number; method: string; membership: number | null }>
  numbers: Map<string, { id: number; member: number }>
}

async function lookUp(req: PayloadRequest, rows: ImportRow[]): Promise<Lookups> {
  const emails = [...new Set(rows.map((row) => row.email))]
  const common = { pagination: false as const, depth: 0, overrideAccess: true, req }
  // only what the rows compare: every field read costs its hooks (sealed ones are opened)
  const given = new Set(rows.flatMap((row) => Object.keys(row.person)))
  const select: Record<string, true> = { email: true, firstName: true, lastName: true, erasedAt: true }
  for (const key of ['phone', 'dateOfBirth', 'address', 'customFields'] as const) if (given.has(key)) select[key] = true
  const people = (emails.length ? (await req.payload.find({ collection: 'users', where: { email: { in: emails } }, limit: emails.length, select: select as UsersSelect, ...common })).docs : []) as User[]
  const byEmail = new Map(people.map((person) => [person.email.toLowerCase(), person as User]))
  const ids = people.map((person) => person.id)
  const wantsMemberships = rows.some((row) => row.membership)
  const wantsMarketing = rows.some((row) => row.marketingOptIn !== undefined)
  const keys = rows.flatMap((row) => (row.payment && row.membership ? [importPaymentKey(row.email, row.membership.tier.id, row.membership.periodStart)] : []))
  const numbers = [...new Set(rows.flatMap((row) => (row.membership?.membershipNumber ? [row.membership.membershipNumber] : [])))]
  const [memberships, consents, payments, numbered] = await Promise.all([
    wantsMemberships && ids.length
      ? req.payload.find({
          collection: 'memberships',
          where: { member: { in: ids } },
          sort: 'createdAt',
          // the history is read again by the row that changes the membership (write.ts)
          select: { member: true, tier: true, status: true, periodStart: true, periodEnd: true, membershipNumber: true, organisationName: true },
          ...common,
        })
      : null,
    wantsMarketing && ids.length
      ? req.payload.find({ collection: 'consents', where: { and: [{ person: { in: ids } }, { kind: { equals: 'marketing' } }] }, sort: '-givenAt', select: { person: true, granted: true }, ...common })
      : null,
    keys.length ? req.payload.find({ collection: 'payments', where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true, amount: true, method: true, membership: true }, ...common }) : null,
    numbers.length ? req.payload.find({ collection: 'memberships', where: { membershipNumber: { in: numbers } }, select: { membershipNumber: true, member: true }, ...common }) : null,
  ])
  const byMember = new Map<number, Membership[]>()
  for (const membership of (memberships?.docs ?? []) as Membership[]) {
    const member = Number(idOf(membership.member))
    byMember.set(member, [...(byMember.get(member) ?? []), membership])
  }
  const marketing = new Map<number, boolean>()
  for (const consent of (consents?.docs ?? []) as Consent[]) {
    const person = Number(idOf(consent.person))
    if (!marketing.has(person)) marketing.set(person, Boolean(consent.granted))
  }
  return {
    people: byEmail,
    memberships: byMember,
    marketing,
    payments: new Map(
      (payments?.docs ?? []).map((p) => [p.idempotencyKey as string, { id: p.id as number, amount: p.amount as number, method: p.method as string, membership: (idOf(p.membership) as number | undefined) ?? null }]),
    ),
    numbers: new Map((numbered?.docs ?? []).map((m) => [m.membershipNumber as string, { id: m.id as number, member: Number(idOf(m.member)) }])),
  }
}

/** The stored membership the row describes: same tier and period start (or, without a start, an open one of the tier). */
function matchMembership(stored: Membership[], wanted: MembershipData): Membership | undefined {
  const ofTier = stored.filter((m) => Number(idOf(m.tier)) === wanted.tier.id)
  if (wanted.periodStart) return ofTier.find((m) => day(m.periodStart) === day(wanted.periodStart))
  return ofTier.find((m) => !m.periodStart && (OPEN_STATUSES as readonly string[]).includes(m.status)) ?? ofTier.find((m) => !m.periodStart && m.status === wanted.status)
}

export type PlanContext = { mode: ImportMode; state: FileState; canRecordPayments: boolean }

/**
 * Plans a batch: each row's report says what will happen (created, updated, unchanged) or why
 * nothing will (failed). Rows that failed their checks come through as they are.
 */
export type PlanItem = PlannedRow | RowReport
export const isPlanned = (item: PlanItem): item is PlannedRow => 'row' in item

export async function planBatch(req: PayloadRequest, checks: RowCheck[], context: PlanContext): Promise<PlanItem[]> {
  const { state, mode } = context
  const reports: PlanItem[] = []
  const candidates: { index: number; row: ImportRow }[] = []
  for (const check of checks) {
    const email = check.ok ? check.row.email : check.email
    const line = check.ok ? check.row.line : check.line
    const first = email ? state.emails.get(email) : undefined
    const errors = check.ok ? [] : [...check.errors]
    if (first !== undefined) errors.unshift(`The email address is also on line ${first}: each person appears once in a file.`)
    else if (email) state.emails.set(email, line)
    const number = check.ok ? check.row.membership?.membershipNumber : undefined
    if (number) {
      const firstNumber = state.numbers.get(number)
      if (firstNumber !== undefined && first === undefined) errors.push(`Membership number ${number} is also on line ${firstNumber}.`)
      else state.numbers.set(number, line)
    }
    if (check.ok && check.row.payment && !context.canRecordPayments) errors.push('Recording a payment needs a role that records payments (treasurer or admin).')
    if (errors.length || !check.ok) reports.push(failed(line, email, errors))
    else {
      candidates.push({ index: reports.length, row: check.row })
      reports.push(failed(line, email, []))
    }
  }
  const found = await lookUp(
    req,
    candidates.map((c) => c.row),
  )
  for (const { index, row } of candidates) reports[index] = planRow(row, found, mode)
  return reports
}

function planRow(row: ImportRow, found: Lookups, mode: ImportMode): PlannedRow | RowReport {
  const { line, email } = row
  const existing = found.people.get(email)
  if (!existing && mode === 'update') return failed(line, email, ['Nobody has this email address: a bulk update changes people who already have an account.'])
  if (existing?.erasedAt) return failed(line, email, ['This person’s data was erased: an import does not bring it back.'])
  if (!existing && (!row.person.firstName || !row.person.lastName)) return failed(line, email, ['A new member needs a first name and a last name.'])

  const planned: PlannedRow = { row, existing, report: { line, email, outcome: 'unchanged', message: '', person: existing?.id ?? null } }
  const done: string[] = []
  const person = personChanges(row.person, existing)
  if (person.fields.length || !existing) planned.person = person
  if (existing && person.fields.length) done.push(`changed ${person.fields.join(', ')}`)

  if (row.marketingOptIn !== undefined) {
    const current = existing ? (found.marketing.get(existing.id as number) ?? false) : false
    if (current !== row.marketingOptIn) {
      planned.marketing = row.marketingOptIn
      done.push(row.marketingOptIn ? 'opted in to marketing' : 'opted out of marketing')
    }
  }

  const errors: string[] = []
  const wanted = row.membership
  if (wanted) {
    const stored = existing ? (found.memberships.get(existing.id as number) ?? []) : []
    const match = matchMembership(stored, wanted)
    const numberOwner = wanted.membershipNumber ? found.numbers.get(wanted.membershipNumber) : undefined
    if (numberOwner && numberOwner.id !== match?.id) errors.push(`Membership number ${wanted.membershipNumber} already belongs to another membership.`)
    if (match) {
      planned.membershipId = match.id
      const update = membershipUpdate(match, wanted)
      if ('error' in update) errors.push(update.error)
      else if (update.fields.length) {
        planned.membershipUpdate = { membership: match, ...update }
        done.push(`${wanted.tier.name} membership: ${update.fields.join(', ')}`)
      }
    } else {
      const open = (OPEN_STATUSES as readonly string[]).includes(wanted.status) && stored.find((m) => Number(idOf(m.tier)) === wanted.tier.id && (OPEN_STATUSES as readonly string[]).includes(m.status))
      if (open) {
        errors.push(
          `This person already has an open ${wanted.tier.name} membership (${STATUS_LABELS[open.status as MembershipStatus].toLowerCase()}${open.periodStart ? ` from ${day(open.periodStart)}` : ''}): a second one cannot be imported beside it; end that one first or give its period start.`,
        )
      } else {
        planned.newMembership = wanted
        done.push(describeMembership(wanted))
      }
    }
    if (row.payment) {
      const key = importPaymentKey(email, wanted.tier.id, wanted.periodStart)
      const recorded = found.payments.get(key)
      if (!recorded) {
        planned.newPayment = { ...row.payment, key }
        done.push(describePayment(row.payment))
      } else if (recorded.amount !== row.payment.amount || recorded.method !== row.payment.method) {
        errors.push(
          `The payment for this period is already recorded (${formatMoney({ amount: recorded.amount, currency: row.payment.currency })} by ${METHOD_LABELS[recorded.method as keyof typeof METHOD_LABELS]?.toLowerCase() ?? recorded.method}); an import does not change a recorded payment: refund it or record another in the ledger.`,
        )
      }
    }
  }
  if (errors.length) return failed(line, email, errors)

  if (!existing) {
    planned.report.outcome = 'created'
    planned.report.message = ['new member', ...done].join('; ')
  } else if (done.length) {
    planned.report.outcome = 'updated'
    planned.report.message = done.join('; ')
  } else planned.report.message = 'nothing to change'
  return planned
}

/** What changes on a stored membership for the row: status (as the state machine allows staff), period end, number, organisation. */
function membershipUpdate(stored: Membership, wanted: MembershipData): { data: Partial<Membership>; to?: MembershipStatus; fields: string[] } | { error: string } {
  const data: Partial<Membership> = {}
  const fields: string[] = []
  let to: MembershipStatus | undefined
  if (stored.status !== wanted.status) {
    const check = checkTransition({ from: stored.status as MembershipStatus, to: wanted.status, cause: 'admin', reason: 'Changed by an import' })
    if (!check.ok) return { error: `${check.message.replace(/\.$/, '')} (the stored ${wanted.tier.name} membership is ${STATUS_LABELS[stored.status as MembershipStatus].toLowerCase()}).` }
    to = wanted.status
    fields.push(`${STATUS_LABELS[stored.status as MembershipStatus].toLowerCase()} → ${STATUS_LABELS[wanted.status].toLowerCase()}`)
  }
  if (wanted.periodEnd && day(stored.periodEnd) !== day(wanted.periodEnd)) {
    data.periodEnd = wanted.periodEnd
    fields.push(`period end ${day(stored.periodEnd) ?? 'none'} → ${day(wanted.periodEnd)}`)
  }
  if (wanted.periodStart && !stored.periodStart) {
    data.periodStart = wanted.periodStart
    fields.push(`period start ${day(wanted.periodStart)}`)
  }
  if (wanted.membershipNumber && wanted.membershipNumber !== stored.membershipNumber) {
    if (stored.membershipNumber) return { error: `The ${wanted.tier.name} membership already has the number ${stored.membershipNumber}; a membership number never changes.` }
    data.membershipNumber = wanted.membershipNumber
    fields.push(`number ${wanted.membershipNumber}`)
  }
  if (wanted.organisationName && wanted.organisationName !== stored.organisationName) {
    data.organisationName = wanted.organisationName
    fields.push('organisation name')
  }
  return { data, to, fields }
}
