/**
 * Writing a planned batch (issue 16 point 5). Two paths:
 *
 * - **New people** (the bulk of a first import) are inserted together, a few statements per
 *   batch rather than several Payload operations per row: their accounts (verified, as staff vouch
 *   for them, with no password: they set one through "forgot password" or a sign-in link, and no
 *   password hashing slows the import), memberships with their history and numbers, ledger entries
 *   with receipt numbers, marketing consents and audit entries. What Payload's hooks would compute
 *   is computed by the same domain code: personal details sealed as `encryptedField` seals them,
 *   custom values stored through `toStored`, numbers from the settings counters, titles and
 *   history entries as the memberships collection makes them.
 * - **People who already have an account** are changed one row at a time through Payload (the
 *   users collection's checks, hooks and audit trail), each row in its own transaction.
 *
 * On PostgreSQL a batch of new people is one transaction; if any of it fails, it is rolled back and
 * its rows are written again one by one, each alone, so a bad row writes nothing and never stops
 * the good ones. SQLite (development) runs Payload without transactions: what a failed batch
 * inserted is deleted again before its rows are retried one by one.
 */
import { randomBytes } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import type { Membership, User } from '@payload-types'

import { auditChanges } from '@/audit/diff'
import { queueEmails } from '@/email/queue'
import { memberVariables, membershipVariables, paymentVariables } from '@/email/variables'
import { raiseSettingsCounter, reserveSettingsCounter } from '@/lib/counters'
import { inArray, isPostgres, tableOf, transactionDb } from '@/lib/db'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { historyEntry, openKeyFor } from '@/membership/transitions'
import { formatMembershipNumber } from '@/membership/numbers'
import { formatReceiptNumber } from '@/payments/ledger'
import { sealValue } from '@/privacy/fieldEncryption'

import { toStored } from '../customFields'
import type { CustomFieldDefinition } from '../customFieldRules'
import type { PlannedRow, RowReport } from './plan'
import type { MembershipData, PaymentData } from './rows'
import { PERIOD_STATUSES } from './rows'

export type ImportOptions = { sendWelcome: boolean; sendReceipts: boolean }

/** The import a write belongs to, and who runs it (recorded on everything written). */
export type ImportSource = {
  id: number
  filename: string
  importer: User
  options: ImportOptions
  definitions: readonly CustomFieldDefinition[]
  /** The membership number prefix from settings. */
  prefix: string
  /** Payload's default for a new person's country (the users collection's own). */
  defaultCountry: string | null
  now: Date
}

const rowId = () => randomBytes(12).toString('hex')
const seal = (path: string, value: string | null | undefined) => (value ? sealValue(value, { collection: 'users', path }) : null)
const reasonFor = (source: ImportSource, line: number) => `Imported from ${source.filename} (import ${source.id}, line ${line})`
const actorLabel = (source: ImportSource) => source.importer.email

/** Inserted rows, to delete again when a batch fails on SQLite (no transactions there). */
class Inserted {
  private readonly rows: { table: string; ids: number[] }[] = []
  add(table: string, ids: number[]) {
    if (ids.length) this.rows.push({ table, ids })
  }
  async remove(payload: Payload) {
    const db = payload.db.drizzle as unknown as Awaited<ReturnType<typeof transactionDb>>
    for (const { table, ids } of this.rows.reverse()) {
      const t = tableOf(payload, table)
      await db.delete(t).where(inArray(t.id, ids))
    }
  }
}

type NewMembership = { member: number; name: string; email: string; line: number; membership: MembershipData }
type NewPayment = { member: number; membership: number; email: string; line: number; payment: PaymentData & { key: string } }

/** Membership numbers for the new memberships that need one: those given (the counter moved past them) and the next ones from settings. */
async function numbersFor(req: PayloadRequest, entries: NewMembership[], source: ImportSource): Promise<(string | null)[]> {
  const prefix = source.prefix
  const given = entries.flatMap((e) => (e.membership.membershipNumber?.startsWith(prefix) && /^\d+$/.test(e.membership.membershipNumber.slice(prefix.length)) ? [Number(e.membership.membershipNumber.slice(prefix.length))] : []))
  if (given.length) await raiseSettingsCounter(req, 'lastMembershipNumber', Math.max(...given))
  const wanting = entries.filter((e) => !e.membership.membershipNumber && PERIOD_STATUSES.includes(e.membership.status)).length
  let next = wanting ? await reserveSettingsCounter(req, 'lastMembershipNumber', wanting) : 0
  return entries.map((e) => e.membership.membershipNumber ?? (PERIOD_STATUSES.includes(e.membership.status) ? formatMembershipNumber(prefix, next++) : null))
}

async function insertMemberships(req: PayloadRequest, entries: NewMembership[], source: ImportSource, inserted: Inserted): Promise<Map<number, { id: number; doc: Membership }>> {
  const created = new Map<number, { id: number; doc: Membership }>()
  if (!entries.length) return created
  const db = await transactionDb(req)
  const numbers = await numbersFor(req, entries, source)
  const now = source.now.toISOString()
  const values = entries.map((e, i) => {
    const m = e.membership
    return {
      member: e.member,
      tier: m.tier.id,
      title: [m.tier.name, e.name, numbers[i]].filter(Boolean).join(' · '),
      organisationName: m.organisationName,
      status: m.status,
      membershipNumber: numbers[i],
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      openKey: openKeyFor(m.status, e.member, m.tier.id),
      memberImport: source.id,
      createdAt: now,
      updatedAt: now,
    }
  })
  const table = tableOf(req.payload, 'memberships')
  const rows = (await db.insert(table).values(values).returning({ id: table.id, member: table.member })) as { id: number; member: number }[]
  inserted.add('memberships', rows.map((r) => r.id))
  const ids = new Map(rows.map((r) => [Number(r.member), Number(r.id)]))
  const history = entries.map((e) => {
    const entry = historyEntry({ from: null, to: e.membership.status, cause: 'admin', actor: source.importer.id, reason: reasonFor(source, e.line), at: source.now })
    return { _order: 1, _parentID: ids.get(e.member)!, id: rowId(), from: null, to: entry.to, at: entry.at, cause: entry.cause, actor: source.importer.id, reason: entry.reason, payment: null }
  })
  await db.insert(tableOf(req.payload, 'memberships_history')).values(history)
  entries.forEach((e, i) => {
    const v = values[i]!
    created.set(e.member, { id: ids.get(e.member)!, doc: { id: ids.get(e.member)!, ...v, history: [], createdAt: now, updatedAt: now } as unknown as Membership })
  })
  return created
}

async function insertPayments(req: PayloadRequest, entries: NewPayment[], source: ImportSource, inserted: Inserted): Promise<{ id: number; entry: NewPayment; receiptNumber: string }[]> {
  if (!entries.length) return []
  const db = await transactionDb(req)
  let sequence = await reserveSettingsCounter(req, 'lastReceiptNumber', entries.length)
  const now = source.now.toISOString()
  const values = entries.map((e) => ({
    membership: e.membership,
    member: e.member,
    amount: e.payment.amount,
    currency: e.payment.currency,
    method: e.payment.method,
    purpose: 'membership',
    status: 'succeeded',
    paidAt: e.payment.paidAt,
    receiptNumber: formatReceiptNumber(new Date(e.payment.paidAt).getUTCFullYear(), sequence++),
    recordedBy: source.importer.id,
    // the period it paid for is the membership's first here; it activated nothing that was not already active
    periodKey: `${e.membership}:first`,
    appliedAt: now,
    idempotencyKey: e.payment.key,
    notes: `${reasonFor(source, e.line)}.`,
    memberImport: source.id,
    createdAt: now,
    updatedAt: now,
  }))
  const table = tableOf(req.payload, 'payments')
  const rows = (await db.insert(table).values(values).returning({ id: table.id, key: table.idempotencyKey })) as { id: number; key: string }[]
  inserted.add('payments', rows.map((r) => r.id))
  const byKey = new Map(rows.map((r) => [r.key, Number(r.id)]))
  const audit = entries.map((e, i) => ({
    collection: 'payments',
    document: byKey.get(e.payment.key)!,
    payment: byKey.get(e.payment.key)!,
    operation: 'create',
    actor: source.importer.id,
    actorLabel: actorLabel(source),
    summary: `Created: ${reasonFor(source, e.line)}`,
    changes: auditChanges(null, { ...values[i], membership: e.membership, member: e.member }),
    createdAt: now,
    updatedAt: now,
  }))
  await insertAudit(req, audit, inserted)
  return entries.map((entry, i) => ({ id: byKey.get(entry.payment.key)!, entry, receiptNumber: values[i]!.receiptNumber }))
}

async function insertAudit(req: PayloadRequest, rows: Record<string, unknown>[], inserted: Inserted) {
  if (!rows.length) return
  const table = tableOf(req.payload, 'audit-entries')
  const ids = (await (await transactionDb(req)).insert(table).values(rows).returning({ id: table.id })) as { id: number }[]
  inserted.add('audit-entries', ids.map((r) => r.id))
}

async function insertConsents(req: PayloadRequest, rows: { person: number; granted: boolean; line: number }[], source: ImportSource, inserted: Inserted) {
  if (!rows.length) return
  const now = source.now.toISOString()
  const table = tableOf(req.payload, 'consents')
  const ids = (await (await transactionDb(req))
    .insert(table)
    .values(rows.map((r) => ({ person: r.person, kind: 'marketing', granted: r.granted, policyVersion: null, note: `${reasonFor(source, r.line)}.`, givenAt: now, source: 'admin', recordedBy: source.importer.id, createdAt: now, updatedAt: now })))
    .returning({ id: table.id })) as { id: number }[]
  inserted.add('consents', ids.map((r) => r.id))
}

/** New people, their memberships, payments and consents, inserted together. */
async function insertNewPeople(req: PayloadRequest, items: PlannedRow[], source: ImportSource, inserted: Inserted): Promise<void> {
  const db = await transactionDb(req)
  const now = source.now.toISOString()
  const byKey = new Map(source.definitions.map((d) => [d.key, d]))
  const people = items.map(({ row }) => {
    const p = row.person
    const address = { ...p.address, country: p.address?.country ?? source.defaultCountry ?? undefined }
    const custom = p.customFields ? Object.fromEntries(Object.entries(p.customFields).map(([key, value]) => [key, toStored(key, byKey.get(key), value)])) : null
    return {
      email: row.email,
      firstName: p.firstName!,
      lastName: p.lastName!,
      phone: seal('phone', p.phone),
      dateOfBirth: seal('dateOfBirth', p.dateOfBirth),
      address_line1: seal('address.line1', address.line1),
      address_line2: seal('address.line2', address.line2),
      address_town: seal('address.town', address.town),
      address_county: seal('address.county', address.county),
      address_postcode: seal('address.postcode', address.postcode),
      address_country: seal('address.country', address.country),
      customFields: custom,
      // staff vouch for the addresses they import
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    }
  })
  const users = tableOf(req.payload, 'users')
  const rows = (await db.insert(users).values(people).returning({ id: users.id, email: users.email })) as { id: number; email: string }[]
  inserted.add('users', rows.map((r) => r.id))
  const ids = new Map(rows.map((r) => [r.email, Number(r.id)]))
  await db.insert(tableOf(req.payload, 'users_roles')).values(rows.map((r) => ({ order: 1, parent: r.id, value: 'member' })))
  await insertAudit(
    req,
    items.map(({ row }, i) => ({
      collection: 'users',
      document: ids.get(row.email)!,
      person: ids.get(row.email)!,
      operation: 'create',
      actor: source.importer.id,
      actorLabel: actorLabel(source),
      summary: `Created: ${reasonFor(source, row.line)}`,
      changes: auditChanges(null, { ...people[i], ...row.person, phone: row.person.phone, roles: ['member'], emailVerifiedAt: now }),
      createdAt: now,
      updatedAt: now,
    })),
    inserted,
  )
  for (const item of items) item.report.person = ids.get(item.row.email)!

  const name = (item: PlannedRow) => `${item.row.person.firstName} ${item.row.person.lastName}`
  const memberships = await insertMemberships(
    req,
    items.flatMap((item) => (item.newMembership ? [{ member: ids.get(item.row.email)!, name: name(item), email: item.row.email, line: item.row.line, membership: item.newMembership }] : [])),
    source,
    inserted,
  )
  const payments = await insertPayments(
    req,
    items.flatMap((item) => {
      const member = ids.get(item.row.email)!
      const membership = memberships.get(member)?.id
      return item.newPayment && membership ? [{ member, membership, email: item.row.email, line: item.row.line, payment: item.newPayment }] : []
    }),
    source,
    inserted,
  )
  await insertConsents(
    req,
    items.flatMap((item) => (item.marketing === true ? [{ person: ids.get(item.row.email)!, granted: true, line: item.row.line }] : [])),
    source,
    inserted,
  )
  await sendAskedFor(req, items, source, memberships, payments)
}

/** Welcome emails and receipts, only when the import asked for them. */
async function sendAskedFor(
  req: PayloadRequest,
  items: PlannedRow[],
  source: ImportSource,
  memberships: Map<number, { id: number; doc: Membership }>,
  payments: { id: number; entry: NewPayment; receiptNumber: string }[],
) {
  const emails: Parameters<typeof queueEmails>[1][number][] = []
  if (source.options.sendWelcome) {
    for (const item of items) {
      if (item.existing) continue
      const person = { firstName: item.row.person.firstName!, lastName: item.row.person.lastName!, email: item.row.email }
      emails.push({ template: 'welcome', to: item.row.email, variables: { member: memberVariables(person) }, related: { relationTo: 'users', value: item.report.person! } })
    }
  }
  if (source.options.sendReceipts) {
    for (const { id, entry, receiptNumber } of payments) {
      const item = items.find((candidate) => candidate.row.email === entry.email)!
      const person = { firstName: item.row.person.firstName ?? item.existing?.firstName ?? '', lastName: item.row.person.lastName ?? item.existing?.lastName ?? '', email: entry.email }
      const membership = memberships.get(entry.member)?.doc
      emails.push({
        template: 'payment-receipt',
        to: entry.email,
        variables: {
          member: memberVariables(person),
          payment: paymentVariables({ id, amount: entry.payment.amount, currency: entry.payment.currency, method: entry.payment.method, paidAt: entry.payment.paidAt, receiptNumber } as never),
          membership: membership ? membershipVariables(membership, item.row.membership!.tier) : undefined,
        },
        related: { relationTo: 'payments', value: id },
      })
    }
  }
  await queueEmails(req, emails)
}

/** A person who has an account: their details through Payload, then their membership, payment and consent. */
async function writeExisting(req: PayloadRequest, item: PlannedRow, source: ImportSource, inserted: Inserted): Promise<void> {
  const existing = item.existing!
  const member = existing.id as number
  let person = existing
  if (item.person?.fields.length) {
    person = (await req.payload.update({ collection: 'users', id: member, data: item.person.data, req, depth: 0, overrideAccess: true, context: { memberImport: source.id } })) as User
  }
  if (item.marketing !== undefined) await insertConsents(req, [{ person: member, granted: item.marketing, line: item.row.line }], source, inserted)
  let membershipId = item.membershipId
  if (item.membershipUpdate) {
    const { data, to } = item.membershipUpdate
    const membership = (await req.payload.findByID({ collection: 'memberships', id: item.membershipUpdate.membership.id, req, depth: 0, overrideAccess: true })) as Membership
    const status = to ?? membership.status
    const next: Partial<Membership> = { ...data }
    if (to) {
      next.status = to
      next.openKey = openKeyFor(to, membership.member, membership.tier)
      next.history = [...(membership.history ?? []), historyEntry({ from: membership.status as never, to, cause: 'admin', actor: source.importer.id, reason: reasonFor(source, item.row.line), at: source.now })]
    }
    if (PERIOD_STATUSES.includes(status as never) && !membership.membershipNumber && !next.membershipNumber) {
      next.membershipNumber = (await numbersFor(req, [{ member, name: '', email: item.row.email, line: item.row.line, membership: { ...item.row.membership!, status: status as never, membershipNumber: null } }], source))[0]
    }
    await req.payload.update({ collection: 'memberships', id: membership.id, data: next, req, depth: 0, overrideAccess: true })
  }
  if (item.newMembership) {
    const created = await insertMemberships(req, [{ member, name: `${person.firstName} ${person.lastName}`, email: item.row.email, line: item.row.line, membership: item.newMembership }], source, inserted)
    membershipId = created.get(member)!.id
  }
  let payments: Awaited<ReturnType<typeof insertPayments>> = []
  if (item.newPayment && membershipId !== undefined) {
    payments = await insertPayments(req, [{ member, membership: membershipId, email: item.row.email, line: item.row.line, payment: item.newPayment }], source, inserted)
  }
  if (source.options.sendReceipts && payments.length) {
    const membership = (await req.payload.findByID({ collection: 'memberships', id: membershipId!, req, depth: 0, overrideAccess: true })) as Membership
    await sendAskedFor(req, [{ ...item, existing: person }], { ...source, options: { sendWelcome: false, sendReceipts: true } }, new Map([[member, { id: membership.id, doc: membership }]]), payments)
  }
}

/** Writes one group of rows in its own transaction; on SQLite, what it inserted is deleted again when it fails. */
async function attempt(payload: Payload, source: ImportSource, work: (req: PayloadRequest, inserted: Inserted) => Promise<void>): Promise<void> {
  const req = await systemRequest(payload, source.importer)
  req.context.memberImport = source.id
  const inserted = new Inserted()
  try {
    await inTransaction(req, (tx) => work(tx, inserted))
  } catch (error) {
    if (!isPostgres(payload)) await inserted.remove(payload)
    throw error
  }
}

const messageOf = (error: unknown): string => {
  const data = (error as { data?: { errors?: { path?: string; message?: string }[] } }).data
  const reasons = data?.errors?.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).filter(Boolean)
  return `Not written: ${reasons?.length ? reasons.join('; ') : ((error as Error).message ?? String(error)).split('\n')[0]}`
}

/** Writes a planned batch; returns every row's report (a row that could not be written says why). */
export async function writeBatch(payload: Payload, planned: PlannedRow[], source: ImportSource): Promise<RowReport[]> {
  const toWrite = planned.filter((item) => item.report.outcome !== 'unchanged')
  const fresh = toWrite.filter((item) => !item.existing)
  const existing = toWrite.filter((item) => item.existing)
  const fail = (item: PlannedRow, error: unknown) => {
    payload.logger.info(`Import ${source.id}, line ${item.row.line}: ${(error as Error).message}`)
    item.report = { ...item.report, outcome: 'failed', message: messageOf(error), person: item.existing?.id ?? null }
  }
  if (fresh.length) {
    try {
      await attempt(payload, source, (req, inserted) => insertNewPeople(req, fresh, source, inserted))
    } catch {
      // one of them is at fault: each on its own, so the others are written
      for (const item of fresh) {
        try {
          await attempt(payload, source, (req, inserted) => insertNewPeople(req, [item], source, inserted))
        } catch (error) {
          fail(item, error)
        }
      }
    }
  }
  for (const item of existing) {
    try {
      await attempt(payload, source, (req, inserted) => writeExisting(req, item, source, inserted))
    } catch (error) {
      fail(item, error)
    }
  }
  return planned.map((item) => item.report)
}
