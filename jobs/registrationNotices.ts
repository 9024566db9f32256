import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { PreparedTemplate, QueuedEmail } from '@/email/queue'
import { prepareTemplate, queueEmails, siteUrl } from '@/email/queue'
import { checkBankAccount } from '@/events/bankAccount'
import { eventWhen } from '@/events/labels'
import { contactOf } from '@/events/registrant'
import { registrationState } from '@/events/registration'
import { holdReminderWindow } from '@/events/reservations'
import { and, drizzleOf, eq, gt, inArray, isNull, isPostgres, lt, lte, or, sql, tableOf, transactionDb } from '@/lib/db'
import { formatMoney } from '@/lib/money'
import { inTransaction, systemRequest } from '@/lib/transaction'

import { recordJobRun } from './health'

const BATCH_SIZE = 200

export type RegistrationNoticesReport = { registrationOpen: number; holdsExpiring: number }

/**
 * The emails an event's dates cause (issue 19 point 8), hourly, each once per person and kind:
 * - "registration is open" to every member who asked (registration-alerts) once an event's
 *   registration has opened, while it is still open or full;
 * - "your place is about to be released" to a registrant whose place is held for a payment that
 *   has not come, HOLD_REMINDER_HOURS before the hold ends (the release itself, and its email,
 *   is jobs/releaseReservations.ts).
 * The rows due are selected in SQL a batch at a time; a batch is claimed with one conditional
 * UPDATE (… WHERE marker IS NULL RETURNING) and its emails queued in the same transaction, so
 * two runners, a retry or a crash mid-run never send one twice (on SQLite, without transactions,
 * one row at a time: a crash loses at most that row's email, never doubles one).
 */
export async function runRegistrationNotices(payload: Payload, options: { now?: Date } = {}): Promise<RegistrationNoticesReport> {
  const now = options.now ?? new Date()
  return {
    registrationOpen: await sendRegistrationOpen(payload, now),
    holdsExpiring: await sendHoldReminders(payload, now),
  }
}

type OpenRow = {
  id: number
  memberId: number
  email: string
  firstName: string | null
  eventId: number
  title: string
  startsAt: string
  allDay: boolean | number | null
  location: string | null
  status: string
  registrationOpensAt: string | null
  registrationClosesAt: string | null
  capacity: number | null
  placesTaken: number | null
  waitlist: boolean | number | null
}

async function sendRegistrationOpen(payload: Payload, now: Date): Promise<number> {
  const a = tableOf(payload, 'registration-alerts')
  const e = tableOf(payload, 'events')
  const u = tableOf(payload, 'users')
  const prepared = await prepareTemplate(payload, 'event-registration-open')
  let sent = 0
  for (let afterId = 0; ; ) {
    // unsent requests for published events whose opening has passed and that have not started
    const rows = (await drizzleOf(payload)
      .select({
        id: a.id,
        memberId: u.id,
        email: u.email,
        firstName: u.firstName,
        eventId: e.id,
        title: e.title,
        startsAt: e.startsAt,
        allDay: e.allDay,
        location: e.location,
        status: e.status,
        registrationOpensAt: e.registrationOpensAt,
        registrationClosesAt: e.registrationClosesAt,
        capacity: e.capacity,
        placesTaken: e.placesTaken,
        waitlist: e.waitlist,
      })
      .from(a)
      .innerJoin(e, eq(e.id, a.event))
      .innerJoin(u, eq(u.id, a.member))
      .where(and(gt(a.id, afterId), isNull(a.sentAt), eq(e.status, 'published'), or(isNull(e.registrationOpensAt), lte(e.registrationOpensAt, now.toISOString())), gt(e.startsAt, now.toISOString())))
      .orderBy(a.id)
      .limit(BATCH_SIZE)) as OpenRow[]
    if (rows.length === 0) break
    afterId = rows.at(-1)!.id
    const due = rows.filter((row) => {
      const state = registrationState({ ...row, allDay: Boolean(row.allDay), waitlist: Boolean(row.waitlist) }, row.placesTaken ?? 0, now).state
      return state === 'open' || state === 'full'
    })
    sent += await claimAndQueue(payload, due, {
      table: a,
      marker: 'sentAt',
      now,
      email: (row) => openEmail(row, prepared, now),
    })
    if (rows.length < BATCH_SIZE) break
  }
  return sent
}

function openEmail(row: OpenRow, prepared: PreparedTemplate, now: Date): QueuedEmail {
  const state = registrationState({ ...row, allDay: Boolean(row.allDay), waitlist: Boolean(row.waitlist) }, row.placesTaken ?? 0, now)
  const closes = row.registrationClosesAt && new Date(row.registrationClosesAt).getTime() < new Date(row.startsAt).getTime() ? row.registrationClosesAt : null
  return {
    template: 'event-registration-open',
    prepared,
    to: row.email,
    related: { relationTo: 'users', value: row.memberId },
    variables: {
      member: { firstName: row.firstName ?? '' },
      event: {
        title: row.title,
        startsAt: eventWhen({ startsAt: iso(row.startsAt), allDay: Boolean(row.allDay) }),
        location: row.location ?? '',
        link: `${siteUrl()}/events/${row.eventId}`,
        closesAt: closes ? eventWhen({ startsAt: iso(closes) }) : '',
        placesLeft: state.placesLeft === null ? '' : String(state.placesLeft),
      },
    },
  }
}

type HoldRow = {
  id: number
  memberId: number | null
  email: string | null
  firstName: string | null
  guestEmail: string | null
  guestName: string | null
  eventId: number
  title: string
  startsAt: string
  allDay: boolean | number | null
  heldUntil: string
  amountDue: number | null
  currency: string | null
  paymentReference: string | null
  paymentMethod: string | null
  bankAccount: string | null
  paymentInstructions: string | null
}

async function sendHoldReminders(payload: Payload, now: Date): Promise<number> {
  const r = tableOf(payload, 'rsvps')
  const e = tableOf(payload, 'events')
  const u = tableOf(payload, 'users')
  const window = holdReminderWindow(now)
  const prepared = await prepareTemplate(payload, 'event-reservation-expiring')
  let sent = 0
  for (let afterId = 0; ; ) {
    // the (registrationStatus, heldUntil) index finds the holds ending soon
    const rows = (await drizzleOf(payload)
      .select({
        id: r.id,
        memberId: u.id,
        email: u.email,
        firstName: u.firstName,
        guestEmail: r.guestEmail,
        guestName: r.guestName,
        eventId: e.id,
        title: e.title,
        startsAt: e.startsAt,
        allDay: e.allDay,
        heldUntil: r.heldUntil,
        amountDue: r.amountDue,
        currency: r.currency,
        paymentReference: r.paymentReference,
        paymentMethod: r.paymentMethod,
        bankAccount: e.bankAccount,
        paymentInstructions: e.paymentInstructions,
      })
      .from(r)
      .innerJoin(e, eq(e.id, r.event))
      // a member's registration, or a guest's (name and email on the RSVP)
      .leftJoin(u, eq(u.id, r.member))
      .where(
        and(
          gt(r.id, afterId),
          eq(r.registrationStatus, 'payment_pending'),
          eq(r.status, 'going'),
          gt(r.heldUntil, window.endsAfter.toISOString()),
          lte(r.heldUntil, window.endsBefore.toISOString()),
          lt(r.createdAt, window.takenBefore.toISOString()),
          isNull(r.holdReminderSentAt),
        ),
      )
      .orderBy(r.id)
      .limit(BATCH_SIZE)) as HoldRow[]
    if (rows.length === 0) break
    afterId = rows.at(-1)!.id
    sent += await claimAndQueue(payload, rows.filter((row) => row.memberId !== null || row.guestEmail), {
      table: r,
      marker: 'holdReminderSentAt',
      // claimed only while the place is still held for payment (a payment may have just arrived)
      stillDue: and(eq(r.registrationStatus, 'payment_pending'), gt(r.heldUntil, now.toISOString())),
      now,
      email: (row) => holdEmail(row, prepared),
    })
    if (rows.length < BATCH_SIZE) break
  }
  return sent
}

function holdEmail(row: HoldRow, prepared: PreparedTemplate): QueuedEmail {
  const account = row.paymentMethod === 'bank_transfer' && row.bankAccount ? checkBankAccount(row.bankAccount) : null
  const instructions = [
    account ? `Pay by bank transfer to ${account.ok ? account.display : row.bankAccount}${row.paymentReference ? `, with the reference ${row.paymentReference}` : ''}.` : '',
    row.paymentInstructions ?? '',
  ]
    .filter(Boolean)
    .join('\n\n')
  const contact = contactOf(
    { guestEmail: row.guestEmail, guestName: row.guestName },
    row.memberId === null ? null : { id: row.memberId, email: row.email ?? '', firstName: row.firstName ?? '' },
  )!
  return {
    template: 'event-reservation-expiring',
    prepared,
    to: contact.email,
    related: contact.related,
    variables: {
      member: { firstName: contact.firstName },
      event: { title: row.title, startsAt: eventWhen({ startsAt: iso(row.startsAt), allDay: Boolean(row.allDay) }), link: `${siteUrl()}/events/${row.eventId}` },
      registration: {
        amount: formatMoney({ amount: Number(row.amountDue ?? 0), currency: row.currency ?? 'GBP' }),
        heldUntil: eventWhen({ startsAt: iso(row.heldUntil) }),
        reference: row.paymentReference ?? '',
        instructions,
      },
    },
  }
}

const iso = (value: unknown) => new Date(value as string).toISOString()

/**
 * Sets `marker` on the rows of `due` that are still unmarked (and `stillDue`), and queues the
 * email of exactly those, together: one transaction per batch on PostgreSQL; one row at a time
 * on SQLite.
 */
async function claimAndQueue<Row extends { id: number }>(
  payload: Payload,
  due: Row[],
  args: { table: ReturnType<typeof tableOf>; marker: string; stillDue?: ReturnType<typeof and>; now: Date; email: (row: Row) => QueuedEmail },
): Promise<number> {
  const chunk = isPostgres(payload) ? due.length : 1
  let claimedCount = 0
  for (let i = 0; i < due.length; i += chunk) {
    const rows = due.slice(i, i + chunk)
    claimedCount += await inTransaction(await systemRequest(payload), async (req: PayloadRequest) => {
      const db = await transactionDb(req)
      const column = args.table[args.marker]
      const claimed: Array<{ id: number }> = await db
        .update(args.table)
        .set({ [args.marker]: args.now.toISOString() })
        .where(and(inArray(args.table.id, rows.map((row) => row.id)), isNull(column), args.stillDue ?? sql`true`))
        .returning({ id: args.table.id })
      if (claimed.length === 0) return 0
      const ids = new Set(claimed.map((row) => row.id))
      await queueEmails(req, rows.filter((row) => ids.has(row.id)).map(args.email))
      return claimed.length
    })
  }
  return claimedCount
}

export const registrationNoticesTask: TaskConfig<'registrationNotices'> = {
  slug: 'registrationNotices',
  label: 'Event registration emails: registration open, payment reminders',
  inputSchema: [{ name: 'now', type: 'date' }],
  outputSchema: [
    { name: 'registrationOpen', type: 'number' },
    { name: 'holdsExpiring', type: 'number' },
  ],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  // hourly: registration opens, and holds end, at a moment of the day
  schedule: [{ cron: '0 20 * * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runRegistrationNotices(req.payload, { now: input?.now ? new Date(input.now) : undefined })
    await recordJobRun(req.payload, 'registrationNotices')
    req.payload.logger.info(`Event registration emails: ${report.registrationOpen} registration open, ${report.holdsExpiring} payment reminders`)
    return { output: report }
  },
}
