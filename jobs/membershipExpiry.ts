import type { Payload, TaskConfig } from 'payload'

import type { Membership, Tier } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { statusOnDate, toTierPeriod } from '@/membership/periods'
import { transitionMembership } from '@/membership/transitions'

import { recordJobRun } from './health'

const BATCH_SIZE = 200

export type ExpiryReport = { toGrace: number; lapsed: number }

/**
 * Moves memberships on by date: `active` → `grace` once the period has ended, `grace` →
 * `lapsed` once the tier's grace days are over (with the lapsed email). Each change is its own
 * transaction, under the membership's lock, and rechecked there, so a payment arriving at the
 * same moment wins and a second runner finds nothing left to do.
 */
export async function runMembershipExpiry(payload: Payload, options: { now?: Date } = {}): Promise<ExpiryReport> {
  const now = options.now ?? new Date()
  const report: ExpiryReport = { toGrace: 0, lapsed: 0 }
  const tiers = new Map<number, Tier>()
  const tierOf = async (membership: Membership) => {
    const id = idOf(membership.tier) as number
    if (!tiers.has(id)) tiers.set(id, (await payload.findByID({ collection: 'tiers', id, depth: 0, overrideAccess: true })) as Tier)
    return tiers.get(id)!
  }

  for (const [from, to] of [
    ['active', 'grace'],
    ['grace', 'lapsed'],
  ] as const) {
    let afterId = 0
    for (;;) {
      const { docs } = await payload.find({
        collection: 'memberships',
        where: { and: [{ status: { equals: from } }, { periodEnd: { less_than_equal: now.toISOString() } }, { id: { greater_than: afterId } }] },
        sort: 'id',
        limit: BATCH_SIZE,
        pagination: false,
        depth: 0,
        overrideAccess: true,
        select: { id: true, tier: true, periodEnd: true },
      })
      if (docs.length === 0) break
      afterId = docs.at(-1)!.id
      for (const candidate of docs as Membership[]) {
        const tier = await tierOf(candidate)
        // The calendar decides (src/membership/periods.ts): grace ends after the tier's grace days.
        const due = (m: Membership) => Boolean(m.periodEnd) && statusOnDate(toTierPeriod(tier), m.periodEnd!, now) !== (to === 'grace' ? 'active' : 'grace')
        if (!due(candidate)) continue
        const moved = await inTransaction(await systemRequest(payload), async (req) => {
            const membership = await findLocked(req, 'memberships', candidate.id, `There is no membership ${candidate.id}.`)
            if (membership.status !== from || !due(membership)) return false
            const reason = to === 'grace' ? 'The period ended without a renewal.' : `The ${tier.graceDays ?? 0} days of grace ended without a renewal.`
            await transitionMembership(req, { membership, to, cause: 'job', reason, at: now })
            return true
        })
        if (moved) report[to === 'grace' ? 'toGrace' : 'lapsed'] += 1
      }
      if (docs.length < BATCH_SIZE) break
    }
  }
  return report
}

export const membershipExpiryTask: TaskConfig<'membershipExpiry'> = {
  slug: 'membershipExpiry',
  label: 'Move memberships into grace and lapse them',
  inputSchema: [{ name: 'now', type: 'date' }],
  outputSchema: [
    { name: 'toGrace', type: 'number' },
    { name: 'lapsed', type: 'number' },
  ],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  schedule: [{ cron: '0 30 6 * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runMembershipExpiry(req.payload, { now: input?.now ? new Date(input.now) : undefined })
    await recordJobRun(req.payload, 'membershipExpiry')
    req.payload.logger.info(`Membership expiry: ${report.toGrace} into grace, ${report.lapsed} lapsed`)
    return { output: report }
  },
}
