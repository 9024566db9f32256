import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Payment, PaymentEvent, Tier, User } from '@payload-types'

import type { SquareFake } from '../fakes/square'
import { SQUARE_NONCES, signSquareWebhook, squareEvent, startSquareFake } from '../fakes/square'
import { bootPayload, createUser, rest } from './helpers/payload'

const WEBHOOK_URL = 'https://hangar.example/api/square/webhooks'
const SIGNATURE_KEY = 'fake-signature-key'

let payload: Payload
let square: SquareFake
let tier: Tier
let treasurer: { user: User; token: string }
let admin: { user: User; token: string }

beforeAll(async () => {
  square = await startSquareFake()
  Object.assign(process.env, {
    SQUARE_ACCESS_TOKEN: 'EAAA-fake-token',
    SQUARE_LOCATION_ID: 'LOC_FAKE',
    SQUARE_APPLICATION_ID: 'sandbox-sq0idb-fake',
    SQUARE_BASE_URL: square.url,
    SQUARE_WEBHOOK_SIGNATURE_KEY: SIGNATURE_KEY,
    SQUARE_WEBHOOK_URL: WEBHOOK_URL,
  })
  payload = await bootPayload()
  treasurer = await createUser(payload, ['treasurer', 'member'])
  admin = await createUser(payload, ['admin', 'member'])
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

afterAll(async () => {
  await square?.close()
})

async function joiner() {
  const member = await createUser(payload, ['member'])
  const membership = (await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: tier.id } })).body.doc as Membership
  const checkout = await rest('POST', '/payments/checkout', { token: member.token, body: { membership: membership.id, provider: 'square' } })
  expect(checkout.status).toBe(201)
  return { ...member, membership, paymentId: checkout.body.payment.id as number, checkout: checkout.body }
}
const pay = (who: { token: string; paymentId: number }, sourceId: string = SQUARE_NONCES.ok) =>
  rest('POST', `/payments/square/${who.paymentId}/pay`, { token: who.token, body: { sourceId } })
const stored = async (id: number) => (await payload.findByID({ collection: 'payments', id, depth: 0 })) as Payment
const membershipOf = async (id: number) => (await payload.findByID({ collection: 'memberships', id, depth: 0 })) as Membership
const activations = (m: Membership) => (m.history ?? []).filter((h) => h.cause === 'payment').length
const chargesFor = (payment: Payment) => square.requests.filter((r) => r.path === '/v2/payments' && r.body.idempotency_key === payment.idempotencyKey)

async function deliver(event: object, signature?: string) {
  const body = JSON.stringify(event)
  const res = await rest('POST', '/square/webhooks', {
    body: JSON.parse(body),
    headers: { 'x-square-hmacsha256-signature': signature ?? signSquareWebhook(WEBHOOK_URL, body, SIGNATURE_KEY) },
  })
  return res
}
const processEvents = () => payload.jobs.run({ queue: 'payments', limit: 100 })
const eventsWith = async (eventId: string) =>
  (await payload.find({ collection: 'payment-events', where: { eventId: { equals: eventId } }, depth: 0, pagination: false })).docs as PaymentEvent[]

describe('checkout and card payment', () => {
  it('offers the card form with the ledger amount, charges the token once, and activates the membership', async () => {
    const me = await joiner()
    expect(me.checkout.next).toMatchObject({
      type: 'card_form',
      data: { provider: 'square', amount: 500, currency: 'GBP', applicationId: 'sandbox-sq0idb-fake', locationId: 'LOC_FAKE', submit: `/api/payments/square/${me.paymentId}/pay` },
    })
    const res = await pay(me)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ outcome: 'succeeded', payment: { status: 'succeeded', amount: 500 } })
    expect(res.body.payment.receiptNumber).toMatch(/^R-\d{4}-\d{6}$/)

    const payment = await stored(me.paymentId)
    const [charge] = chargesFor(payment)
    expect(charge!.body).toMatchObject({ amount_money: { amount: 500, currency: 'GBP' }, location_id: 'LOC_FAKE', reference_id: String(payment.id), source_id: SQUARE_NONCES.ok })
    expect(charge!.authorization).toBe('Bearer EAAA-fake-token')
    expect(payment.providerPaymentId).toMatch(/^PAY_/)
    expect((await membershipOf(me.membership.id)).status).toBe('active')
    const user = (await payload.findByID({ collection: 'users', id: me.user.id, depth: 0 })) as User & { squareCustomerId?: string }
    expect(user.squareCustomerId).toMatch(/^CUST_/)
    expect(payment.providerCustomerId).toBe(user.squareCustomerId)
    const receipts = await payload.count({ collection: 'notifications', where: { and: [{ recipient: { equals: me.user.email } }, { template: { equals: 'payment-receipt' } }] } })
    expect(receipts.totalDocs).toBe(1)
  })

  it('a decline fails the payment with Square’s reason and activates nothing; a new checkout can try again', async () => {
    const me = await joiner()
    const res = await pay(me, SQUARE_NONCES.declined)
    expect(res.status).toBe(402)
    expect(res.body.errors[0].message).toBe('Your card was not charged: your bank declined it.')
    const failed = await stored(me.paymentId)
    expect(failed).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('GENERIC_DECLINE') })
    expect((await membershipOf(me.membership.id)).status).toBe('awaiting_payment')

    const again = await rest('POST', '/payments/checkout', { token: me.token, body: { membership: me.membership.id, provider: 'square' } })
    expect(again.body.payment.id).not.toBe(me.paymentId)
    expect((await pay({ token: me.token, paymentId: again.body.payment.id })).status).toBe(200)
    expect((await membershipOf(me.membership.id)).status).toBe('active')
  })

  it('refuses someone else’s payment, a missing token and a settled payment', async () => {
    const me = await joiner()
    const other = await createUser(payload, ['member'])
    expect((await pay({ token: other.token, paymentId: me.paymentId })).status).toBe(403)
    expect((await rest('POST', `/payments/square/${me.paymentId}/pay`, { token: me.token, body: {} })).status).toBe(400)
    expect((await rest('POST', `/payments/square/${me.paymentId}/pay`, { body: { sourceId: SQUARE_NONCES.ok } })).status).toBe(401)
    expect(chargesFor(await stored(me.paymentId))).toHaveLength(0)
  })

  it('a Square outage is retried by the SDK; when it lasts, nothing changes and paying again charges once', async () => {
    const brief = await joiner()
    square.failNext('/v2/payments', 1)
    expect((await pay(brief)).status).toBe(200)

    const me = await joiner()
    square.failNext('/v2/payments', 3) // the SDK's first try and both retries
    const down = await pay(me)
    expect(down.status).toBe(502)
    expect((await stored(me.paymentId)).status).toBe('pending')
    const up = await pay(me)
    expect(up.status).toBe(200)
    const payment = await stored(me.paymentId)
    expect(payment.status).toBe('succeeded')
    expect([...square.payments.values()].filter((p) => p.reference_id === String(payment.id))).toHaveLength(1)
    expect(activations(await membershipOf(me.membership.id))).toBe(1)
  })

  it('a double click charges once and activates once', async () => {
    const me = await joiner()
    const results = await Promise.all([pay(me), pay(me), pay(me, 'cnon:second-token-from-the-form')])
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1)
    for (const r of results) expect([200, 409]).toContain(r.status)
    const payment = await stored(me.paymentId)
    expect(payment.status).toBe('succeeded')
    expect([...square.payments.values()].filter((p) => p.reference_id === String(payment.id))).toHaveLength(1)
    expect(activations(await membershipOf(me.membership.id))).toBe(1)
  })
})

describe('webhooks into the inbox', () => {
  it('refuses a bad signature with 401 and stores nothing', async () => {
    const event = squareEvent('payment.updated', { id: 'PAY_X', status: 'COMPLETED' })
    const before = (await payload.count({ collection: 'payment-events' })).totalDocs
    expect((await deliver(event, 'bm90IHRoZSBzaWduYXR1cmU=')).status).toBe(401)
    expect((await deliver(event, '')).status).toBe(401)
    const tampered = JSON.stringify(event)
    const res = await rest('POST', '/square/webhooks', {
      body: { ...event, type: 'refund.updated' },
      headers: { 'x-square-hmacsha256-signature': signSquareWebhook(WEBHOOK_URL, tampered, SIGNATURE_KEY) },
    })
    expect(res.status).toBe(401)
    expect((await payload.count({ collection: 'payment-events' })).totalDocs).toBe(before)
  })

  it('completes a payment Square finished later, once, however many times the event is delivered', async () => {
    const me = await joiner()
    square.leaveNextPending()
    const res = await pay(me)
    expect(res.body.outcome).toBe('pending')
    const pending = await stored(me.paymentId)
    expect(pending.status).toBe('pending')
    expect((await membershipOf(me.membership.id)).status).toBe('awaiting_payment')

    const completed = square.complete(pending.providerPaymentId!)
    const event = squareEvent('payment.updated', { ...completed })
    const deliveries = await Promise.all(Array.from({ length: 10 }, () => deliver(event)))
    expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(200))
    expect(deliveries.filter((d) => d.body.duplicate === false)).toHaveLength(1)
    await processEvents()

    const [stored_] = await eventsWith(event.event_id)
    expect(stored_).toMatchObject({ status: 'processed', provider: 'square', type: 'payment.updated', attempts: 1 })
    expect(await eventsWith(event.event_id)).toHaveLength(1)
    expect((await stored(me.paymentId)).status).toBe('succeeded')
    const membership = await membershipOf(me.membership.id)
    expect(membership.status).toBe('active')
    expect(activations(membership)).toBe(1)
  })

  it('the webhook and the payment response racing each other activate once', async () => {
    const me = await joiner()
    const event = squareEvent('payment.updated', { id: 'PAY_RACE', status: 'COMPLETED', reference_id: String(me.paymentId), amount_money: { amount: 500, currency: 'GBP' } })
    await Promise.all([pay(me), deliver(event).then(processEvents)])
    await processEvents()
    expect((await stored(me.paymentId)).status).toBe('succeeded')
    expect(activations(await membershipOf(me.membership.id))).toBe(1)
  })

  it('records an event about a payment Hangar does not know, and ignores it with the reason', async () => {
    const event = squareEvent('payment.updated', { id: 'PAY_NOBODY', status: 'COMPLETED' })
    expect((await deliver(event)).status).toBe(200)
    await processEvents()
    const [stored_] = await eventsWith(event.event_id)
    expect(stored_).toMatchObject({ status: 'ignored', note: 'No Hangar payment for Square payment PAY_NOBODY.' })
  })
})

describe('refunds', () => {
  async function paid() {
    const me = await joiner()
    expect((await pay(me)).status).toBe(200)
    return me
  }
  const refund = (token: string, id: number, body: Record<string, unknown> = {}) => rest('POST', `/payments/${id}/refund`, { token, body })

  it('the treasurer refunds part, then the rest; more than what is left is refused', async () => {
    const me = await paid()
    const part = await refund(treasurer.token, me.paymentId, { amount: 200, reason: 'Joined twice by mistake' })
    expect(part.status).toBe(200)
    expect(part.body.doc.status).toBe('partially_refunded')
    expect(part.body.doc.refunds[0]).toMatchObject({ amount: 200, reason: 'Joined twice by mistake', status: 'pending', providerRefundId: expect.stringMatching(/^REF_/) })
    const sent = square.requests.filter((r) => r.path === '/v2/refunds').at(-1)!
    expect(sent.body).toMatchObject({ amount_money: { amount: 200, currency: 'GBP' }, payment_id: (await stored(me.paymentId)).providerPaymentId })

    const tooMuch = await refund(treasurer.token, me.paymentId, { amount: 301 })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.errors[0].message).toMatch(/Only 300/)
    const rest_ = await refund(treasurer.token, me.paymentId)
    expect(rest_.status).toBe(200)
    expect(rest_.body.doc.status).toBe('refunded')
    expect(rest_.body.doc.refunds.map((r: { amount: number }) => r.amount)).toEqual([200, 300])
    expect((await refund(treasurer.token, me.paymentId, { amount: 1 })).status).toBe(409)
  })

  it('Square’s refund.updated completes the refund entry', async () => {
    const me = await paid()
    const done = await refund(treasurer.token, me.paymentId)
    const entry = done.body.doc.refunds[0]
    const event = squareEvent('refund.updated', { id: entry.providerRefundId, status: 'COMPLETED', payment_id: (await stored(me.paymentId)).providerPaymentId, amount_money: { amount: 500, currency: 'GBP' } })
    await deliver(event)
    await processEvents()
    const payment = await stored(me.paymentId)
    expect(payment.refunds).toHaveLength(1)
    expect(payment.refunds![0]).toMatchObject({ status: 'completed', amount: 500 })
    expect(payment.status).toBe('refunded')
  })

  it('a refund event that arrives before its payment is settled waits, and is applied after a replay', async () => {
    const me = await joiner()
    square.leaveNextPending()
    await pay(me)
    const squareId = (await stored(me.paymentId)).providerPaymentId!
    const early = squareEvent('refund.updated', { id: 'REF_EARLY', status: 'COMPLETED', payment_id: squareId, amount_money: { amount: 100, currency: 'GBP' } })
    await deliver(early)
    await processEvents()
    const [waiting] = await eventsWith(early.event_id)
    expect(waiting).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/not yet known as paid/) })

    await deliver(squareEvent('payment.updated', { ...square.complete(squareId) }))
    await processEvents()
    expect((await stored(me.paymentId)).status).toBe('succeeded')

    const member = await createUser(payload, ['member'])
    expect((await rest('POST', `/payment-events/${waiting!.id}/replay`, { token: member.token })).status).toBe(403)
    const replay = await rest('POST', `/payment-events/${waiting!.id}/replay`, { token: admin.token })
    expect(replay.status).toBe(202)
    await processEvents()
    expect((await eventsWith(early.event_id))[0]!.status).toBe('processed')
    const payment = await stored(me.paymentId)
    expect(payment.status).toBe('partially_refunded')
    expect(payment.refunds![0]).toMatchObject({ providerRefundId: 'REF_EARLY', amount: 100, status: 'completed' })
    expect((await rest('POST', `/payment-events/${waiting!.id}/replay`, { token: admin.token })).status).toBe(409)
  })

  it('cash is refunded by recording it; members cannot refund; a pending payment cannot be refunded', async () => {
    const member = await createUser(payload, ['member'])
    const membership = (await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: tier.id } })).body.doc
    const cash = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membership.id, method: 'cash', amount: 500 } })
    expect((await refund(member.token, cash.body.doc.id)).status).toBe(403)
    const back = await refund(treasurer.token, cash.body.doc.id, { reason: 'Left the area' })
    expect(back.status).toBe(200)
    expect(back.body.doc).toMatchObject({ status: 'refunded', refunds: [{ amount: 500, status: 'completed', by: treasurer.user.id, reason: 'Left the area' }] })
    expect(square.requests.filter((r) => r.path === '/v2/refunds' && r.body.payment_id === undefined)).toHaveLength(0)

    const me = await joiner()
    expect((await refund(treasurer.token, me.paymentId)).status).toBe(409)
    expect((await refund(treasurer.token, 999999)).status).toBe(404)
    expect((await refund(treasurer.token, cash.body.doc.id, { amount: -5 })).status).toBe(409)
  })
})
