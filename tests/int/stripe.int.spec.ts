import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'
import Stripe from 'stripe'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Membership, Payment, PaymentEvent, Tier, User } from '@payload-types'

import { stripeWebhookEndpoint } from '../../plugins/stripe/endpoints/webhooks'
import type { StripeFake } from '../fakes/stripe'
import { signStripeWebhook, startStripeFake, stripeEvent } from '../fakes/stripe'
import { bootPayload, createUser, rest } from './helpers/payload'

const WEBHOOK_SECRET = 'whsec_fake_secret'

let payload: Payload
let stripe: StripeFake
let tier: Tier
let treasurer: { user: User; token: string }

beforeAll(async () => {
  stripe = await startStripeFake()
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: `http://${stripe.host}:${stripe.port}` })
  payload = await bootPayload()
  treasurer = await createUser(payload, ['treasurer', 'member'])
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
  const checkout = await rest('POST', '/payments/checkout', { token: member.token, body: { membership: membership.id, provider: 'stripe' } })
  expect(checkout.status).toBe(201)
  const sessionId = String(checkout.body.next.url).split('/').pop()!
  return { ...member, membership, paymentId: checkout.body.payment.id as number, checkout: checkout.body, sessionId }
}
const stored = async (id: number) => (await payload.findByID({ collection: 'payments', id, depth: 0 })) as Payment
const membershipOf = async (id: number) => (await payload.findByID({ collection: 'memberships', id, depth: 0 })) as Membership
const activations = (m: Membership) => (m.history ?? []).filter((h) => h.cause === 'payment').length
const processEvents = () => payload.jobs.run({ queue: 'payments', limit: 100 })
const eventsWith = async (eventId: string) =>
  (await payload.find({ collection: 'payment-events', where: { eventId: { equals: eventId } }, depth: 0, pagination: false })).docs as PaymentEvent[]

function deliver(event: object, signature?: string) {
  const body = JSON.stringify(event)
  return rest('POST', '/stripe/webhooks', { body: JSON.parse(body), headers: { 'stripe-signature': signature ?? signStripeWebhook(body, WEBHOOK_SECRET) } })
}

describe('Stripe Checkout', () => {
  it('starts a Checkout Session for the ledger amount, once however often the member clicks, with a Stripe customer', async () => {
    const me = await joiner()
    expect(me.checkout.next.type).toBe('redirect')
    const session = stripe.sessions.get(me.sessionId)!
    expect(session).toMatchObject({ amount_total: 500, currency: 'gbp', client_reference_id: String(me.paymentId) })
    const payment = await stored(me.paymentId)
    expect(payment.providerPaymentId).toBe(me.sessionId)
    const user = (await payload.findByID({ collection: 'users', id: me.user.id, depth: 0 })) as User & { stripeCustomerId?: string }
    expect(user.stripeCustomerId).toMatch(/^cus_/)
    expect(session.customer).toBe(user.stripeCustomerId)

    const again = await rest('POST', '/payments/checkout', { token: me.token, body: { membership: me.membership.id, provider: 'stripe' } })
    expect(again.body.payment.id).toBe(me.paymentId)
    expect(again.body.next.url).toBe(me.checkout.next.url)
    expect([...stripe.sessions.values()].filter((s) => s.client_reference_id === String(me.paymentId))).toHaveLength(1)
  })

  it('checkout.session.completed, delivered ten times, pays and activates once', async () => {
    const me = await joiner()
    const event = stripeEvent('checkout.session.completed', { ...stripe.complete(me.sessionId) })
    const deliveries = await Promise.all(Array.from({ length: 10 }, () => deliver(event)))
    expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(200))
    expect(deliveries.filter((d) => d.body.duplicate === false)).toHaveLength(1)
    await processEvents()
    const payment = await stored(me.paymentId)
    expect(payment).toMatchObject({ status: 'succeeded', providerPaymentId: expect.stringMatching(/^pi_/) })
    expect(payment.receiptNumber).toBeTruthy()
    const membership = await membershipOf(me.membership.id)
    expect(membership.status).toBe('active')
    expect(activations(membership)).toBe(1)
    expect(await eventsWith(event.id)).toHaveLength(1)
  })

  it('refuses a missing or wrong signature with 401, storing nothing', async () => {
    const event = stripeEvent('checkout.session.completed', { id: 'cs_forged', payment_status: 'paid' })
    const before = (await payload.count({ collection: 'payment-events' })).totalDocs
    expect((await rest('POST', '/stripe/webhooks', { body: event })).status).toBe(401)
    expect((await deliver(event, signStripeWebhook(JSON.stringify(event), 'whsec_someone_else'))).status).toBe(401)
    expect((await deliver(event, 't=1,v1=deadbeef')).status).toBe(401)
    expect((await payload.count({ collection: 'payment-events' })).totalDocs).toBe(before)
  })

  it('an expired checkout fails the payment; an event for an unknown session is ignored with the reason', async () => {
    const me = await joiner()
    await deliver(stripeEvent('checkout.session.expired', { ...stripe.sessions.get(me.sessionId)!, status: 'expired' }))
    const unknown = stripeEvent('checkout.session.completed', { id: 'cs_nobody', payment_status: 'paid', client_reference_id: null })
    await deliver(unknown)
    await processEvents()
    expect((await stored(me.paymentId)).status).toBe('failed')
    expect((await membershipOf(me.membership.id)).status).toBe('awaiting_payment')
    expect((await eventsWith(unknown.id))[0]).toMatchObject({ status: 'ignored', note: 'No Hangar payment for Stripe session cs_nobody.' })
  })

  it('refunds through Stripe, in part; charge.refunded completes them; a refund before the payment waits for it', async () => {
    const me = await joiner()
    const session = stripe.complete(me.sessionId)
    // the refund's webhook comes first: the payment is not known as paid yet
    const early = stripeEvent('charge.refunded', { payment_intent: session.payment_intent, refunds: { data: [{ id: 're_early', amount: 100, status: 'succeeded' }] } })
    await deliver(early)
    await processEvents()
    expect((await eventsWith(early.id))[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/not yet known as paid/) })

    await deliver(stripeEvent('checkout.session.completed', { ...session }))
    await processEvents()
    expect((await stored(me.paymentId)).status).toBe('succeeded')
    const admin = await createUser(payload, ['admin', 'member'])
    await rest('POST', `/payment-events/${(await eventsWith(early.id))[0]!.id}/replay`, { token: admin.token })
    await processEvents()
    expect((await stored(me.paymentId)).refunds).toMatchObject([{ providerRefundId: 're_early', amount: 100, status: 'completed' }])

    const part = await rest('POST', `/payments/${me.paymentId}/refund`, { token: treasurer.token, body: { amount: 150 } })
    expect(part.status).toBe(200)
    expect(part.body.doc.status).toBe('partially_refunded')
    const sent = stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)!
    expect(sent.form).toMatchObject({ payment_intent: session.payment_intent, amount: '150' })
    expect((await rest('POST', `/payments/${me.paymentId}/refund`, { token: treasurer.token, body: { amount: 251 } })).status).toBe(409)

    const refundId = part.body.doc.refunds.at(-1).providerRefundId
    await deliver(stripeEvent('charge.refunded', { payment_intent: session.payment_intent, refunds: { data: [{ id: refundId, amount: 150, status: 'succeeded' }] } }))
    await processEvents()
    const payment = await stored(me.paymentId)
    expect(payment.refunds!.map((r) => [r.amount, r.status])).toEqual([
      [100, 'completed'],
      [150, 'completed'],
    ])
    expect(payment.status).toBe('partially_refunded')
  })

  it('Stripe unreachable: the checkout says so and nothing is recorded as paid', async () => {
    const member = await createUser(payload, ['member'])
    const membership = (await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: tier.id } })).body.doc as Membership
    stripe.failNext('/v1/customers', 3)
    const res = await rest('POST', '/payments/checkout', { token: member.token, body: { membership: membership.id, provider: 'stripe' } })
    expect(res.status).toBe(502)
    expect(res.body.errors[0].message).toMatch(/Stripe could not be reached/)
    // asking again once Stripe is back continues the same pending payment
    const again = await rest('POST', '/payments/checkout', { token: member.token, body: { membership: membership.id, provider: 'stripe' } })
    expect(again.status).toBe(201)
    expect((await stored(again.body.payment.id)).status).toBe('pending')
  })
})

describe('Stripe webhooks verified by the webhook secret alone (no API key)', () => {
  // the endpoint as a deployment with STRIPE_WEBHOOK_SECRET and no STRIPE_SECRET_KEY builds it
  const endpoint = stripeWebhookEndpoint({ enabled: false, secretKey: '', webhookSecret: WEBHOOK_SECRET })

  async function call(body: string, signature: string): Promise<{ status: number; body?: any; message?: string }> {
    const req = await createLocalReq({}, payload)
    Object.assign(req, { text: async () => body, headers: new Headers({ 'stripe-signature': signature }) } as Partial<PayloadRequest>)
    try {
      const res = await endpoint.handler(req)
      return { status: res.status, body: await res.json() }
    } catch (error) {
      return { status: (error as { status?: number }).status ?? 500, message: (error as Error).message }
    }
  }

  afterEach(() => vi.restoreAllMocks())

  it('accepts a correctly signed event and stores it; a wrong signature is 401', async () => {
    const event = stripeEvent('checkout.session.completed', { id: 'cs_secret_only', payment_status: 'paid', client_reference_id: null })
    const body = JSON.stringify(event)
    const ok = await call(body, signStripeWebhook(body, WEBHOOK_SECRET))
    expect(ok).toMatchObject({ status: 200, body: { received: true, duplicate: false } })
    expect(await eventsWith(event.id)).toHaveLength(1)

    const forged = await call(body.replace('cs_secret_only', 'cs_forged'), signStripeWebhook(body, WEBHOOK_SECRET))
    expect(forged).toMatchObject({ status: 401, message: 'The Stripe signature does not match.' })
    expect((await call(body, signStripeWebhook(body, 'whsec_someone_else'))).status).toBe(401)
  })

  it('an internal error while verifying is a server error, never reported as a bad signature', async () => {
    vi.spyOn(Stripe.webhooks, 'constructEvent').mockImplementation(() => {
      throw new Error('crypto provider unavailable')
    })
    const body = JSON.stringify(stripeEvent('checkout.session.completed', { id: 'cs_internal' }))
    const res = await call(body, signStripeWebhook(body, WEBHOOK_SECRET))
    expect(res.status).toBe(500)
    expect(res.message).not.toMatch(/signature/i)
  })
})
