/**
 * Benchmark of concurrent checkouts (issue 12 point 1), on PostgreSQL: CHECKOUTS simultaneous
 * `startCheckout` calls for one membership with the test provider, then every answer approved
 * at once. Prints how many distinct payments the checkouts returned, how many were pending, how
 * many were charged (succeeded) and how often the membership was extended; the goal is 1, 1, 1, 1.
 *
 *   npm run bench:checkouts        (creates and drops the database hangar_bench)
 *
 * Not run by CI. Figures go in the closing note of the issue.
 */
import { getPayload } from 'payload'

import config from '@payload-config'

import type { Membership, User } from '@payload-types'

import { settleDummyPayment } from '../plugins/dummy-payments/outcome'
import { systemRequest } from '../src/lib/transaction'
import { startCheckout } from '../src/payments/checkout'

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS) || 50

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:checkouts).')
const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`

await payload.updateGlobal({ slug: 'settings', data: { dummyPaymentsEnabled: true }, depth: 0 })
const tier = await payload.create({ collection: 'tiers', data: { name: 'Bench', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } })
const member = (await payload.create({
  collection: 'users',
  data: { firstName: 'Bench', lastName: 'Member', email: `bench.${Date.now()}@example.org`, password: 'correct-horse-battery', roles: ['member'] },
})) as User
const membership = (await payload.create({ collection: 'memberships', data: { tier: tier.id } as never, user: member, overrideAccess: false, depth: 0 })) as Membership

let started = performance.now()
const answers = await Promise.allSettled(
  Array.from({ length: CHECKOUTS }, async () => startCheckout(await systemRequest(payload, member), { membership: membership.id, provider: 'dummy' })),
)
const checkoutTime = ms(started)
const ids = new Set(answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value.payment.id] : [])))
const failed = answers.filter((a) => a.status === 'rejected') as PromiseRejectedResult[]
const countPayments = async (status: string) =>
  (await payload.count({ collection: 'payments', where: { and: [{ membership: { equals: membership.id } }, { status: { equals: status } }] } })).totalDocs
const pending = await countPayments('pending')

started = performance.now()
const approvals = await Promise.allSettled(
  answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value.payment.id] : [])).map(async (id) => settleDummyPayment(await systemRequest(payload, member), id, 'approve')),
)
const approveTime = ms(started)
const charged = await countPayments('succeeded')
const after = (await payload.findByID({ collection: 'memberships', id: membership.id, depth: 0 })) as Membership
const extended = (after.history ?? []).filter((h) => h.cause === 'payment').length

console.info(`${CHECKOUTS} concurrent checkouts for one membership: ${checkoutTime}${failed.length ? ` (${failed.length} failed: ${failed[0]!.reason})` : ''}`)
console.info(`  distinct payment ids returned: ${ids.size} (goal 1)`)
console.info(`  pending payments after them:   ${pending} (goal 1)`)
console.info(`${approvals.length} concurrent approvals of the answers: ${approveTime} (${approvals.filter((a) => a.status === 'fulfilled').length} approved, the rest refused)`)
console.info(`  payments charged (succeeded):  ${charged} (goal 1)`)
console.info(`  membership extended:           ${extended} time(s) (goal 1)`)
process.exit(0)
