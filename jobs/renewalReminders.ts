import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import type { PreparedTemplate } from '@/email/queue'
import { prepareTemplate, queueEmail } from '@/email/queue'
import { memberVariables, membershipVariables } from '@/email/variables'
import { claimOnce } from '@/lib/claimOnce'
import { inTransaction, serialise, systemRequest } from '@/lib/transaction'
import type { MembershipStatus } from '@/membership/lifecycle'
import type { ReminderSchedule } from '@/membership/reminders'
import { DEFAULT_REMINDERS_PER_PERIOD, REMINDABLE_STATUSES, dueWindow, planReminder, reminderWhen } from '@/membership/reminders'

import { recordJobRun } from './health'

export const REMINDER_BATCH_SIZE = 500

/** Claims queued side by side: each is a short transaction, so a few overlap well on a small pool. */
export const REMINDER_CONCURRENCY = 4

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

/**
 * One daily run. Memberships whose period ends inside the window where a step can be due are
 * read from the database in batches (by id, never all at once); for each batch, the ledger
 * and the members are read in one query each; each due step is then claimed and queued in a
 * transaction of its own. The unique (membership, period end, step) constraint refuses a
 * second claim, so concurrent or retried runs skip what another run already sent.
 */
export async function runRenewalReminders(
  payload: Payload,
  options: { today?: Date; batchSize?: number; orphanedClaimAfterMs?: number } = {},
): Promise<ReminderRunReport> {
  const today = options.today ?? new Date()
  const batchSize = options.batchSize ?? REMINDER_BATCH_SIZE
  const schedule = await reminderSchedule(payload)
  const window = dueWindow(today, schedule)
  const report: ReminderRunReport = { considered: 0, queued: 0, alreadySent: 0, optedOut: 0, notDue: 0, completed: 0 }
  const tiers = new Map<number, Tier>()
  const tierById = async (id: number) => {
    if (!tiers.has(id)) tiers.set(id, (await payload.findByID({ collection: 'tiers', id, depth: 0, overrideAccess: true })) as Tier)
    return tiers.get(id)!
  }

  const prepared = await prepareTemplate(payload, 'renewal-reminder')
  report.completed = await completeOrphanedClaims(payload, { today, olderThanMs: options.orphanedClaimAfterMs ?? ORPHANED_CLAIM_AFTER_MS, tierById, prepared })

  let afterId = 0
  for (;;) {
    const batch = await remindableMemberships(payload, window, { afterId, limit: batchSize })
    if (batch.length === 0) break
    afterId = batch.at(-1)!.id
    report.considered += batch.length
    const { sentFor, memberOf } = await reminderContext(payload, batch)

    const due: Array<Parameters<typeof claimAndQueue>[1]> = []
    for (const membership of batch) {
      const planned = planReminder({ status: membership.status as MembershipStatus, periodEnd: membership.periodEnd, today, schedule, sent: sentFor(membership) })
      if (!planned) {
        report.notDue += 1
        continue
      }
      const member = memberOf(membership)
      if (!member || member.emailPreferences?.renewalReminders === false) {
        report.optedOut += 1
        continue
      }
      const tier = await tierById(idOf(membership.tier) as number)
      due.push({ membership, member, tier, step: planned.step, offset: planned.offset, today, prepared })
    }
    // A few claims at a time, each its own transaction; a failure stops the run after its group.
    for (let i = 0; i < due.length; i += REMINDER_CONCURRENCY) {
      const outcomes = await Promise.allSettled(due.slice(i, i + REMINDER_CONCURRENCY).map((claim) => claimAndQueue(payload, claim)))
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') report[outcome.value ? 'queued' : 'alreadySent'] += 1
      }
      const failed = outcomes.find((outcome) => outcome.status === 'rejected')
      if (failed) throw (failed as PromiseRejectedResult).reason
    }
    if (batch.length < batchSize) break
  }
  return report
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

/** Writes the ledger row and queues the email together; false when another run got there first. */
function claimAndQueue(
  payload: Payload,
  args: { membership: Membership; member: User; tier: Tier; step: string; offset: number; today: Date; prepared: PreparedTemplate },
): Promise<boolean> {
  const { membership, member, step, offset } = args
  return claimOnce(
    payload,
    {
      ledger: 'reminders',
      where: { and: [{ membership: { equals: membership.id } }, { periodEnd: { equals: membership.periodEnd } }, { step: { equals: step } }] },
      data: { membership: membership.id, member: member.id, periodEnd: membership.periodEnd!, step, offset },
      serialiseOn: `reminders:${membership.id}`,
    },
    (req, reminder) => queueReminderEmail(req, { ...args, reminder }),
  )
}

async function queueReminderEmail(
  req: PayloadRequest,
  args: { reminder: number; membership: Membership; member: User; tier: Tier; offset: number; today: Date; prepared: PreparedTemplate },
): Promise<void> {
  const { reminder, membership, member, tier, offset, today, prepared } = args
  const notification = await queueEmail(req, {
    template: 'renewal-reminder',
    prepared,
    to: member.email,
    related: { relationTo: 'memberships', value: membership.id },
    variables: {
      member: memberVariables(member),
      membership: membershipVariables(membership, tier),
      reminder: { daysLeft: -offset, when: reminderWhen(membership.periodEnd!, today) },
    },
  })
  await req.payload.update({ collection: 'reminders', id: reminder, data: { notification: notification.id }, req, overrideAccess: true, depth: 0 })
}

/** Queues the email of claims a dead run left without one (see ORPHANED_CLAIM_AFTER_MS). */
async function completeOrphanedClaims(
  payload: Payload,
  args: { today: Date; olderThanMs: number; tierById: (id: number) => Promise<Tier>; prepared: PreparedTemplate },
): Promise<number> {
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
        const tier = await args.tierById(idOf(membership.tier) as number)
        await queueReminderEmail(req, { reminder: reminder.id, membership, member, tier, offset: reminder.offset ?? 0, today: args.today, prepared: args.prepared })
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
