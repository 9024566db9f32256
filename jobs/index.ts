/**
 * The jobs queue (SPEC §5): emails on the `email` queue and provider webhooks on `payments`
 * (each every 10 seconds: a person waiting for a confirmation link or a receipt should not wait
 * a minute), the daily schedules on `nightly`, member imports on `imports`.
 * One machine: the web process runs both (autoRun). Scaled out: set JOBS_AUTORUN=false on the
 * web processes and run `npm run worker` (the same queues, in a process of its own).
 */
import type { JobsConfig } from 'payload'

import { hasRole } from '@/access/subjects'
import type { Actor } from '@/access/subjects'

import { certificateRemindersTask } from './certificateReminders'
import { emailNoticeTask } from './emailNotice'
import { inquiryFollowUpsTask } from './inquiryFollowUps'
import { memberImportTask } from './memberImport'
import { membershipExpiryTask } from './membershipExpiry'
import { passwordResetTask } from './passwordReset'
import { privacyTask } from './privacy'
import { processPaymentEventTask } from './processPaymentEvent'
import { registrationNoticesTask } from './registrationNotices'
import { releaseReservationsTask } from './releaseReservations'
import { renewalRemindersTask } from './renewalReminders'
import { sendEmailTask } from './sendEmail'
import { signInLinkTask } from './signInLink'

/** Whether this process runs queued jobs on its own timers. Tests run them by hand. */
export function jobsAutoRunHere(): boolean {
  if (process.env.JOBS_AUTORUN === 'false') return false
  if (process.env.NODE_ENV === 'test' || process.env.VITEST) return false
  return process.env.NEXT_PHASE !== 'phase-production-build'
}

/**
 * How often the email and payments queues are looked at, in seconds: 10 unless JOBS_POLL_SECONDS
 * says otherwise (1 to 59; the end-to-end run uses 2, so its browser is not kept waiting for mail).
 */
export function jobsPollSeconds(value = process.env.JOBS_POLL_SECONDS): number {
  const seconds = Number(value)
  return Number.isInteger(seconds) && seconds >= 1 && seconds <= 59 ? seconds : 10
}

const staffOnly = ({ req }: { req: { user?: unknown } }) => hasRole(req.user as Actor, 'superuser', 'admin')

export const jobs: JobsConfig = {
  tasks: [sendEmailTask, emailNoticeTask, renewalRemindersTask, membershipExpiryTask, processPaymentEventTask, certificateRemindersTask, passwordResetTask, signInLinkTask, privacyTask, memberImportTask, inquiryFollowUpsTask, releaseReservationsTask, registrationNoticesTask],
  // The REST endpoints that run or queue jobs are for admins; the Local API is unaffected.
  access: { run: staffOnly, queue: staffOnly, cancel: staffOnly },
  autoRun: [
    { cron: `*/${jobsPollSeconds()} * * * * *`, queue: 'email', limit: 50 },
    { cron: `*/${jobsPollSeconds()} * * * * *`, queue: 'payments', limit: 20 },
    { cron: '*/5 * * * *', queue: 'nightly', limit: 5 },
    // member imports queued from the admin panel start within seconds, one at a time
    { cron: '*/3 * * * * *', queue: 'imports', limit: 1 },
  ],
  shouldAutoRun: () => jobsAutoRunHere(),
}
