import type { TaskConfig } from 'payload'

import { runDueErasures } from '@/privacy/erasure'
import { runRetention } from '@/privacy/retention'
import { pruneSignInEvents } from '@/security/signInEvents'

import { recordJobRun } from './health'

/**
 * The daily privacy run (issue 15, points 8 and 9): erasure requests whose waiting period is
 * over, then the retention rule, then sign-ins older than a year. All are safe to run twice: an
 * erased account is never chosen again.
 */
export async function runPrivacy(payload: Parameters<typeof runRetention>[0], options: { now?: Date } = {}) {
  const erasures = await runDueErasures(payload, options)
  const retention = await runRetention(payload, options)
  const signInsRemoved = await pruneSignInEvents(payload, options.now)
  return { erasedOnRequest: erasures.erased, anonymisedByRetention: retention.anonymised, signInsRemoved }
}

export const privacyTask: TaskConfig<'privacy'> = {
  slug: 'privacy',
  label: 'Erase requested accounts and apply the retention rule',
  inputSchema: [{ name: 'now', type: 'date' }],
  outputSchema: [
    { name: 'erasedOnRequest', type: 'number' },
    { name: 'anonymisedByRetention', type: 'number' },
    { name: 'signInsRemoved', type: 'number' },
  ],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  schedule: [{ cron: '0 0 5 * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runPrivacy(req.payload, { now: input?.now ? new Date(input.now) : undefined })
    req.payload.logger.info(`Privacy: ${report.erasedOnRequest} erased on request, ${report.anonymisedByRetention} anonymised by the retention rule, ${report.signInsRemoved} sign-ins over a year old removed`)
    await recordJobRun(req.payload, 'privacy')
    return { output: report }
  },
}
