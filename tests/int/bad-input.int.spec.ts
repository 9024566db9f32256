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
      ['registrants filtered by a column the list lacks', 'GET', `/events/${event.id}/registrants?filter[shoeSize][equals]=9`, undefined],
      ['registrants sorted by a column the list lacks', 'GET', `/events/${event.id}/registrants?sort=answers.nope`, undefined],
      ['registrants of an unknown event', 'GET', '/events/abc/registrants.csv', undefined],
      ['email to registrants without a subject', 'POST', `/events/${event.id}/registrants/email`, { message: 'Hello', idempotencyKey: 'bad-input-press-1' }],
      ['email to registrants without an idempotency key', 'POST', `/events/${event.id}/registrants/email`, { subject: 'Hi', message: 'Hello' }],
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

describe('volunteering: bad input gets a 4xx and changes nothing', () => {
  it('assignments, shifts, roster endpoints and availability', async () => {
    const coordinator = await createUser(payload, ['volunteers', 'member'])
    const me = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(new Date(), 100) })
    const role = await payload.create({ collection: 'volunteer-roles', data: { name: 'Marshal (bad input)', requiredCertificates: [] } })
    const start = daysFrom(new Date(), 20)
    const shift = await payload.create({ collection: 'shifts', data: { role: role.id, startsAt: start.toISOString(), endsAt: daysFrom(start, 0.2).toISOString(), peopleNeeded: 1 } })
    const before = {
      assignments: (await payload.count({ collection: 'volunteer-assignments' })).totalDocs,
      shifts: (await payload.count({ collection: 'shifts' })).totalDocs,
      availability: (await payload.count({ collection: 'availability' })).totalDocs,
      certificates: (await payload.count({ collection: 'certificates' })).totalDocs,
    }
    const requests: Array<[string, 'GET' | 'POST', string, unknown, string]> = [
      ['assignment without a role', 'POST', '/volunteer-assignments', { member: me.user.id }, coordinator.token],
      ['assignment without a member', 'POST', '/volunteer-assignments', { role: role.id }, coordinator.token],
      ['assignment to an unknown role', 'POST', '/volunteer-assignments', { member: me.user.id, role: 999999 }, coordinator.token],
      ['assignment of text', 'POST', '/volunteer-assignments', { member: 'someone', role: 'fire' }, coordinator.token],
      ['shift with a start that is not a date', 'POST', '/shifts', { role: role.id, startsAt: 'soon', endsAt: start.toISOString() }, coordinator.token],
      ['shift needing people as text', 'POST', '/shifts', { role: role.id, startsAt: start.toISOString(), endsAt: daysFrom(start, 0.1).toISOString(), peopleNeeded: 'two' }, coordinator.token],
      ['sign-up for a shift that is not a number', 'POST', '/shifts/abc/sign-up', {}, me.token],
      ['sign-up for an unknown shift', 'POST', '/shifts/999999/sign-up', {}, me.token],
      ['assign with a member as an object', 'POST', `/shifts/${shift.id}/assign`, { member: { id: me.user.id } }, coordinator.token],
      ['assign an unknown member', 'POST', `/shifts/${shift.id}/assign`, { member: 999999 }, coordinator.token],
      ['remove someone not on it', 'POST', `/shifts/${shift.id}/remove`, { member: me.user.id }, coordinator.token],
      ['attendance as text', 'POST', `/shifts/${shift.id}/attendance`, { member: me.user.id, attended: 'yes' }, coordinator.token],
      ['attendance with hours as text', 'POST', `/shifts/${shift.id}/attendance`, { member: me.user.id, attended: true, hours: 'four' }, coordinator.token],
      ['candidates for an unknown shift', 'GET', '/shifts/999999/candidates', undefined, coordinator.token],
      ['candidates asked by a member', 'GET', `/shifts/${shift.id}/candidates`, undefined, me.token],
      ['availability with a day that is not one', 'POST', '/availability', { weekly: [{ day: 'funday', from: '09:00', to: '10:00' }] }, me.token],
      ['availability with dates that are not dates', 'POST', '/availability', { dates: [{ kind: 'unavailable', from: 'tomorrow', to: 'later' }] }, me.token],
      ['availability with weekly as text', 'POST', '/availability', { weekly: 'weekends' }, me.token],
      ['certificate as JSON without a file', 'POST', '/certificates', { type: 1, issuedOn: '2026-01-01' }, me.token],
    ]
    for (const [label, method, path, body, token] of requests) {
      const res = await rest(method, path, { token, body })
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400)
      expect(res.status, label).toBeLessThan(500)
      expect(res.body.errors?.[0]?.message, label).toBeTruthy()
    }
    expect((await rest('POST', `/shifts/${shift.id}/sign-up`, {})).status).toBe(401)
    expect((await rest('GET', '/volunteer-assignments/volunteers', {})).status).toBe(401)
    expect((await rest('GET', '/volunteer-assignments/me', {})).status).toBe(401)
    expect((await payload.findByID({ collection: 'shifts', id: shift.id, depth: 0 })).assigned).toEqual([])
    expect((await payload.count({ collection: 'volunteer-assignments' })).totalDocs).toBe(before.assignments)
    expect((await payload.count({ collection: 'shifts' })).totalDocs).toBe(before.shifts)
    expect((await payload.count({ collection: 'availability' })).totalDocs).toBe(before.availability)
    expect((await payload.count({ collection: 'certificates' })).totalDocs).toBe(before.certificates)
  })
})

describe('inquiries: bad input gets a 4xx and changes nothing', () => {
  it('the contact form and the inbox’s endpoints', async () => {
    const member = await createUser(payload, ['member'])
    const inquiry = await payload.create({ collection: 'inquiries', data: { name: 'Sam Taylor', email: 'sam@example.org', subject: 'Joining', message: 'How?', type: 'joining' } })
    const before = await payload.count({ collection: 'inquiries' })
    const peer = { 'x-hangar-peer-address': '192.0.2.180' }
    const requests: Array<[string, 'GET' | 'POST', string, unknown, string | undefined]> = [
      ['form with nothing', 'POST', '/inquiries', {}, undefined],
      ['form with an email that is not one', 'POST', '/inquiries', { name: 'A B', email: 'nope', subject: 'S', message: 'M' }, undefined],
      ['form with fields as objects', 'POST', '/inquiries', { name: { first: 'A' }, email: ['a@example.org'], subject: 1, message: true }, undefined],
      ['form with an unknown type', 'POST', '/inquiries', { name: 'A B', email: 'a@example.org', subject: 'S', message: 'M', type: 'complaint' }, undefined],
      ['form with a language that is not one', 'POST', '/inquiries', { name: 'A B', email: 'a@example.org', subject: 'S', message: 'M', language: 'english please' }, undefined],
      ['transition of an unknown inquiry', 'POST', '/inquiries/abc/transition', { to: 'spam', reason: 'x' }, admin.token],
      ['transition to a number', 'POST', `/inquiries/${inquiry.id}/transition`, { to: 3 }, admin.token],
      ['transition with a reason as an object', 'POST', `/inquiries/${inquiry.id}/transition`, { to: 'spam', reason: { why: 1 } }, admin.token],
      ['assign to an object', 'POST', `/inquiries/${inquiry.id}/assign`, { assignee: { id: 'x' } }, admin.token],
      ['assign with a note as a number', 'POST', `/inquiries/${inquiry.id}/assign`, { assignee: admin.user.id, note: 5 }, admin.token],
      ['reply preview with a template that is not one', 'GET', `/inquiries/${inquiry.id}/reply-preview?template=abc`, undefined, admin.token],
      ['reply with a subject as a list', 'POST', `/inquiries/${inquiry.id}/reply`, { subject: ['a'], body: 'b' }, admin.token],
      ['convert with a tier as an object', 'POST', `/inquiries/${inquiry.id}/convert`, { tier: { id: 1 } }, admin.token],
      ['convert with linkExisting as text', 'POST', `/inquiries/${inquiry.id}/convert`, { linkExisting: 'yes' }, admin.token],
      ['convert by a member', 'POST', `/inquiries/${inquiry.id}/convert`, {}, member.token],
      ['reply without signing in', 'POST', `/inquiries/${inquiry.id}/reply`, { body: 'b' }, undefined],
    ]
    for (const [label, method, path, body, token] of requests) {
      const res = await rest(method, path, { token, body, headers: peer })
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400)
      expect(res.status, label).toBeLessThan(500)
      expect(res.body.errors?.[0]?.message, label).toBeTruthy()
    }
    expect((await payload.count({ collection: 'inquiries' })).totalDocs).toBe(before.totalDocs)
    const stored = await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })
    expect(stored).toMatchObject({ status: 'new', assignee: null })
    expect(stored.messages).toHaveLength(1)
  })
})

describe('guests, proposals and the edit lock: bad input gets a 4xx and changes nothing', () => {
  it('the guest registration endpoints, a proposer’s resubmission and a locked event', async () => {
    const open = (await payload.create({
      collection: 'events',
      data: { title: 'Open day', startsAt: daysFrom(new Date(), 20).toISOString(), status: 'published', audience: 'public', capacity: 3, questions: [{ key: 'age', label: 'Age', kind: 'number', required: true }] } as Event,
    })) as Event
    const proposer = await createUser(payload, ['member'])
    const proposal = (await payload.create({
      collection: 'events',
      data: { title: 'Talk', startsAt: daysFrom(new Date(), 30).toISOString(), status: 'rejected', audience: 'members', proposedBy: proposer.user.id, decisionReason: 'No room.' } as Event,
    })) as Event
    const stranger = await createUser(payload, ['member'])
    const rsvpsBefore = await payload.count({ collection: 'rsvps' })
    const mailBefore = await payload.count({ collection: 'notifications' })
    let octet = 0
    const requests: Array<[string, 'POST' | 'PATCH', string, unknown, string | undefined]> = [
      ['guest with nothing', 'POST', '/rsvps/guest', {}, undefined],
      ['guest with fields as objects', 'POST', '/rsvps/guest', { event: { id: open.id }, name: ['A'], email: { at: 'x' } }, undefined],
      ['guest with an answer that is not a number', 'POST', '/rsvps/guest', { event: open.id, name: 'A B', email: 'a@example.org', answers: { age: 'old' } }, undefined],
      ['guest with answers as a list', 'POST', '/rsvps/guest', { event: open.id, name: 'A B', email: 'a@example.org', answers: [1] }, undefined],
      ['guest with guests as text', 'POST', '/rsvps/guest', { event: open.id, name: 'A B', email: 'a@example.org', guests: 'two', answers: { age: 30 } }, undefined],
      ['guest for an unknown event', 'POST', '/rsvps/guest', { event: 999999, name: 'A B', email: 'a@example.org' }, undefined],
      ['guest for a members’ event', 'POST', '/rsvps/guest', { event: event.id, name: 'A B', email: 'a@example.org' }, undefined],
      ['guest with a very long name', 'POST', '/rsvps/guest', { event: open.id, name: 'A'.repeat(500), email: 'a@example.org', answers: { age: 30 } }, undefined],
      ['confirm with nothing', 'POST', '/rsvps/guest/confirm', {}, undefined],
      ['confirm with a token as an object', 'POST', '/rsvps/guest/confirm', { token: { a: 1 } }, undefined],
      ['confirm with a made-up token', 'POST', '/rsvps/guest/confirm', { token: 'eyJlIjoxfQ.abc' }, undefined],
      ['confirm with a huge token', 'POST', '/rsvps/guest/confirm', { token: 'x'.repeat(20_000) }, undefined],
      ['cancel with a made-up token', 'POST', '/rsvps/guest/cancel', { token: '1.zz.abc' }, undefined],
      ['cancel with a number', 'POST', '/rsvps/guest/cancel', { token: 5 }, undefined],
      ['resubmit that ends before it starts', 'PATCH', `/events/${proposal.id}`, { endsAt: daysFrom(new Date(), 1).toISOString() }, proposer.token],
      ['resubmit another’s proposal', 'PATCH', `/events/${proposal.id}`, { title: 'Taken' }, stranger.token],
    ]
    for (const [label, method, path, body, token] of requests) {
      const res = await rest(method, path, { token, body, headers: { 'x-hangar-peer-address': `192.0.2.${200 + ++octet}` } })
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400)
      expect(res.status, label).toBeLessThan(500)
      expect(res.body.errors?.[0]?.message, label).toBeTruthy()
    }
    expect((await payload.count({ collection: 'rsvps' })).totalDocs).toBe(rsvpsBefore.totalDocs)
    expect((await payload.count({ collection: 'notifications' })).totalDocs).toBe(mailBefore.totalDocs)
    expect(((await payload.findByID({ collection: 'events', id: proposal.id, depth: 0 })) as Event).status).toBe('rejected')
  })
})
