/**
 * Job health (SPEC §5): the last successful run of each schedule, and recovery of jobs a crash
 * left marked as processing.
 */
import type { Payload } from 'payload'

import { drizzleOf, sql, tableOf } from '@/lib/db'

export const SCHEDULED_JOBS = ['renewalReminders', 'membershipExpiry', 'certificateReminders', 'privacy', 'inquiryFollowUps', 'releaseReservations', 'registrationNotices'] as const
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number]

/** A daily schedule that has not succeeded for this long is reported stale. */
export const STALE_AFTER_HOURS = 26

/** A job still marked processing after this long was interrupted (the process died): run it again. */
export const STUCK_AFTER_MINUTES = 30

/**
 * Records a successful run with one UPDATE of its own column, so it can never overwrite
 * anything else in settings (such as the number counters) with an older value.
 */
export async function recordJobRun(payload: Payload, job: ScheduledJob, at = new Date()): Promise<void> {
  const update = () =>
    drizzleOf(payload)
      .update(tableOf(payload, 'settings'))
      .set({ [`jobRuns_${job}`]: at.toISOString() })
      .where(sql`true`)
      .returning()
  if ((await update()).length === 0) {
    await payload.updateGlobal({ slug: 'settings', data: {}, depth: 0 })
    await update()
  }
}

export type JobHealth = Record<ScheduledJob, { lastSuccess: string | null; stale: boolean }>

export async function jobHealth(payload: Payload, now = new Date()): Promise<JobHealth> {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
  const staleBefore = now.getTime() - STALE_AFTER_HOURS * 3_600_000
  // A new installation has had no chance to run yet: it is stale only once it has been up a day.
  const since = new Date(settings.createdAt ?? now).getTime()
  const entries = SCHEDULED_JOBS.map((job) => {
    const last = settings.jobRuns?.[job] ?? null
    const stale = last ? new Date(last).getTime() < staleBefore : since < staleBefore
    return [job, { lastSuccess: last, stale }] as const
  })
  return Object.fromEntries(entries) as JobHealth
}

/** Marks jobs interrupted mid-run as waiting again, so the queue picks them up. Returns how many. */
export async function releaseStuckJobs(payload: Payload, now = new Date()): Promise<number> {
  const result = await payload.update({
    collection: 'payload-jobs',
    where: {
      and: [{ processing: { equals: true } }, { updatedAt: { less_than: new Date(now.getTime() - STUCK_AFTER_MINUTES * 60_000).toISOString() } }],
    },
    data: { processing: false },
    overrideAccess: true,
    depth: 0,
  })
  if (result.docs.length > 0) payload.logger.warn(`Released ${result.docs.length} job(s) left processing by an interrupted run`)
  return result.docs.length
}
