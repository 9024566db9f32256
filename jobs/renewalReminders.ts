import type { Payload, TaskConfig } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail } from '@/email/queue'
import { memberVariables, membershipVariables } from '@/email/variables'
import { inTransaction } from '@/lib/transaction'
import type { MembershipStatus } from '@/membership/lifecycle'
import type { ReminderSchedule } from '@/membership/reminders'
import { DEFAULT_REMINDERS_PER_PERIOD, REMINDABLE_STATUSES, dueWindow, planReminder, reminderWhen } from '@/membership/reminders'

import { recordJobRun } from './health'

export const REMINDER_BATCH_SIZE = 500

export type ReminderRunReport = { considered: number; queued: number; alreadySent: number; optedOut: number; notDue: number }

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
export async function runRenewalReminders(payload: Payload, options: { today?: Date; batchSize?: number } = {}): Promise<ReminderRunReport> {
  const today = options.today ?? new Date()
  const batchSize = options.batchSize ?? REMINDER_BATCH_SIZE
  const schedule = await reminderSchedule(payload)
  const window = dueWindow(today, schedule)
  const report: ReminderRunReport = { considered: 0, queued: 0, alreadySent: 0, optedOut: 0, notDue: 0 }
  const tiers = new Map<number, Tier>()

  let afterId = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: 'memberships',
      where: {
        and: [
          { status: { in: [...REMINDABLE_STATUSES] } },
          { periodEnd: { greater_than_equal: window.from.toISOString() } },
          { periodEnd: { less_than: window.to.toISOString() } },
          { id: { greater_than: afterId } },
        ],
      },
      sort: 'id',
      limit: batchSize,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { member: true, tier: true, status: true, periodEnd: true, membershipNumber: true, periodStart: true, organisationName: true },
    })
    const batch = docs as Membership[]
    if (batch.length === 0) break
    afterId = batch.at(-1)!.id
    report.considered += batch.length

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
    const sentFor = (m: Membership) =>
      ledger.docs
        .filter((r) => idOf(r.membership) === m.id && new Date(r.periodEnd).getTime() === new Date(m.periodEnd!).getTime())
        .map((r) => r.step)
    const memberById = new Map((members.docs as User[]).map((u) => [u.id, u]))

    for (const membership of batch) {
      const planned = planReminder({ status: membership.status as MembershipStatus, periodEnd: membership.periodEnd, today, schedule, sent: sentFor(membership) })
      if (!planned) {
        report.notDue += 1
        continue
      }
      const member = memberById.get(idOf(membership.member) as number)
      if (!member || member.emailPreferences?.renewalReminders === false) {
        report.optedOut += 1
        continue
      }
      const tierId = idOf(membership.tier) as number
      if (!tiers.has(tierId)) tiers.set(tierId, (await payload.findByID({ collection: 'tiers', id: tierId, depth: 0, overrideAccess: true })) as Tier)
      const claimed = await claimAndQueue(payload, { membership, member, tier: tiers.get(tierId)!, step: planned.step, offset: planned.offset, today })
      if (claimed) report.queued += 1
      else report.alreadySent += 1
    }
    if (batch.length < batchSize) break
  }
  return report
}

/** Writes the ledger row and queues the email together; false when another run got there first. */
async function claimAndQueue(
  payload: Payload,
  args: { membership: Membership; member: User; tier: Tier; step: string; offset: number; today: Date },
): Promise<boolean> {
  const { membership, member, tier, step, offset, today } = args
  try {
    return await inTransaction(
      payload,
      null,
      async (req) => {
        const existing = await payload.count({
          collection: 'reminders',
          where: { and: [{ membership: { equals: membership.id } }, { periodEnd: { equals: membership.periodEnd } }, { step: { equals: step } }] },
          req,
          overrideAccess: true,
        })
        if (existing.totalDocs > 0) return false
        const reminder = await payload.create({
          collection: 'reminders',
          data: { membership: membership.id, member: member.id, periodEnd: membership.periodEnd!, step, offset },
          req,
          overrideAccess: true,
          depth: 0,
        })
        const notification = await queueEmail(req, {
          template: 'renewal-reminder',
          to: member.email,
          related: { relationTo: 'memberships', value: membership.id },
          variables: {
            member: memberVariables(member),
            membership: membershipVariables(membership, tier),
            reminder: { daysLeft: -offset, when: reminderWhen(membership.periodEnd!, today) },
          },
        })
        await payload.update({ collection: 'reminders', id: reminder.id, data: { notification: notification.id }, req, overrideAccess: true, depth: 0 })
        return true
      },
      { serialiseOn: `reminders:${membership.id}` },
    )
  } catch (error) {
    // The unique constraint refused a claim made at the same moment by another run.
    if (isUniqueViolation(error)) return false
    throw error
  }
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { data?: unknown })?.data ?? '')} ${String((error as { cause?: unknown })?.cause ?? '')}`
  return /unique|duplicate key|already exists|UNIQUE constraint/i.test(text)
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
