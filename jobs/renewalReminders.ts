import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import type { PreparedTemplate, QueuedEmail } from '@/email/queue'
import { prepareTemplate, queueEmails } from '@/email/queue'
import { memberVariables, membershipVariables } from '@/email/variables'
import { renewalLinkUrl } from '@/membership/renewalLinks'
import { and, drizzleOf, eq, gt, gte, inArray, isPostgres, lt, sql, tableOf, transactionDb } from '@/lib/db'
import { inTransaction, serialise, systemRequest } from '@/lib/transaction'
import type { ReminderSchedule } from '@/membership/reminders'
import { DEFAULT_REMINDERS_PER_PERIOD, REMINDABLE_STATUSES, dueStepRanges, dueWindow, reminderWhen } from '@/membership/reminders'

import { recordJobRun } from './health'

/** Memberships selected, claimed and queued together: on PostgreSQL one transaction each. */
export const REMINDER_BATCH_SIZE = 500

/**
 * A ledger row without its email is a claim whose run died before queueing it; on Postgres the
 * transaction rolls both back, but SQLite (as Payload runs it) has no transactions. A later run
 * finishes such a claim once it is this old, long after any live run would have.
 */
export const ORPHANED_CLAIM_AFTER_MS = 10 * 60_000

export type ReminderRunReport = { considered: number; queued: number; alreadySent: number; optedOut: number; notDue: number; completed: number }

/** The reminder schedule in settings, as offsets from the end of a period. */
export async function reminderSchedule(payload: Payload): Promise<ReminderSchedule> {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
  const before = (settings.reminderDaysBefore ?? [30, 14, 7, 0]).map((days) => -days)
  const after = settings.reminderDaysAfter ?? [7]
  return { offsets: [...before, ...after], maxPerPeriod: settings.remindersPerPeriod ?? DEFAULT_REMINDERS_PER_PERIOD }
}

/** A membership with a step due today, and what its email says. */
export type DueReminder = {
  membership: Pick<Membership, 'id' | 'status' | 'membershipNumber' | 'periodStart' | 'periodEnd' | 'organisationName'> & { periodEnd: string }
  /** Missing when the member's account is gone. */
  member: (Pick<User, 'id' | 'email' | 'firstName' | 'lastName'> & { optedOut: boolean }) | null
  tier: Pick<Tier, 'name' | 'graceDays'>
  step: string
  offset: number
}

/**
 * One daily run. The database is asked only for memberships with a step due today (see
 * dueReminders), a batch at a time by id, never all at once. Each batch is claimed and queued
 * together: ledger rows inserted with ON CONFLICT DO NOTHING (the unique (membership, period
 * end, step) index refuses a second claim, so concurrent or retried runs skip what another run
 * already sent), then the emails of exactly the rows claimed, in one transaction on PostgreSQL.
 */
export async function runRenewalReminders(
  payload: Payload,
  options: { today?: Date; batchSize?: number; orphanedClaimAfterMs?: number } = {},
): Promise<ReminderRunReport> {
  const today = options.today ?? new Date()
  const startedAt = new Date()
  const batchSize = options.batchSize ?? REMINDER_BATCH_SIZE
  const schedule = await reminderSchedule(payload)
  const report: ReminderRunReport = { considered: 0, queued: 0, alreadySent: 0, optedOut: 0, notDue: 0, completed: 0 }

  const prepared = await prepareTemplate(payload, 'renewal-reminder')
  report.completed = await completeOrphanedClaims(payload, { today, olderThanMs: options.orphanedClaimAfterMs ?? ORPHANED_CLAIM_AFTER_MS, prepared })
  report.considered = await countNearPeriodEnd(payload, today, schedule)

  let selected = 0
  for (let afterId = 0; ; ) {
    const batch = await dueReminders(payload, { today, schedule, claimedBefore: startedAt }, { afterId, limit: batchSize })
    if (batch.length === 0) break
    afterId = batch.at(-1)!.membership.id
    selected += batch.length
    const toSend = batch.filter((due) => due.member && !due.member.optedOut)
    report.optedOut += batch.length - toSend.length
    // Without transactions (SQLite), a claim is queued before the next is made: a crash leaves one orphan at most.
    const chunk = isPostgres(payload) ? toSend.length : 1
    for (let i = 0; i < toSend.length; i += chunk) {
      const claims = toSend.slice(i, i + chunk)
      const claimed = await claimAndQueue(payload, claims, { today, prepared })
      report.queued += claimed
      report.alreadySent += claims.length - claimed
    }
    if (batch.length < batchSize) break
  }
  report.notDue = Math.max(0, report.considered - selected)
  return report
}

const memberships = (payload: Payload) => tableOf(payload, 'memberships')
const ledger = (payload: Payload) => tableOf(payload, 'reminders')

/** Memberships in a remindable status whose period ends where some step can be due today. */
async function countNearPeriodEnd(payload: Payload, today: Date, schedule: ReminderSchedule): Promise<number> {
  const m = memberships(payload)
  const window = dueWindow(today, schedule)
  const [row] = await drizzleOf(payload)
    .select({ count: sql<number>`count(*)` })
    .from(m)
    .where(and(inArray(m.status, [...REMINDABLE_STATUSES]), gte(m.periodEnd, window.from.toISOString()), lt(m.periodEnd, window.to.toISOString())))
  return Number(row?.count ?? 0)
}

/**
 * Memberships with a renewal reminder due today, in id order, `limit` after `afterId`: in a
 * remindable status, their period end in the range where a step is the latest due
 * (dueStepRanges), that step not in the ledger and the period's maximum not reached; with
 * their member and tier, in one query. A step claimed since `claimedBefore` (by a run going on
 * beside this one) is still selected: the claim then finds it taken and counts it already sent.
 */
export async function dueReminders(
  payload: Payload,
  args: { today: Date; schedule: ReminderSchedule; claimedBefore: Date },
  page: { afterId: number; limit: number },
): Promise<DueReminder[]> {
  const ranges = dueStepRanges(args.today, args.schedule)
  if (ranges.length === 0 || args.schedule.maxPerPeriod < 1) return []
  const m = memberships(payload)
  const r = ledger(payload)
  const u = tableOf(payload, 'users')
  const t = tableOf(payload, 'tiers')
  const step = sql<string>`CASE ${sql.join(
    ranges.map((range) => sql`WHEN ${m.periodEnd} >= ${range.from.toISOString()} AND ${m.periodEnd} < ${range.to.toISOString()} THEN ${range.step}`),
    sql` `,
  )} END`
  const sameMembershipPeriod = sql`${r.membership} = ${m.id} AND ${r.periodEnd} = ${m.periodEnd}`
  const rows = await drizzleOf(payload)
    .select({
      id: m.id,
      status: m.status,
      membershipNumber: m.membershipNumber,
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      organisationName: m.organisationName,
      step,
      memberId: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      renewalReminders: u.emailPreferences_renewalReminders,
      tierName: t.name,
      graceDays: t.graceDays,
    })
    .from(m)
    .leftJoin(u, eq(u.id, m.member))
    .leftJoin(t, eq(t.id, m.tier))
    .where(
      and(
        gt(m.id, page.afterId),
        inArray(m.status, [...REMINDABLE_STATUSES]),
        gte(m.periodEnd, ranges.at(-1)!.from.toISOString()),
        lt(m.periodEnd, ranges[0]!.to.toISOString()),
        sql`NOT EXISTS (SELECT 1 FROM ${r} WHERE ${sameMembershipPeriod} AND ${r.step} = ${step} AND ${r.createdAt} < ${args.claimedBefore.toISOString()})`,
        sql`(SELECT count(*) FROM ${r} WHERE ${sameMembershipPeriod}) < ${args.schedule.maxPerPeriod}`,
      ),
    )
    .orderBy(m.id)
    .limit(page.limit)
  const offsetOf = new Map(ranges.map((range) => [range.step, range.offset]))
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null)
  return rows.map((row) => ({
    membership: {
      id: row.id,
      status: row.status,
      membershipNumber: row.membershipNumber,
      periodStart: iso(row.periodStart),
      periodEnd: iso(row.periodEnd)!,
      organisationName: row.organisationName,
    },
    member: row.memberId == null ? null : { id: row.memberId, email: row.email, firstName: row.firstName, lastName: row.lastName, optedOut: row.renewalReminders === false || row.renewalReminders === 0 },
    tier: { name: row.tierName ?? '', graceDays: row.graceDays == null ? 0 : Number(row.graceDays) },
    step: row.step,
    offset: offsetOf.get(row.step)!,
  }))
}

/**
 * Claims `due` in the ledger and queues the email of each step claimed, together: one
 * transaction, one insert of ledger rows (ON CONFLICT DO NOTHING RETURNING: the rows another
 * run holds are skipped), the notifications, one insert of their jobs and one update linking
 * them. Returns how many were claimed here.
 */
async function claimAndQueue(payload: Payload, due: DueReminder[], args: { today: Date; prepared: PreparedTemplate }): Promise<number> {
  if (due.length === 0) return 0
  return inTransaction(await systemRequest(payload), async (req) => {
    const r = ledger(payload)
    const db = await transactionDb(req)
    const now = new Date().toISOString()
    const claimed: Array<{ id: number; membership: number }> = await db
      .insert(r)
      .values(due.map((d) => ({ membership: d.membership.id, member: d.member!.id, periodEnd: d.membership.periodEnd, step: d.step, offset: d.offset, createdAt: now, updatedAt: now })))
      .onConflictDoNothing()
      .returning({ id: r.id, membership: r.membership })
    if (claimed.length === 0) return 0
    const byMembership = new Map(due.map((d) => [d.membership.id, d]))
    const mine = claimed.map((row) => ({ reminder: row.id, due: byMembership.get(row.membership)! }))
    const notifications = await queueEmails(
      req,
      mine.map(({ due }) => reminderEmail(payload, due, args)),
    )
    await linkNotifications(req, mine.map(({ reminder }, i) => [reminder, notifications[i]!.id]))
    return claimed.length
  })
}

function reminderEmail(payload: Payload, due: DueReminder, args: { today: Date; prepared: PreparedTemplate }): QueuedEmail {
  const { membership, member, tier, offset } = due
  return {
    template: 'renewal-reminder',
    prepared: args.prepared,
    to: member!.email,
    related: { relationTo: 'memberships', value: membership.id },
    variables: {
      member: memberVariables(member!),
      membership: membershipVariables(membership as Membership, tier),
      reminder: { daysLeft: -offset, when: reminderWhen(membership.periodEnd, args.today) },
      links: { renew: renewalLinkUrl(payload, { membership, member: member!, tier }) },
    },
  }
}

/** Records which notification each ledger row sent, in one UPDATE. */
async function linkNotifications(req: PayloadRequest, pairs: Array<[reminder: number, notification: number]>): Promise<void> {
  if (pairs.length === 0) return
  const r = ledger(req.payload)
  const db = await transactionDb(req)
  const values = sql.join(
    pairs.map(([reminder, notification]) => sql`(CAST(${reminder} AS integer), CAST(${notification} AS integer))`),
    sql`, `,
  )
  // VALUES names its columns column1, column2 on SQLite and PostgreSQL alike
  await db
    .update(r)
    .set({ notification: sql`linked.column2` })
    .from(sql`(VALUES ${values}) AS linked`)
    .where(sql`${r.id} = linked.column1`)
}

/** Memberships that can have a reminder due in `window`, in id order, `limit` at a time after `afterId`. */
export async function remindableMemberships(payload: Payload, window: { from: Date; to: Date }, page: { afterId: number; limit: number }): Promise<Membership[]> {
  const { docs } = await payload.find({
    collection: 'memberships',
    where: {
      and: [
        { status: { in: [...REMINDABLE_STATUSES] } },
        { periodEnd: { greater_than_equal: window.from.toISOString() } },
        { periodEnd: { less_than: window.to.toISOString() } },
        { id: { greater_than: page.afterId } },
      ],
    },
    sort: 'id',
    limit: page.limit,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { member: true, tier: true, status: true, periodEnd: true, membershipNumber: true, periodStart: true, organisationName: true },
  })
  return docs as Membership[]
}

/** For a batch, in two queries: the steps already sent for each membership's current period, and its member. */
export async function reminderContext(payload: Payload, batch: Membership[]) {
  const [ledger, members] = await Promise.all([
    payload.find({
      collection: 'reminders',
      where: { membership: { in: batch.map((m) => m.id) } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { membership: true, periodEnd: true, step: true },
    }),
    payload.find({
      collection: 'users',
      where: { id: { in: [...new Set(batch.map((m) => idOf(m.member)))] } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { email: true, firstName: true, lastName: true, emailPreferences: true },
    }),
  ])
  const sent = new Map<string, string[]>()
  for (const row of ledger.docs) {
    const key = `${idOf(row.membership)}@${new Date(row.periodEnd).getTime()}`
    sent.set(key, [...(sent.get(key) ?? []), row.step])
  }
  const memberById = new Map((members.docs as User[]).map((u) => [u.id, u]))
  return {
    sentFor: (m: Membership) => sent.get(`${m.id}@${new Date(m.periodEnd!).getTime()}`) ?? [],
    memberOf: (m: Membership) => memberById.get(idOf(m.member) as number),
  }
}

/** Queues the email of claims a dead run left without one (see ORPHANED_CLAIM_AFTER_MS). */
async function completeOrphanedClaims(payload: Payload, args: { today: Date; olderThanMs: number; prepared: PreparedTemplate }): Promise<number> {
  const { docs } = await payload.find({
    collection: 'reminders',
    where: { and: [{ notification: { exists: false } }, { createdAt: { less_than_equal: new Date(Date.now() - args.olderThanMs).toISOString() } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let completed = 0
  for (const orphan of docs) {
    const done = await inTransaction(await systemRequest(payload), async (req) => {
      await serialise(req, `reminders:${idOf(orphan.membership)}`)
      const reminder = await payload.findByID({ collection: 'reminders', id: orphan.id, req, depth: 0, overrideAccess: true, disableErrors: true })
      if (!reminder || reminder.notification) return false
      const membership = (await payload.findByID({ collection: 'memberships', id: idOf(reminder.membership)!, req, depth: 0, overrideAccess: true })) as Membership
      // Renewed, cancelled or opted out since: the claim stands (nothing is sent twice) but says nothing.
      const member = (await payload.findByID({ collection: 'users', id: idOf(reminder.member)!, req, depth: 0, overrideAccess: true })) as User
      const stillDue = membership.periodEnd === reminder.periodEnd && membership.status !== 'cancelled' && member.emailPreferences?.renewalReminders !== false
      if (!stillDue) return false
      const tier = (await payload.findByID({ collection: 'tiers', id: idOf(membership.tier)!, req, depth: 0, overrideAccess: true })) as Tier
      const due: DueReminder = {
        membership: { ...membership, periodEnd: membership.periodEnd! },
        member: { ...member, optedOut: false },
        tier,
        step: reminder.step,
        offset: reminder.offset ?? 0,
      }
      const [notification] = await queueEmails(req, [reminderEmail(payload, due, args)])
      await linkNotifications(req, [[reminder.id, notification!.id]])
      return true
    })
    if (done) completed += 1
  }
  return completed
}

export const renewalRemindersTask: TaskConfig<'renewalReminders'> = {
  slug: 'renewalReminders',
  label: 'Send renewal reminders',
  inputSchema: [{ name: 'today', type: 'date' }],
  outputSchema: [
    { name: 'considered', type: 'number' },
    { name: 'queued', type: 'number' },
    { name: 'alreadySent', type: 'number' },
    { name: 'optedOut', type: 'number' },
    { name: 'notDue', type: 'number' },
    { name: 'completed', type: 'number' },
  ],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  schedule: [{ cron: '0 0 7 * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runRenewalReminders(req.payload, { today: input?.today ? new Date(input.today) : undefined })
    await recordJobRun(req.payload, 'renewalReminders')
    req.payload.logger.info(`Renewal reminders: ${report.queued} queued, ${report.alreadySent} already sent, ${report.optedOut} opted out, of ${report.considered} near the end of a period`)
    return { output: report }
  },
}
