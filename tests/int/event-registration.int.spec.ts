import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Event, Payment, Rsvp, Tier, User } from '@payload-types'

import { runReservationRelease } from '../../jobs/releaseReservations'
import type { SquareFake } from '../fakes/square'
import { SQUARE_NONCES, startSquareFake } from '../fakes/square'
import type { StripeFake } from '../fakes/stripe'
import { signStripeWebhook, startStripeFake, stripeEvent } from '../fakes/stripe'
import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let square: SquareFake
let stripe: StripeFake
let personal: Tier
let corporate: Tier
let organiser: { user: User; token: string }
let treasurer: { user: User; token: string }
const now = new Date()

beforeAll(async () => {
  square = await startSquareFake()
  stripe = await startStripeFake()
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: 'whsec_fake_secret', STRIPE_API_URL: `http://${stripe.host}:${stripe.port}` })
  Object.assign(process.env, {
    SQUARE_ACCESS_TOKEN: 'EAAA-fake-token',
    SQUARE_LOCATION_ID: 'LOC_FAKE',
    SQUARE_APPLICATION_ID: 'sandbox-sq0idb-fake',
    SQUARE_BASE_URL: square.url,
    SQUARE_WEBHOOK_SIGNATURE_KEY: 'fake-signature-key',
    SQUARE_WEBHOOK_URL: 'https://hangar.example/api/square/webhooks',
  })
  payload = await bootPayload()
  ;({ personal, organisation: corporate, organiser } = await eventTiersAndOrganiser(payload, { name: 'Corporate', fee: 10000, seats: 3 }))
  treasurer = await createUser(payload, ['treasurer', 'member'])
})

afterAll(async () => {
  await square?.close()
  await stripe?.close()
})

let serial = 0
async function newEvent(data: Partial<Event> = {}) {
  const res = await rest('POST', '/events?depth=0', {
    token: organiser.token,
    body: { title: `Fly-in ${++serial}`, edition: '2027', startsAt: daysFrom(now, 30).toISOString(), status: 'published', audience: 'members', ...data },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Event
}
const member = (tier: Tier = personal, extra: Partial<User> = {}) => memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(now, 200), member: extra })
const register = (token: string, event: Event, body: Record<string, unknown> = {}) => rest('POST', '/rsvps?depth=0', { token, body: { event: event.id, ...body } })
const rsvpNow = async (id: number) => (await payload.findByID({ collection: 'rsvps', id, depth: 0 })) as Rsvp
const eventNow = async (event: Event) => (await payload.findByID({ collection: 'events', id: event.id, depth: 0 })) as Event
const paymentNow = async (id: number) => (await payload.findByID({ collection: 'payments', id, depth: 0 })) as Payment
const checkout = (token: string, rsvp: number, provider = 'dummy') => rest('POST', '/payments/checkout', { token, body: { rsvp, provider } })
const emailsTo = async (email: string, template: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email } }, { template: { equals: template } }] }, depth: 0 })).docs
const paid = { paymentMethod: 'online' as const, price: 1500 }

describe('free events and the form', () => {
  it('an event without a payment method registers at once; answers of every kind are checked on the server', async () => {
    const event = await newEvent({
      questions: [
        { key: 'hours', label: 'Hours flown', kind: 'number', required: true, help: 'Total, as in your logbook' },
        { key: 'arrival', label: 'Arrival day', kind: 'date' },
      ],
    })
    const me = await member()
    const bad = await register(me.token, event, { answers: { hours: 'many' } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toBe('Hours flown: a number, e.g. 42.')
    expect((await register(me.token, event, { answers: { hours: 12, arrival: '2027-13-01' } })).status).toBe(400)
    const ok = await register(me.token, event, { answers: { hours: '120', arrival: '2027-06-19' } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.doc).toMatchObject({ status: 'going', registrationStatus: 'registered', answers: { hours: 120, arrival: '2027-06-19' } })
  })
})

describe('paying online through the ledger', () => {
  it('cancelling an event calls off the payments begun for its places; nothing more is paid or recorded for it', async () => {
    const event = await newEvent({ ...paid, capacity: 5, holdDays: 3 })
    const [a, b] = await Promise.all([member(), member()])
    const heldA = (await register(a.token, event)).body.doc as Rsvp
    const heldB = (await register(b.token, event)).body.doc as Rsvp
    const started = await checkout(a.token, heldA.id)
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    const cancelled = await rest('PATCH', `/events/${event.id}?depth=0`, { token: organiser.token, body: { status: 'cancelled' } })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect(await paymentNow(started.body.payment.id)).toMatchObject({ status: 'cancelled', cancelReason: 'The event was cancelled.' })
    const again = await checkout(a.token, heldA.id)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toBe('This event has been cancelled: there is nothing to pay.')
    const recorded = await rest('POST', `/rsvps/${heldB.id}/mark-paid`, { token: treasurer.token, body: { method: 'cash' } })
    expect(recorded.status).toBe(409)
    const payments = await payload.find({ collection: 'payments', where: { rsvp: { in: [heldA.id, heldB.id] } }, depth: 0 })
    expect(payments.docs.map((p) => p.status)).toEqual(['cancelled'])
    expect(await emailsTo(a.user.email, 'event-cancelled')).toHaveLength(1)
  })

  it('a member of a priced tier pays the member price by the dummy provider; the receipt follows; paying twice is refused', async () => {
    const event = await newEvent({ ...paid, memberPrices: [{ tier: personal.id, amount: 1000 }], capacity: 10, holdDays: 3 })
    const me = await member()
    const res = await register(me.token, event)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const held = res.body.doc as Rsvp
    expect(held).toMatchObject({ status: 'going', registrationStatus: 'payment_pending', amountDue: 1000, currency: 'GBP', paymentMethod: 'online' })
    expect(new Date(held.heldUntil!).getTime()).toBeGreaterThan(daysFrom(now, 2.9).getTime())
    expect((await eventNow(event)).placesTaken).toBe(1)

    const start = await checkout(me.token, held.id)
    expect(start.status, JSON.stringify(start.body)).toBe(201)
    expect(start.body.payment).toMatchObject({ amount: 1000, currency: 'GBP', status: 'pending', method: 'dummy' })
    expect((await checkout(me.token, held.id)).body.payment.id).toBe(start.body.payment.id)
    const other = await member()
    expect((await checkout(other.token, held.id)).status).toBe(403)

    const approve = await rest('POST', `/payments/dummy/${start.body.payment.id}/approve`, { token: me.token })
    expect(approve.status, JSON.stringify(approve.body)).toBe(200)
    const payment = await paymentNow(start.body.payment.id)
    expect(payment).toMatchObject({ status: 'succeeded', purpose: 'event', rsvp: held.id, amount: 1000 })
    expect(payment.receiptNumber).toMatch(/^R-\d{4}-\d{6}$/)
    expect(payment.appliedAt).toBeTruthy()
    expect(await rsvpNow(held.id)).toMatchObject({ registrationStatus: 'registered', payment: payment.id, heldUntil: null })
    expect(await emailsTo(me.user.email, 'payment-receipt')).toHaveLength(1)

    const again = await checkout(me.token, held.id)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/registered; there is nothing to pay/)
  })

  it('visitors without a tier price pay the full price by card through Square, and the treasurer refunds it', async () => {
    const event = await newEvent({ ...paid, memberPrices: [{ tier: corporate.id, amount: 500 }], capacity: 5 })
    const me = await member()
    const held = (await register(me.token, event)).body.doc as Rsvp
    expect(held.amountDue).toBe(1500)
    const start = await checkout(me.token, held.id, 'square')
    expect(start.status, JSON.stringify(start.body)).toBe(201)
    expect(start.body.next).toMatchObject({ type: 'card_form', data: { amount: 1500, currency: 'GBP' } })
    const card = await rest('POST', `/payments/square/${start.body.payment.id}/pay`, { token: me.token, body: { sourceId: SQUARE_NONCES.ok } })
    expect(card.status, JSON.stringify(card.body)).toBe(200)
    expect(card.body.payment).toMatchObject({ status: 'succeeded', amount: 1500 })
    expect((await rsvpNow(held.id)).registrationStatus).toBe('registered')

    const refund = await rest('POST', `/payments/${start.body.payment.id}/refund`, { token: treasurer.token, body: { reason: 'Cannot come' } })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    expect(refund.body.doc.status).toBe('refunded')
  })

  it('Stripe Checkout: the completed-session webhook, delivered three times, registers the place once', async () => {
    const event = await newEvent({ ...paid, capacity: 5 })
    const me = await member()
    const held = (await register(me.token, event)).body.doc as Rsvp
    const start = await checkout(me.token, held.id, 'stripe')
    expect(start.status, JSON.stringify(start.body)).toBe(201)
    const sessionId = String(start.body.next.url).split('/').pop()!
    expect(stripe.sessions.get(sessionId)).toMatchObject({ amount_total: 1500, currency: 'gbp', client_reference_id: String(start.body.payment.id) })
    const completed = JSON.stringify(stripeEvent('checkout.session.completed', { ...stripe.complete(sessionId) }))
    for (let i = 0; i < 3; i++) {
      expect((await rest('POST', '/stripe/webhooks', { body: JSON.parse(completed), headers: { 'stripe-signature': signStripeWebhook(completed, 'whsec_fake_secret') } })).status).toBe(200)
    }
    await payload.jobs.run({ queue: 'payments', limit: 100 })
    expect(await paymentNow(start.body.payment.id)).toMatchObject({ status: 'succeeded', purpose: 'event', rsvp: held.id })
    expect(await rsvpNow(held.id)).toMatchObject({ registrationStatus: 'registered', payment: start.body.payment.id })
    expect(await emailsTo(me.user.email, 'payment-receipt')).toHaveLength(1)
  })

  it('a card payment for a cancelled event that still goes through at Stripe is given back', async () => {
    const event = await newEvent({ ...paid, capacity: 5 })
    const me = await member()
    const held = (await register(me.token, event)).body.doc as Rsvp
    const start = await checkout(me.token, held.id, 'stripe')
    expect(start.status, JSON.stringify(start.body)).toBe(201)
    const sessionId = String(start.body.next.url).split('/').pop()!
    expect((await rest('PATCH', `/events/${event.id}?depth=0`, { token: organiser.token, body: { status: 'cancelled' } })).status).toBe(200)
    // the member had the card form open and paid anyway
    const completed = JSON.stringify(stripeEvent('checkout.session.completed', { ...stripe.complete(sessionId) }))
    expect((await rest('POST', '/stripe/webhooks', { body: JSON.parse(completed), headers: { 'stripe-signature': signStripeWebhook(completed, 'whsec_fake_secret') } })).status).toBe(200)
    await payload.jobs.run({ queue: 'payments', limit: 100 })
    const after = await paymentNow(start.body.payment.id)
    expect(after.status).not.toBe('succeeded')
    expect(after.refunds?.reduce((sum, r) => sum + r.amount, 0)).toBe(1500)
    expect(after.cancelReason).toMatch(/^The event was cancelled\. The money was taken afterwards\. Refunded in full through/)
    expect((await rsvpNow(held.id)).registrationStatus).toBe('payment_pending')
    // refunded once, however often Stripe reports it
    const later = JSON.stringify(stripeEvent('checkout.session.completed', { ...stripe.complete(sessionId) }))
    expect((await rest('POST', '/stripe/webhooks', { body: JSON.parse(later), headers: { 'stripe-signature': signStripeWebhook(later, 'whsec_fake_secret') } })).status).toBe(200)
    await payload.jobs.run({ queue: 'payments', limit: 100 })
    expect((await paymentNow(start.body.payment.id)).refunds).toHaveLength(1)

  })

  it('a declined card leaves the place held and pending', async () => {
    const event = await newEvent({ ...paid, capacity: 5 })
    const me = await member()
    const held = (await register(me.token, event)).body.doc as Rsvp
    const start = await checkout(me.token, held.id)
    expect((await rest('POST', `/payments/dummy/${start.body.payment.id}/decline`, { token: me.token })).status).toBe(200)
    expect((await rsvpNow(held.id)).registrationStatus).toBe('payment_pending')
    expect((await eventNow(event)).placesTaken).toBe(1)
  })
})

describe('bank transfer, manual confirmation, pay on the day', () => {
  it('a bank-transfer event needs a valid account number', async () => {
    const res = await rest('POST', '/events?depth=0', {
      token: organiser.token,
      body: { title: 'Bad IBAN', startsAt: daysFrom(now, 30).toISOString(), status: 'published', audience: 'members', price: 1000, paymentMethod: 'bank_transfer', bankAccount: 'GB28 NWBK 6016 1331 9268 19' },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/check digits do not match/)
    expect((await rest('POST', '/events?depth=0', { token: organiser.token, body: { title: 'No account', startsAt: daysFrom(now, 30).toISOString(), price: 1000, paymentMethod: 'bank_transfer' } })).status).toBe(400)
  })

  it('the registrant gets a payment reference; the organiser marks the transfer paid (a ledger entry with a receipt); members cannot', async () => {
    const event = await newEvent({ price: 2000, paymentMethod: 'bank_transfer', bankAccount: 'GB29 NWBK 6016 1331 9268 19', paymentInstructions: 'Pay within a week.', capacity: 5 })
    expect(event.bankAccount).toBe('GB29 NWBK 6016 1331 9268 19')
    const me = await member()
    const held = (await register(me.token, event)).body.doc as Rsvp
    expect(held).toMatchObject({ registrationStatus: 'payment_pending', amountDue: 2000, paymentMethod: 'bank_transfer' })
    expect(held.paymentReference).toMatch(new RegExp(`^EV${event.id}-\\d{8}-[A-Z]{2}$`))
    expect((await checkout(me.token, held.id)).status).toBe(409)

    expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: me.token, body: { method: 'bank_transfer' } })).status).toBe(403)
    expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: organiser.token, body: { method: 'card' } })).status).toBe(400)
    expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer', amount: 1500 } })).status).toBe(400)
    expect((await rest('POST', `/rsvps/999999/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer' } })).status).toBe(404)
    const marked = await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer' } })
    expect(marked.status, JSON.stringify(marked.body)).toBe(200)
    expect(marked.body.doc).toMatchObject({ registrationStatus: 'registered_without_payment', status: 'going' })
    const payment = await paymentNow(marked.body.doc.payment)
    expect(payment).toMatchObject({ purpose: 'event', method: 'bank_transfer', status: 'succeeded', amount: 2000, recordedBy: organiser.user.id })
    expect(payment.receiptNumber).toBeTruthy()
    expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer' } })).status).toBe(409)
  })

  it('the treasurer records money received for a place, but only organisers let someone off paying', async () => {
    const event = await newEvent({ price: 1200, paymentMethod: 'manual', paymentInstructions: 'Pay at the club night.' })
    const me = await member()
    const held = (await register(me.token, event)).body.doc as Rsvp
    const refused = await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: treasurer.token, body: { exempt: true, reason: 'Friend of the treasurer' } })
    expect(refused.status).toBe(403)
    expect((await rest('GET', `/rsvps/${held.id}?depth=0`, { token: organiser.token })).body.registrationStatus).toBe('payment_pending')
    const marked = await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: treasurer.token, body: { method: 'cheque' } })
    expect(marked.status, JSON.stringify(marked.body)).toBe(200)
    expect(marked.body.doc).toMatchObject({ registrationStatus: 'registered_without_payment', status: 'going' })
    expect(await paymentNow(marked.body.doc.payment)).toMatchObject({ purpose: 'event', method: 'cheque', status: 'succeeded', amount: 1200, recordedBy: treasurer.user.id })
  })

  it('manual confirmation shows the instructions; the organiser may exempt someone (with a reason)', async () => {
    const event = await newEvent({ price: 1000, paymentMethod: 'manual', paymentInstructions: 'Pay the treasurer at the club night.' })
    const me = await member()
    expect((await rest('GET', `/events/${event.id}?depth=0`, { token: me.token })).body.paymentInstructions).toBe('Pay the treasurer at the club night.')
    const held = (await register(me.token, event)).body.doc as Rsvp
    expect(held.registrationStatus).toBe('payment_pending')
    expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: organiser.token, body: { exempt: true } })).status).toBe(400)
    const exempt = await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: organiser.token, body: { exempt: true, reason: 'Committee member' } })
    expect(exempt.status, JSON.stringify(exempt.body)).toBe(200)
    expect(exempt.body.doc).toMatchObject({ registrationStatus: 'registered_without_payment', exemptReason: 'Committee member', payment: null })
  })

  it('pay on the day registers at once; the cash is taken and recorded at check-in', async () => {
    const event = await newEvent({ price: 800, paymentMethod: 'on_the_day' })
    const me = await member()
    const res = await register(me.token, event)
    expect(res.body.doc).toMatchObject({ registrationStatus: 'registered', amountDue: 800, paymentMethod: 'on_the_day', heldUntil: null })

    // at the door: checking in asks for the cash first, then records it in the ledger with a receipt
    const owes = await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { rsvp: res.body.doc.id } })
    expect(owes.status).toBe(402)
    expect(owes.body.errors[0].message).toMatch(/pays £8\.00 at the door/)
    const inside = await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { rsvp: res.body.doc.id, cashTaken: true } })
    expect(inside.status, JSON.stringify(inside.body)).toBe(200)
    const after = await rsvpNow(res.body.doc.id)
    expect(after).toMatchObject({ registrationStatus: 'registered' })
    expect(after.checkedInAt).toBeTruthy()
    expect(await paymentNow(after.payment as number)).toMatchObject({ method: 'cash', purpose: 'event', amount: 800, status: 'succeeded', recordedBy: organiser.user.id })
    expect((await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { rsvp: res.body.doc.id } })).body.alreadyCheckedIn).toBe(true)
    expect((await payload.count({ collection: 'payments', where: { rsvp: { equals: res.body.doc.id } } })).totalDocs).toBe(1)
  })
})

describe('eligibility before payment', () => {
  it('age on the event date and tiers; a refused registrant is told every reason, and no place is taken', async () => {
    const startsAt = daysFrom(now, 30)
    const event = await newEvent({ ...paid, capacity: 3, eligibility: { minAge: 18, tiers: [corporate.id] } })
    const young = await member(personal, { dateOfBirth: `${startsAt.getUTCFullYear() - 17}-01-01` } as Partial<User>)
    const refused = await register(young.token, event)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toBe('You cannot register for this event: You must be at least 18 on the day of the event (you will be 17). This event is for members of Corporate.')
    expect(refused.body.errors[0].data).toEqual({ reasons: ['You must be at least 18 on the day of the event (you will be 17).', 'This event is for members of Corporate.'] })
    expect((await eventNow(event)).placesTaken).toBe(0)
    const grown = await member(corporate, { dateOfBirth: '1980-05-05' } as Partial<User>)
    expect((await register(grown.token, event)).status).toBe(201)
  })
})

describe('reservations that expire', () => {
  it('the job releases unpaid places, cancels their payments, emails once and promotes the waitlist', async () => {
    const event = await newEvent({ ...paid, capacity: 2, holdDays: 2, waitlist: true })
    const [a, b, c] = await Promise.all([member(), member(), member()])
    const heldA = (await register(a.token, event)).body.doc as Rsvp
    const heldB = (await register(b.token, event)).body.doc as Rsvp
    const waiting = (await register(c.token, event)).body.doc as Rsvp
    expect(waiting).toMatchObject({ status: 'waitlisted', registrationStatus: 'form_completed' })
    const pendingA = (await checkout(a.token, heldA.id)).body.payment.id as number
    // B pays in time
    const startB = await checkout(b.token, heldB.id)
    await rest('POST', `/payments/dummy/${startB.body.payment.id}/approve`, { token: b.token })

    expect(await runReservationRelease(payload, { now: daysFrom(now, 1) })).toEqual({ released: 0 })
    const later = daysFrom(now, 2.5)
    // two runners at once (a retry, a second worker): A is released once, emailed once
    const runs = await Promise.all([runReservationRelease(payload, { now: later }), runReservationRelease(payload, { now: later })])
    expect(runs[0].released + runs[1].released).toBe(1)
    expect(await runReservationRelease(payload, { now: later })).toEqual({ released: 0 })

    expect(await rsvpNow(heldA.id)).toMatchObject({ status: 'cancelled', registrationStatus: 'expired' })
    expect((await paymentNow(pendingA)).status).toBe('cancelled')
    expect(await rsvpNow(heldB.id)).toMatchObject({ status: 'going', registrationStatus: 'registered' })
    const promoted = await rsvpNow(waiting.id)
    expect(promoted).toMatchObject({ status: 'going', registrationStatus: 'payment_pending', amountDue: 1500 })
    // the promoted person's place is held for the hold days from their promotion
    expect(promoted.heldUntil).toBe(daysFrom(later, 2).toISOString())
    expect((await eventNow(event)).placesTaken).toBe(2)
    expect(await emailsTo(a.user.email, 'event-reservation-expired')).toHaveLength(1)
    const promotion = await emailsTo(c.user.email, 'waitlist-promotion')
    expect(promotion).toHaveLength(1)
    // the promoted person is told what to pay and by when
    expect(promotion[0]!.text).toContain('The place costs £15.00. We hold it for you until')
    expect(promotion[0]!.text).toContain(`/events/${event.id}`)
    // the expired registrant cannot pay any more
    expect((await checkout(a.token, heldA.id)).status).toBe(409)
  })

  it('capacity is never exceeded while reservations expire and others register at the same moment', async () => {
    const capacity = 6
    const event = await newEvent({ ...paid, capacity, holdDays: 1, waitlist: true })
    const holders = await Promise.all(Array.from({ length: capacity }, () => member()))
    for (const holder of holders) expect((await register(holder.token, event)).status).toBe(201)
    const newcomers = await Promise.all(Array.from({ length: 12 }, () => member()))
    const [report, ...replies] = await Promise.all([
      runReservationRelease(payload, { now: daysFrom(now, 1.5) }),
      ...newcomers.map((n) => register(n.token, event)),
    ])
    expect(replies.every((r) => r.status === 201)).toBe(true)
    const going = (await payload.find({ collection: 'rsvps', where: { and: [{ event: { equals: event.id } }, { status: { equals: 'going' } }] }, depth: 0, pagination: false })).docs
    const placesTaken = (await eventNow(event)).placesTaken
    expect(going.length).toBe(placesTaken)
    expect(placesTaken).toBeLessThanOrEqual(capacity)
    expect(report.released).toBeGreaterThanOrEqual(1)
    // every released place went to someone: the waitlist was promoted or newcomers took it
    expect(placesTaken).toBe(capacity)
    expect(going.every((r) => r.registrationStatus === 'payment_pending')).toBe(true)
  })
})

describe('payment after the hold expired', () => {
  it('the organiser marking it paid takes the place back when one is free, and is refused when the event filled up', async () => {
    const event = await newEvent({ price: 1000, paymentMethod: 'bank_transfer', bankAccount: 'GB29NWBK60161331926819', capacity: 1, holdDays: 1, waitlist: false })
    const [a, b, c] = await Promise.all([member(), member(), member()])
    const heldA = (await register(a.token, event)).body.doc as Rsvp
    await runReservationRelease(payload, { now: daysFrom(now, 2) })
    expect((await rsvpNow(heldA.id)).registrationStatus).toBe('expired')
    expect((await eventNow(event)).placesTaken).toBe(0)
    const late = await rest('POST', `/rsvps/${heldA.id}/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer' } })
    expect(late.status, JSON.stringify(late.body)).toBe(200)
    expect(late.body.doc).toMatchObject({ status: 'going', registrationStatus: 'registered_without_payment' })
    expect((await eventNow(event)).placesTaken).toBe(1)
    expect((await register(b.token, event)).body.errors[0].message).toBe('The event is full.')

    // on another event, D's place is released and E takes it; then D's transfer is marked: refused, nothing recorded
    const small = await newEvent({ price: 1000, paymentMethod: 'bank_transfer', bankAccount: 'GB29NWBK60161331926819', capacity: 1, holdDays: 1, waitlist: false })
    const heldC = (await register(c.token, small)).body.doc as Rsvp
    await runReservationRelease(payload, { now: daysFrom(now, 2) })
    expect((await register(b.token, small)).status).toBe(201)
    const refused = await rest('POST', `/rsvps/${heldC.id}/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer' } })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toMatch(/event is now full/)
    expect((await payload.count({ collection: 'payments', where: { rsvp: { equals: heldC.id } } })).totalDocs).toBe(0)
    expect((await eventNow(small)).placesTaken).toBe(1)
  })
})

describe('prefill', () => {
  it('a new form starts with the member’s latest answer to a question of the same name, then their profile', async () => {
    const me = await member(personal, { phone: '07911 123456' } as Partial<User>)
    const first = await newEvent({ questions: [{ key: 'dietary_needs', label: 'Dietary needs', kind: 'text' }, { key: 'aircraft', label: 'Aircraft', kind: 'choice', choices: ['C152', 'PA28'] }] })
    expect((await register(me.token, first, { answers: { dietary_needs: 'Vegetarian', aircraft: 'PA28' } })).status).toBe(201)
    const second = await newEvent({
      questions: [
        { key: 'dietaryNeeds', label: 'Any dietary needs?', kind: 'text' },
        { key: 'aircraft', label: 'Aircraft', kind: 'choice', choices: ['C152'] },
        { key: 'phone', label: 'Phone on the day', kind: 'text' },
        { key: 'camping', label: 'Camping', kind: 'yes_no' },
      ],
    })
    const res = await rest('GET', `/rsvps/prefill?event=${second.id}`, { token: me.token })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    // PA28 is not a choice on the second form, so it is not offered
    expect(res.body.answers).toEqual({ dietaryNeeds: 'Vegetarian', phone: '+447911123456' })
    expect((await rest('GET', `/rsvps/prefill?event=${second.id}`)).status).toBe(401)
    expect((await rest('GET', `/rsvps/prefill?event=abc`, { token: me.token })).status).toBe(404)
  })
})

describe('who may do what, and bad input', () => {
  it('exempting is for the events team, admins and superusers; members cannot set their own registration fields', async () => {
    const event = await newEvent({ ...paid, capacity: 20 })
    const roles = ['superuser', 'admin', 'events', 'treasurer', 'secretary', 'volunteers'] as const
    const staff = await Promise.all(roles.map((role) => createUser(payload, [role, 'member'])))
    const expected: Record<(typeof roles)[number], number> = { superuser: 200, admin: 200, events: 200, treasurer: 403, secretary: 403, volunteers: 403 }
    for (const [i, role] of roles.entries()) {
      const me = await member()
      const held = (await register(me.token, event)).body.doc as Rsvp
      const res = await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: staff[i]!.token, body: { exempt: true, reason: 'Volunteer crew' } })
      expect(res.status, role).toBe(expected[role])
      if (i === 0) {
        expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { body: { exempt: true, reason: 'x' } })).status).toBe(401)
        expect((await rest('POST', `/rsvps/${held.id}/mark-paid`, { token: me.token, body: { exempt: true, reason: 'x' } })).status).toBe(403)
      }
    }
    const sneaky = await member()
    const res = await register(sneaky.token, event, { registrationStatus: 'registered', amountDue: 0, heldUntil: '2100-01-01T00:00:00Z', paymentReference: 'MINE' })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ registrationStatus: 'payment_pending', amountDue: 1500 })
    expect(res.body.doc.paymentReference).not.toBe('MINE')
    const patched = await rest('PATCH', `/rsvps/${res.body.doc.id}?depth=0`, { token: sneaky.token, body: { registrationStatus: 'registered', amountDue: 0 } })
    expect(patched.status).toBe(200)
    expect(await rsvpNow(res.body.doc.id)).toMatchObject({ registrationStatus: 'payment_pending', amountDue: 1500 })
  })

  it('bad input is a clear 4xx', async () => {
    const me = await member()
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '/payments/checkout', { rsvp: 'abc', provider: 'dummy' }, 404],
      ['POST', '/payments/checkout', { rsvp: { nested: true }, provider: 'dummy' }, 404],
      ['POST', '/payments/checkout', { rsvp: 1, provider: 'cash' }, 400],
      ['POST', '/rsvps/abc/mark-paid', { method: 'cash' }, 404],
      ['GET', '/rsvps/prefill?event=', undefined, 404],
    ]
    for (const [method, path, body, status] of cases) {
      const res = await rest(method as 'POST', path, { token: me.token, body })
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status)
      expect(res.body.errors?.[0]?.message, path).toEqual(expect.any(String))
    }
    const bad = await rest('POST', '/rsvps/999999/mark-paid', { token: organiser.token, body: { method: 'cash', amount: -5 } })
    expect(bad.status).toBe(400)
    const missing = await rest('POST', '/rsvps/999999/mark-paid', { token: organiser.token, body: { method: 'cash' } })
    expect(missing.status).toBe(404)
    const badEvent = await rest('POST', '/events?depth=0', { token: organiser.token, body: { title: 'x', startsAt: daysFrom(now, 3).toISOString(), paymentMethod: 'barter', eligibility: { minAge: -1 } } })
    expect(badEvent.status).toBe(400)
  })
})

describe('sessions', () => {
  it('people register for an event’s sessions, each with its own places, price, method and form; the event itself takes none', async () => {
    const festival = await newEvent({ title: 'Fly-in', edition: '2027' })
    const workshop = await newEvent({ title: 'Radio workshop', parent: festival.id, capacity: 1, waitlist: false, ...paid, questions: [{ key: 'callsign', label: 'Callsign', kind: 'text', required: true }] })
    const dinner = await newEvent({ title: 'Dinner', parent: festival.id, price: 2500, paymentMethod: 'bank_transfer', bankAccount: 'GB29NWBK60161331926819' })
    const me = await member()
    const other = await member()
    expect((await register(me.token, festival)).body.errors[0].message).toBe('Register for one of this event’s sessions.')
    expect((await register(me.token, workshop)).status).toBe(400)
    const w = await register(me.token, workshop, { answers: { callsign: 'G-ABCD' } })
    expect(w.body.doc).toMatchObject({ registrationStatus: 'payment_pending', amountDue: 1500, paymentMethod: 'online' })
    const d = await register(me.token, dinner)
    expect(d.body.doc).toMatchObject({ registrationStatus: 'payment_pending', amountDue: 2500, paymentMethod: 'bank_transfer' })
    expect((await register(other.token, workshop, { answers: { callsign: 'G-EFGH' } })).body.errors[0].message).toBe('The event is full.')
    expect((await eventNow(workshop)).placesTaken).toBe(1)
    expect((await eventNow(festival)).placesTaken).toBe(0)
    const joined = await rest('GET', `/events/${festival.id}?depth=0`, { token: me.token })
    expect([...joined.body.sessions.docs].sort()).toEqual([workshop.id, dinner.id].sort())

    // one level only, and never its own session
    expect((await rest('POST', '/events?depth=0', { token: organiser.token, body: { title: 'Deep', startsAt: daysFrom(now, 30).toISOString(), parent: workshop.id } })).status).toBe(400)
    expect((await rest('PATCH', `/events/${festival.id}?depth=0`, { token: organiser.token, body: { parent: festival.id } })).status).toBe(400)
    expect((await rest('PATCH', `/events/${festival.id}?depth=0`, { token: organiser.token, body: { parent: dinner.id } })).status).toBe(400)
  })
})
