import type { TaskConfig } from 'payload'

import { runInquiryFollowUps } from '@/inquiries/followUp'

import { recordJobRun } from './health'

/** Hourly (seed 001: `inquiry_follow_up_tick`): remind assignees of inquiries waiting too long for our reply, once each. */
export const inquiryFollowUpsTask: TaskConfig<'inquiryFollowUps'> = {
  slug: 'inquiryFollowUps',
  label: 'Remind assignees of inquiries waiting for a reply',
  inputSchema: [{ name: 'now', type: 'date' }],
  outputSchema: [
    { name: 'due', type: 'number' },
    { name: 'sent', type: 'number' },
    { name: 'alreadySent', type: 'number' },
  ],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  schedule: [{ cron: '0 7 * * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runInquiryFollowUps(req.payload, { now: input?.now ? new Date(input.now) : undefined })
    await recordJobRun(req.payload, 'inquiryFollowUps')
    if (report.due > 0) req.payload.logger.info(`Inquiry follow-ups: ${report.sent} sent, ${report.alreadySent} already sent`)
    return { output: report }
  },
}
