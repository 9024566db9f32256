/**
 * Issue 12 point 1: at most one pending payment per membership and provider, and a period is
 * paid once — a second payment that succeeds for an already paid period is cancelled with the
 * reason, given back at the provider, and shown to the treasurer and staff.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Notification, Payment, Tier, User } from '@payload-types'

import type { StripeFake } from '../fakes/stripe'
import { signStripeWebhook, startStripeFake, stripeEvent } from '../fakes/stripe'
import { bootPayload, createUser, rest } from './helpers/payload'

const WEBHOOK_SECRET = 'whsec_concurrency_secret'

let payload: Payload
let stripe: StripeFake
let tier: Tier
let treasurer: { user: User; token: string }

beforeAll(async () => {
  stripe = await startStripeFake()
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: `http://${stripe.host}:${stripe.port}` })
  payload = await bootPayload()
  treasurer = await createUser(payload, ['treasurer', 'member'])
  await createUser(payload, ['admin']) // staff notices go to admins
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

afterAll(async () => {
  await stripe?.close()
})

async function joiner() {
  const member = await createUser(payload, ['member'])
  const membership = (await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: tier.id } })).body.doc as Membership
  return { ...member, membership }
}
const checkout = (token: string, membership: number, provider: string) => rest('POST', '/payments/checkout', { token, body: { membership, provider } })
const paymentsOf = async (membership: number) =>
  (await payload.find({ collection: 'payments', where: { membership: { equals: membership } }, depth: 0, pagination: false, sort: 'id' })).docs as Payment[]
const membershipOf = async (id: number) => (await payload.findByID({ collection: 'memberships', id, depth: 0 })) as Membership
const activations = (m: Membership) => (m.history ?? []).filter((h) => h.cause === 'payment').length
const refundRequests = () => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds')

/** The member pays on Stripe's page and Stripe's webhook arrives and is processed. */
async function payAtStripe(sessionUrl: string) {
  const session = stripe.complete(String(sessionUrl).split('/').pop()!)
  const body = JSON.stringify(stripeEvent('checkout.session.completed', { ...session }))
  const delivered = await rest('POST', '/stripe/webhooks', { body: JSON.parse(body), headers: { 'stripe-signature': signStripeWebhook(body, WEBHOOK_SECRET) } })
  expect(delivered.status).toBe(200)
  await payload.jobs.run({ queue: 'payments', limit: 100 })
}

describe('one pending payment per membership and provider', () => {
  it('20 concurrent checkouts for one membership return one payment, and only one is pending', async () => {
    const me = await joiner()
    const answers = await Promise.all(Array.from({ length: 20 }, () => checkout(me.token, me.membership.id, 'dummy')))
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201))
    expect(new Set(answers.map((a) => a.body.payment.id)).size).toBe(1)
    const payments = await paymentsOf(me.membership.id)
    expect(payments.filter((p) => p.status === 'pending')).toHaveLength(1)
    expect(payments).toHaveLength(1)
  })

  it('the database refuses a second pending payment for the same membership and provider', async () => {
    const me = await joiner()
    const first = await checkout(me.token, me.membership.id, 'dummy')
    const second = payload.create({
      collection: 'payments',
      data: { member: me.user.id, membership: me.membership.id, purpose: 'membership', amount: 500, currency: 'GBP', method: 'dummy', provider: 'dummy', status: 'pending', idempotencyKey: `second-${me.membership.id}` },
      overrideAccess: true,
    })
    await expect(second).rejects.toThrow()
    expect((await paymentsOf(me.membership.id)).map((p) => p.id)).toEqual([first.body.payment.id])
  })
})

describe('a period is paid once', () => {
  it('two pending payments (different providers) approved concurrently extend the membership once; the other is cancelled with the reason', async () => {
    const me = await joiner()
    const dummy = await checkout(me.token, me.membership.id, 'dummy')
    const card = await checkout(me.token, me.membership.id, 'stripe')
    expect(dummy.body.payment.id).not.toBe(card.body.payment.id)
    const refundsBefore = refundRequests().length

    const [approved] = await Promise.all([rest('POST', `/payments/dummy/${dummy.body.payment.id}/approve`, { token: me.token }), payAtStripe(card.body.next.url)])
    expect(approved.status).toBe(200)

    const membership = await membershipOf(me.membership.id)
    expect(membership.status).toBe('active')
    expect(activations(membership)).toBe(1)
    const payments = await paymentsOf(me.membership.id)
    expect(payments.map((p) => p.status).sort()).toEqual(['cancelled', 'succeeded'])
    const cancelled = payments.find((p) => p.status === 'cancelled')!
    expect(cancelled.appliedAt).toBeFalsy()
    expect(cancelled.cancelReason).toMatch(/already paid by payment \d+/)
    if (cancelled.method === 'stripe') {
      // the card was charged: the money goes back through Stripe
      expect(refundRequests().length).toBe(refundsBefore + 1)
      expect(cancelled.refunds?.[0]).toMatchObject({ amount: 500, providerRefundId: expect.stringMatching(/^re_/) })
    }
  })

  it('a card payment for a period a test payment already paid is refunded at Stripe, and the treasurer and staff see why', async () => {
    const me = await joiner()
    const card = await checkout(me.token, me.membership.id, 'stripe')
    const dummy = await checkout(me.token, me.membership.id, 'dummy')
    expect((await rest('POST', `/payments/dummy/${dummy.body.payment.id}/approve`, { token: me.token })).status).toBe(200)
    const periodEnd = (await membershipOf(me.membership.id)).periodEnd
    const refundsBefore = refundRequests().length

    await payAtStripe(card.body.next.url)

    const membership = await membershipOf(me.membership.id)
    expect(activations(membership)).toBe(1)
    expect(membership.periodEnd).toBe(periodEnd)
    const seen = await rest('GET', `/payments/${card.body.payment.id}?depth=0`, { token: treasurer.token })
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ status: 'cancelled', appliedAt: null })
    expect(seen.body.cancelReason).toContain(`already paid by payment ${dummy.body.payment.id}`)
    expect(seen.body.cancelReason).toMatch(/Refunded in full through Card \(Stripe\) \(refund re_/)
    expect(refundRequests().length).toBe(refundsBefore + 1)
    expect(refundRequests().at(-1)!.form.amount).toBe('500')

    const notices = (await payload.find({ collection: 'notifications', where: { template: { equals: 'admin-payment-cancelled' } }, depth: 0, pagination: false }))
      .docs as Notification[]
    expect(notices.some((n) => n.relatedTo?.value === card.body.payment.id || (n.relatedTo?.value as { id?: number })?.id === card.body.payment.id)).toBe(true)
  })
})
