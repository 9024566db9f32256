/**
 * Where a person's data lives beyond their account, one eraser per collection (issue 15, point 8).
 * Erasing a person runs every eraser here, in order, in the erasure's transaction
 * (src/privacy/erasure.ts); a collection that comes to hold personal data adds its eraser to
 * ERASERS and nothing else changes. Financial records (payments, refunds, receipts, membership
 * periods and history) are not erasers' business: they stay, linked to the anonymous account.
 */
import type { SQL } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { membershipsChanged } from '@/access/membership'
import type { Table } from '@/lib/db'
import { and, eq, inArray, or, sql, tableOf, transactionDb } from '@/lib/db'
import { holdFilesUntilSettled } from '@/lib/uploadFiles'

import { ERASED_MESSAGE, ERASED_RECIPIENT, isErasedAddress, scrubText } from './anonymise'

/** The person being erased, as they were, and what they become. */
export type ErasureSubject = {
  id: number
  /** Every address the person used with us, as stored and in lower case: their email and a pending new one. */
  emails: string[]
  /** Their personal values (names, emails, phone) that are rubbed out of texts written about them. */
  values: string[]
  /** The name they were known by, as it appears in titles ("Jo Newcomer"). */
  fullName: string
  anonymous: { label: string; email: string; reference: string }
}

export type Eraser = {
  /** What it erases, for the report and the audit entry (e.g. "rsvps"). */
  name: string
  /** Erases what the collection holds about the subject; returns how many rows it changed or removed. */
  erase: (req: PayloadRequest, subject: ErasureSubject) => Promise<number>
}

const count = (result: unknown): number => {
  const rows = (result as { rowsAffected?: number; rowCount?: number } | unknown[]) ?? []
  if (Array.isArray(rows)) return rows.length
  return Number((rows as { rowsAffected?: number }).rowsAffected ?? (rows as { rowCount?: number }).rowCount ?? 0)
}

/** Addresses are stored as written (normalised to lower case where Hangar writes them): matched as stored, so the column's index is used. */
const emailIn = (column: Parameters<typeof inArray>[0], emails: string[]) => inArray(column, emails)

/** Their seats on organisations' memberships and their places in households, named by email: removed. */
const seatsAndHouseholds: Eraser = {
  name: 'memberships (seats and households)',
  erase: async (req, subject) => {
    if (subject.emails.length === 0) return 0
    const db = await transactionDb(req)
    let changed = 0
    for (const table of ['memberships_seat_holders', 'memberships_household_members']) {
      const t = tableOf(req.payload, table)
      changed += count(await db.delete(t).where(emailIn(t.email, subject.emails)).returning({ id: t.id }))
    }
    if (changed > 0) membershipsChanged()
    return changed
  },
}

/**
 * Their own memberships stay (periods, numbers, history); the title loses their name, staff notes
 * about them go, and reasons written in the history lose their name.
 */
const ownMemberships: Eraser = {
  name: 'memberships (own)',
  erase: async (req, subject) => {
    const t = tableOf(req.payload, 'memberships')
    const db = await transactionDb(req)
    const title = subject.fullName.trim() ? sql`replace(${t.title}, ${subject.fullName.trim()}, ${subject.anonymous.label})` : t.title
    const changed = count(await db.update(t).set({ title, internalNotes: null }).where(eq(t.member, subject.id)).returning({ id: t.id }))
    const history = tableOf(req.payload, 'memberships_history')
    const own = db.select({ id: t.id }).from(t).where(eq(t.member, subject.id))
    return changed + (await scrubColumns(req, subject, history, inArray(history._parentID, own), ['reason']))
  },
}

/**
 * Rows' free-text columns lose the person's values (scrubText); returns how many rows changed.
 * Used where the row itself must stay (money, history) but a person may have written a name.
 */
async function scrubColumns(req: PayloadRequest, subject: ErasureSubject, table: Table, where: SQL | undefined, columns: string[]): Promise<number> {
  const db = await transactionDb(req)
  const rows = (await db
    .select({ id: table.id, ...Object.fromEntries(columns.map((column) => [column, table[column]])) })
    .from(table)
    .where(where)) as Array<Record<string, unknown> & { id: number | string }>
  let changed = 0
  for (const row of rows) {
    const next: Record<string, unknown> = {}
    for (const column of columns) {
      const value = row[column]
      if (typeof value !== 'string' || !value) continue
      const scrubbed = scrubText(value, subject.values, subject.anonymous.label)
      if (scrubbed !== value) next[column] = scrubbed
    }
    if (Object.keys(next).length === 0) continue
    await db.update(table).set(next).where(eq(table.id, row.id))
    changed += 1
  }
  return changed
}

/**
 * Payments, refunds and receipts stay as they are (amounts, dates, references, the anonymous
 * member): only free text written on them (notes, reasons) loses the person's name and contact details.
 */
const paymentTexts: Eraser = {
  name: 'payments (free text)',
  erase: async (req, subject) => {
    const p = tableOf(req.payload, 'payments')
    const refunds = tableOf(req.payload, 'payments_refunds')
    const db = await transactionDb(req)
    const theirs = db.select({ id: p.id }).from(p).where(eq(p.member, subject.id))
    return (
      (await scrubColumns(req, subject, p, eq(p.member, subject.id), ['notes', 'amountReason', 'cancelReason', 'discount_reason'])) +
      (await scrubColumns(req, subject, refunds, inArray(refunds._parentID, theirs), ['reason']))
    )
  },
}

/**
 * JSON columns (a webhook's body, a job's input) lose the person's values wherever they appear in
 * the text, as scrubText does, escaped as JSON writes them. Rows that named nobody are left alone.
 */
async function scrubJsonColumn(req: PayloadRequest, subject: ErasureSubject, table: Table, where: SQL | undefined, column: string): Promise<number> {
  const db = await transactionDb(req)
  const rows = (await db.select({ id: table.id, value: table[column] }).from(table).where(where)) as Array<{ id: number | string; value: unknown }>
  const values = subject.values.map((value) => JSON.stringify(value).slice(1, -1))
  let changed = 0
  for (const row of rows) {
    if (row.value === null || row.value === undefined) continue
    const text = typeof row.value === 'string' ? row.value : JSON.stringify(row.value)
    const clean = scrubText(text, values, subject.anonymous.label)!
    if (clean === text) continue
    await db.update(table).set({ [column]: typeof row.value === 'string' ? clean : JSON.parse(clean) }).where(eq(table.id, row.id))
    changed += 1
  }
  return changed
}

/** A text search in a JSON column, the same on Postgres (jsonb) and SQLite (text). */
const jsonMentions = (column: unknown, needle: string) => sql`cast(${column} as text) like ${`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`

/**
 * Webhooks the payment providers sent about their payments (the inbox, collections/payment-events)
 * may carry the name, email and address the payer gave the provider: the events stay (what was
 * paid and when), those values go. Found by their payments' provider references and their addresses.
 */
const paymentEvents: Eraser = {
  name: 'payment-events',
  erase: async (req, subject) => {
    const p = tableOf(req.payload, 'payments')
    const e = tableOf(req.payload, 'payment_events')
    const db = await transactionDb(req)
    const references = (await db
      .select({ payment: p.providerPaymentId, customer: p.providerCustomerId })
      .from(p)
      .where(eq(p.member, subject.id))) as Array<{ payment: string | null; customer: string | null }>
    const needles = [...new Set([...references.flatMap((r) => [r.payment, r.customer]), ...subject.emails].filter((n): n is string => typeof n === 'string' && n.length >= 6))]
    if (needles.length === 0) return 0
    return scrubJsonColumn(req, subject, e, or(...needles.map((needle) => jsonMentions(e.payload, needle))), 'payload')
  },
}

/**
 * Jobs waiting or failed (finished ones are deleted) whose input names them, e.g. a password reset
 * asked for their address: the input loses it, so a retry does nothing for anyone.
 */
const jobInputs: Eraser = {
  name: 'payload-jobs (inputs)',
  erase: async (req, subject) => {
    if (subject.emails.length === 0) return 0
    const t = tableOf(req.payload, 'payload_jobs')
    return scrubJsonColumn(req, subject, t, or(...subject.emails.map((email) => jsonMentions(t.input, email))), 'input')
  },
}

/** Answers to events' questions are free text about the person (diet, needs): cleared; the reply itself stays. */
const rsvpAnswers: Eraser = {
  name: 'rsvps',
  erase: async (req, subject) => {
    const t = tableOf(req.payload, 'rsvps')
    const db = await transactionDb(req)
    return count(await db.update(t).set({ answers: null }).where(eq(t.member, subject.id)).returning({ id: t.id }))
  },
}

/** Events they organised name them as the contact: the name becomes the anonymous one, email and phone go. */
const eventOrganiser: Eraser = {
  name: 'events (organiser)',
  erase: async (req, subject) => {
    if (subject.emails.length === 0) return 0
    const t = tableOf(req.payload, 'events')
    const db = await transactionDb(req)
    return count(
      await db
        .update(t)
        .set({ organiser_name: subject.anonymous.label, organiser_email: null, organiser_phone: null })
        .where(emailIn(t.organiser_email, subject.emails))
        .returning({ id: t.id }),
    )
  },
}

/** When they are free, and their notes: all of it is about them, so the record goes. */
const availability: Eraser = {
  name: 'availability',
  erase: async (req, subject) => {
    const { docs } = await req.payload.delete({ collection: 'availability', where: { member: { equals: subject.id } }, overrideAccess: true, depth: 0, req })
    return docs.length
  },
}

/** Their requests to be emailed when an event's registration opens: nobody is to be emailed any more. */
const registrationAlerts: Eraser = {
  name: 'registration-alerts',
  erase: async (req, subject) => {
    const db = await transactionDb(req)
    const t = tableOf(req.payload, 'registration-alerts')
    return count(await db.delete(t).where(eq(t.member, subject.id)).returning({ id: t.id }))
  },
}

/**
 * Certificates are documents about the person (a first-aid card, a licence): deleted with their
 * files. Their assignments' standing is worked out again by the certificates' own hooks; the
 * coordinator's notes on their assignments go too. Hours on shifts stay, as counts.
 */
const certificates: Eraser = {
  name: 'certificates',
  erase: async (req, subject) => {
    // their files go once the erasure commits (a rolled-back erasure keeps them)
    await holdFilesUntilSettled(req, 'certificates', { member: { equals: subject.id } })
    const { docs } = await req.payload.delete({ collection: 'certificates', where: { member: { equals: subject.id } }, overrideAccess: true, depth: 0, req })
    const t = tableOf(req.payload, 'volunteer_assignments')
    const db = await transactionDb(req)
    const notes = count(await db.update(t).set({ notes: null }).where(eq(t.member, subject.id)).returning({ id: t.id }))
    return docs.length + notes
  },
}

/**
 * Emails sent to them: the address becomes the anonymous one and the message is removed (the
 * row stays, so the counts of what was sent hold); one still waiting is not sent. Emails to
 * others about them (staff told of their application or payment) keep their text without the
 * person's name, address and phone.
 */
const notifications: Eraser = {
  name: 'notifications',
  erase: async (req, subject) => {
    const n = tableOf(req.payload, 'notifications')
    const rels = tableOf(req.payload, 'notifications_rels')
    const m = tableOf(req.payload, 'memberships')
    const p = tableOf(req.payload, 'payments')
    const db = await transactionDb(req)
    let changed = 0
    if (subject.emails.length > 0) {
      const toThem = await db
        .update(n)
        .set({ recipient: subject.anonymous.email, subject: `To ${subject.anonymous.label}`, text: ERASED_MESSAGE, html: null, error: null })
        .where(emailIn(n.recipient, subject.emails))
        .returning({ id: n.id })
      changed += count(toThem)
      await db.update(n).set({ status: 'failed', error: ERASED_RECIPIENT }).where(and(eq(n.recipient, subject.anonymous.email), eq(n.status, 'queued')))
    }
    const about = await db
      .select({ id: n.id, recipient: n.recipient, subject: n.subject, text: n.text, html: n.html })
      .from(n)
      .innerJoin(rels, eq(rels.parent, n.id))
      .where(
        or(
          eq(rels.usersID, subject.id),
          inArray(rels.membershipsID, db.select({ id: m.id }).from(m).where(eq(m.member, subject.id))),
          inArray(rels.paymentsID, db.select({ id: p.id }).from(p).where(eq(p.member, subject.id))),
        ),
      )
    for (const row of about as Array<{ id: number; recipient: string; subject: string; text: string | null; html: string | null }>) {
      if (isErasedAddress(row.recipient)) continue
      const scrubbed = {
        subject: scrubText(row.subject, subject.values, subject.anonymous.label)!,
        text: scrubText(row.text, subject.values, subject.anonymous.label),
        html: scrubText(row.html, subject.values, subject.anonymous.label),
      }
      if (scrubbed.subject === row.subject && scrubbed.text === row.text && scrubbed.html === row.html) continue
      await db.update(n).set(scrubbed).where(eq(n.id, row.id))
      changed += 1
    }
    return changed
  },
}

/**
 * Entries stay (who changed what, when). Where the person made a change, "by" no longer names
 * them; values recorded in entries about them or their payments (a refund's reason) lose their name.
 */
const auditEntries: Eraser = {
  name: 'audit-entries',
  erase: async (req, subject) => {
    const t = tableOf(req.payload, 'audit_entries')
    const p = tableOf(req.payload, 'payments')
    const db = await transactionDb(req)
    // an entry's actorLabel is its actor's email at the time (hooks/auditTrail.ts); actor is indexed
    const relabelled = count(await db.update(t).set({ actorLabel: subject.anonymous.label }).where(eq(t.actor, subject.id)).returning({ id: t.id }))
    const about = (await db
      .select({ id: t.id, changes: t.changes })
      .from(t)
      .where(or(eq(t.person, subject.id), inArray(t.payment, db.select({ id: p.id }).from(p).where(eq(p.member, subject.id)))))) as Array<{ id: number; changes: unknown }>
    let scrubbed = 0
    for (const row of about) {
      if (row.changes === null || row.changes === undefined) continue
      const text = typeof row.changes === 'string' ? row.changes : JSON.stringify(row.changes)
      // the values of their custom fields (recorded unless sensitive) go: only that they changed stays
      const withoutCustomValues = JSON.stringify(withCustomValuesRedacted(JSON.parse(text)))
      const clean = scrubText(withoutCustomValues, subject.values.map((value) => JSON.stringify(value).slice(1, -1)), subject.anonymous.label)!
      if (clean === text) continue
      await db.update(t).set({ changes: typeof row.changes === 'string' ? clean : JSON.parse(clean) }).where(eq(t.id, row.id))
      scrubbed += 1
    }
    return relabelled + scrubbed
  },
}

function withCustomValuesRedacted(changes: unknown): unknown {
  if (!Array.isArray(changes)) return changes
  return changes.map((change: { field?: unknown }) => (typeof change?.field === 'string' && change.field.startsWith('customFields.') ? { field: change.field, redacted: true } : change))
}

/** The admin panel's remembered list columns and the like, per account: nothing worth keeping. */
const preferences: Eraser = {
  name: 'payload-preferences',
  erase: async (req, subject) => {
    const { docs } = await req.payload.delete({
      collection: 'payload-preferences',
      where: { and: [{ 'user.relationTo': { equals: 'users' } }, { 'user.value': { equals: subject.id } }] },
      overrideAccess: true,
      depth: 0,
      req,
    })
    return docs.length
  },
}

/**
 * Consent records (collections/consents, SPEC §11) stay as evidence of what was agreed and when,
 * linked to the anonymous account; a staff note on one (how a consent was given) loses the
 * person's values. Skipped where the collection is not part of the configuration.
 */
const consents: Eraser = {
  name: 'consents',
  erase: async (req, subject) => {
    if (!(req.payload.collections as Record<string, unknown>)['consents']) return 0
    const t = tableOf(req.payload, 'consents')
    return scrubColumns(req, subject, t, eq(t.person, subject.id), ['note'])
  },
}

/**
 * Sign-ins (collections/sign-in-events): when and from which address the person signed in, and
 * failed attempts against their account or with their address. All of it is about them: removed.
 */
const signInEvents: Eraser = {
  name: 'sign-in-events',
  erase: async (req, subject) => {
    const t = tableOf(req.payload, 'sign_in_events')
    const db = await transactionDb(req)
    const theirs = subject.emails.length > 0 ? or(eq(t.person, subject.id), emailIn(t.email, subject.emails)) : eq(t.person, subject.id)
    return count(await db.delete(t).where(theirs).returning({ id: t.id }))
  },
}

/**
 * Every eraser, run in this order. The account itself (names, contact details, photo, sign-in)
 * is anonymised by src/privacy/erasure.ts before these run. A new collection holding personal
 * data (e.g. consents) adds its eraser here.
 */
export const ERASERS: readonly Eraser[] = [
  seatsAndHouseholds,
  ownMemberships,
  paymentTexts,
  paymentEvents,
  jobInputs,
  rsvpAnswers,
  eventOrganiser,
  availability,
  registrationAlerts,
  certificates,
  consents,
  signInEvents,
  notifications,
  auditEntries,
  preferences,
]
