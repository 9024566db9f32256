/**
 * Malformed requests to the endpoints added for memberships, payments, reminders and events:
 * each gets a clear 4xx and changes nothing, never a 500.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Tier, User } from '@payload-types'

import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let admin: { user: User; token: string }
let tier: Tier
let event: Event

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin', 'member'])
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
  event = (await payload.create({
    collection: 'events',
    data: { title: 'Briefing', startsAt: daysFrom(new Date(), 10).toISOString(), status: 'published', audience: 'members', capacity: 5 } as Event,
  })) as Event
})

describe('bad input gets a 4xx and changes nothing', () => {
  it('RSVPs', async () => {
    const me = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(new Date(), 100) })
    const cases: Array<[string, Record<string, unknown>]> = [
      ['event not a number', { event: 'abc' }],
      ['no event', {}],
      ['unknown event', { event: 999999 }],
      ['guests as text', { event: event.id, guests: 'two' }],
      ['negative guests', { event: event.id, guests: -1 }],
      ['too many guests', { event: event.id, guests: 50 }],
      ['answers to questions not asked', { event: event.id, answers: { shoeSize: '9' } }],
      ['status the member may not set', { event: event.id, status: 'waitlisted' }],
    ]
    for (const [label, body] of cases) {
      const res = await rest('POST', '/rsvps', { token: me.token, body })
      expect(res.status, label).toBeGreaterThanOrEqual(400)
      expect(res.status, label).toBeLessThan(500)
    }
    expect((await payload.count({ collection: 'rsvps' })).totalDocs).toBe(0)
    expect(((await payload.findByID({ collection: 'events', id: event.id, depth: 0 })) as Event).placesTaken).toBe(0)
  })

  it('check-in, proposals, refunds, seats and the reminder preview', async () => {
    const requests: Array<[string, 'GET' | 'POST' | 'DELETE', string, unknown]> = [
      ['check-in with an object', 'POST', '/rsvps/check-in', { rsvp: { id: 1 } }],
      ['check-in with nothing', 'POST', '/rsvps/check-in', {}],
      ['check-in of an unknown RSVP', 'POST', '/rsvps/check-in', { rsvp: 'abc' }],
      ['decide with no decision', 'POST', `/events/${event.id}/decide`, {}],
      ['decide on an unknown event', 'POST', '/events/abc/decide', { decision: 'approve' }],
      ['decide on a published event', 'POST', `/events/${event.id}/decide`, { decision: 'approve' }],
      ['refund of an unknown payment', 'POST', '/payments/abc/refund', {}],
      ['seat with a number for an email', 'POST', '/memberships/1/seats', { email: 123 }],
      ['seat on an unknown membership', 'POST', '/memberships/abc/seats', { email: 'a@example.org' }],
      ['household removal with no email', 'DELETE', '/memberships/abc/household', undefined],
      ['preview for "many" days', 'GET', '/reminders/preview?days=many', undefined],
      ['replay of an unknown event', 'POST', '/payment-events/abc/replay', undefined],
    ]
    for (const [label, method, path, body] of requests) {
      const res = await rest(method, path, { token: admin.token, body })
      expect(res.status, label).toBeGreaterThanOrEqual(400)
      expect(res.status, label).toBeLessThan(500)
      expect(res.body.errors?.[0]?.message, label).toBeTruthy()
    }
    expect(((await payload.findByID({ collection: 'events', id: event.id, depth: 0 })) as Event).status).toBe('published')
  })

  it('webhooks without a provider configured are refused, not processed', async () => {
    for (const path of ['/square/webhooks', '/stripe/webhooks']) {
      const res = await rest('POST', path, { body: { event_id: 'x', type: 'payment.updated' }, headers: { 'x-square-hmacsha256-signature': 'abc', 'stripe-signature': 't=1,v1=abc' } })
      expect(res.status, path).toBe(401)
    }
    expect((await payload.count({ collection: 'payment-events' })).totalDocs).toBe(0)
  })
})
