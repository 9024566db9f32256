import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Notification, Rsvp, User } from '@payload-types'

import { guestConfirmToken } from '@/events/guestLinks'
import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let organiser: { user: User; token: string }
let admin: { user: User; token: string }
let secretary: { user: User; token: string }
let proposer: { user: User; token: string }
const now = new Date()

beforeAll(async () => {
  payload = await bootPayload()
  ;({ organiser } = await eventTiersAndOrganiser(payload, { name: 'Corporate', fee: 10000, seats: 3 }))
  admin = await createUser(payload, ['admin', 'member'])
  secretary = await createUser(payload, ['secretary', 'member'])
  proposer = await createUser(payload, ['member'])
})

let octet = 0
/** A different client address for each request, unless a test wants the same one. */
const from = (address = `198.51.100.${++octet % 250}`) => ({ 'x-hangar-peer-address': address })

let serial = 0
async function newEvent(data: Partial<Event> = {}) {
  const res = await rest('POST', '/events?depth=0', {
    token: organiser.token,
    body: { title: `Open day ${++serial}`, startsAt: daysFrom(now, 30).toISOString(), status: 'published', audience: 'public', ...data },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Event
}
const eventNow = async (id: number) => (await payload.findByID({ collection: 'events', id, depth: 0 })) as Event
const mailTo = async (email: string, template: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email.toLowerCase() } }, { template: { equals: template } }] }, sort: 'createdAt', depth: 0 })).docs as Notification[]
/** The token of the newest link of this kind emailed to `email`. */
async function linkToken(email: string, template: 'event-guest-confirm' | 'event-guest-registered'): Promise<string> {
  const mails = await mailTo(email, template)
  const text = mails.at(-1)?.text ?? ''
  const match = template === 'event-guest-confirm' ? /\/events\/guest\/([^\s/]+)/.exec(text) : /\/events\/guest\/cancel\/([^\s]+)/.exec(text)
  expect(match, text).toBeTruthy()
  return decodeURIComponent(match![1]!)
}
const ask = (body: Record<string, unknown>, headers: Record<string, string> = from()) => rest('POST', '/rsvps/guest', { body, headers })
const confirm = (token: string, headers: Record<string, string> = from()) => rest('POST', '/rsvps/guest/confirm', { body: { token }, headers })
const cancel = (token: string, headers: Record<string, string> = from()) => rest('POST', '/rsvps/guest/cancel', { body: { token }, headers })
const guestRsvps = async (event: number, email: string) =>
  (await payload.find({ collection: 'rsvps', where: { and: [{ event: { equals: event } }, { guestEmail: { equals: email.toLowerCase() } }] }, depth: 0 })).docs as Rsvp[]
/** Asks and confirms, as a visitor does: the RSVP made. */
async function registerGuest(event: Event, extra: Record<string, unknown> = {}) {
  const email = uniqueEmail('guest')
  expect((await ask({ event: event.id, name: 'Sam Taylor', email, ...extra })).status).toBe(202)
  const res = await confirm(await linkToken(email, 'event-guest-confirm'))
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { email, rsvp: (await guestRsvps(event.id, email))[0]! }
}

describe('guests register for public events by email', () => {
  it('answers the same for a known and an unknown email; the link confirms one going RSVP, however often it is pressed', async () => {
    const event = await newEvent({ capacity: 10, questions: [{ key: 'diet', label: 'Dietary needs', kind: 'text', required: true }] })
    const member = await createUser(payload, ['member'])
    const stranger = uniqueEmail('Stranger').replace('stranger', 'Stranger')

    const missing = await ask({ event: event.id, name: 'Sam', email: stranger })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toMatch(/Dietary needs/)

    const known = await ask({ event: event.id, name: 'Kim Member', email: member.user.email, answers: { diet: 'none' } })
    const unknown = await ask({ event: event.id, name: 'Sam Stranger', email: stranger, answers: { diet: 'vegetarian' } })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(known.body).toEqual(unknown.body)
    // asking stores nothing and takes no place
    expect(await guestRsvps(event.id, stranger)).toHaveLength(0)
    expect((await eventNow(event.id)).placesTaken).toBe(0)

    const token = await linkToken(stranger, 'event-guest-confirm')
    const first = await confirm(token)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.rsvp).toMatchObject({ status: 'going', registrationStatus: 'registered' })
    const second = await confirm(token)
    expect(second.status).toBe(200)
    expect(second.body.alreadyConfirmed).toBe(true)
    const rsvps = await guestRsvps(event.id, stranger)
    expect(rsvps).toHaveLength(1)
    expect(rsvps[0]).toMatchObject({ guestName: 'Sam Stranger', guestEmail: stranger.toLowerCase(), member: null, answers: { diet: 'vegetarian' } })
    expect((await eventNow(event.id)).placesTaken).toBe(1)
    const confirmation = await mailTo(stranger, 'event-guest-registered')
    expect(confirmation).toHaveLength(1)
    expect(confirmation[0]!.text).toMatch(/you are going for Open day/)
    expect(confirmation[0]!.text).toMatch(/\/events\/guest\/cancel\//)

    // staff see the guest in the list, and check them in
    const list = await rest('GET', `/rsvps?where[event][equals]=${event.id}&depth=0`, { token: organiser.token })
    expect(list.body.docs.map((r: Rsvp) => r.guestEmail)).toContain(stranger.toLowerCase())
    const checkIn = await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { rsvp: rsvps[0]!.id } })
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200)
    expect(checkIn.body.message).toBe('Sam Stranger (guest) checked in.')
    const csv = await rest('GET', `/rsvps/export.csv?where[event][equals]=${event.id}`, { token: organiser.token })
    expect(String(csv.body)).toContain(stranger.toLowerCase())
  })

  it('concurrent confirmations never take more places than there are; the rest wait; a guest cancelling promotes the waitlist', async () => {
    const event = await newEvent({ capacity: 2, waitlist: true })
    const emails = [0, 1, 2, 3].map(() => uniqueEmail('rush'))
    for (const email of emails) expect((await ask({ event: event.id, name: 'Rush Guest', email })).status).toBe(202)
    const tokens = await Promise.all(emails.map((email) => linkToken(email, 'event-guest-confirm')))
    const results = await Promise.all(tokens.map((token) => confirm(token)))
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201])
    const statuses = results.map((r) => r.body.rsvp.status).sort()
    expect(statuses).toEqual(['going', 'going', 'waitlisted', 'waitlisted'])
    expect((await eventNow(event.id)).placesTaken).toBe(2)

    const goingIndex = results.findIndex((r) => r.body.rsvp.status === 'going')
    const cancelToken = await linkToken(emails[goingIndex]!, 'event-guest-registered')
    const cancelled = await cancel(cancelToken)
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect(cancelled.body.rsvp.status).toBe('cancelled')
    expect((await cancel(cancelToken)).status).toBe(200)
    expect((await eventNow(event.id)).placesTaken).toBe(2)
    const promoted = emails.filter((_, i) => results[i]!.body.rsvp.status === 'waitlisted')
    const promotions = await Promise.all(promoted.map((email) => mailTo(email, 'waitlist-promotion')))
    expect(promotions.flat()).toHaveLength(1)
  })

  it('a paid event, by any method, is for members and account holders: the guest is refused before any email', async () => {
    for (const paid of [
      { paymentMethod: 'bank_transfer' as const, price: 1200, bankAccount: '20-00-00 12345678' },
      { paymentMethod: 'manual' as const, price: 800 },
      { paymentMethod: 'on_the_day' as const, price: 500 },
    ]) {
      const event = await newEvent(paid)
      const email = uniqueEmail('paying.guest')
      const res = await ask({ event: event.id, name: 'Pat Payer', email })
      expect(res.status, JSON.stringify(res.body)).toBe(409)
      expect(res.body.errors[0].message).toBe('This event is paid: sign in, or join, to register and pay.')
      expect(await mailTo(email, 'event-guest-confirm')).toHaveLength(0)
    }
    // a price on a free event charges nobody: guests are welcome
    const free = await newEvent({ paymentMethod: 'free', price: 1000 })
    const { rsvp } = await registerGuest(free)
    expect(rsvp).toMatchObject({ status: 'going', registrationStatus: 'registered' })
  })

  it('refuses members-only events, online card payment, bad and forged links, and fills no form for a bot', async () => {
    const membersOnly = await newEvent({ audience: 'members' })
    const refused = await ask({ event: membersOnly.id, name: 'Sam', email: uniqueEmail('g') })
    expect(refused.status).toBe(404)
    const online = await newEvent({ paymentMethod: 'online', price: 1500 })
    const card = await ask({ event: online.id, name: 'Sam', email: uniqueEmail('g') })
    expect(card.status).toBe(409)
    expect(card.body.errors[0].message).toBe('This event is paid: sign in, or join, to register and pay.')

    // a token for a members-only event made with the server's key is still refused at confirmation
    const forgedEvent = guestConfirmToken(payload.secret, { event: membersOnly.id, name: 'X', email: uniqueEmail('x'), answers: {}, guests: 0, issuedAt: new Date() }, membersOnly.startsAt)
    expect((await confirm(forgedEvent)).status).toBe(404)
    const event = await newEvent()
    const good = guestConfirmToken(payload.secret, { event: event.id, name: 'X', email: uniqueEmail('x'), answers: {}, guests: 0, issuedAt: new Date() }, event.startsAt)
    const tampered = `${good.split('.')[0]!.slice(0, -2)}AA.${good.split('.')[1]}`
    const expired = guestConfirmToken(payload.secret, { event: event.id, name: 'X', email: uniqueEmail('x'), answers: {}, guests: 0, issuedAt: daysFrom(now, -3) }, event.startsAt)
    const wrongKey = guestConfirmToken('not-the-secret', { event: event.id, name: 'X', email: uniqueEmail('x'), answers: {}, guests: 0, issuedAt: new Date() }, event.startsAt)
    for (const token of [tampered, expired, wrongKey, 'nonsense', 42]) {
      const res = await rest('POST', '/rsvps/guest/confirm', { body: { token }, headers: from() })
      expect(res.status, String(token)).toBe(400)
      expect(res.body.errors[0].message).toMatch(/expired or is not valid/)
    }
    expect((await cancel('12.zzzz.abc')).status).toBe(400)
    expect((await rest('POST', '/rsvps/guest/cancel', { body: {}, headers: from() })).status).toBe(400)

    const bot = uniqueEmail('bot')
    const trapped = await ask({ event: event.id, name: 'Bot', email: bot, website: 'http://spam.example' })
    expect(trapped.status).toBe(202)
    expect(await mailTo(bot, 'event-guest-confirm')).toHaveLength(0)
    for (const body of [{}, { event: event.id, name: '', email: 'not-an-email' }, { event: 'x', name: 'A', email: uniqueEmail('a') }, { event: event.id, name: 'A', email: uniqueEmail('a'), guests: 99 }]) {
      const res = await ask(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].message).toBeTruthy()
    }
  })

  it('throttles per email and per address, with 429 and Retry-After', async () => {
    const event = await newEvent()
    const email = uniqueEmail('often')
    for (let i = 0; i < 3; i++) expect((await ask({ event: event.id, name: 'Often', email })).status).toBe(202)
    const perEmail = await ask({ event: event.id, name: 'Often', email })
    expect(perEmail.status).toBe(429)
    expect(Number(perEmail.headers.get('retry-after'))).toBeGreaterThan(0)
    const address = from('192.0.2.77')
    for (let i = 0; i < 10; i++) expect((await ask({ event: event.id, name: 'Many', email: uniqueEmail('many') }, address)).status).toBe(202)
    expect((await ask({ event: event.id, name: 'Many', email: uniqueEmail('many') }, address)).status).toBe(429)
  })
})

describe('member proposals', () => {
  it('staff who decide are emailed; a rejected proposal comes back to its proposer to change and resubmit, never to publish', async () => {
    const before = (await mailTo(admin.user.email, 'event-proposal-received')).length
    const created = await rest('POST', '/events?depth=0', {
      token: proposer.token,
      body: { title: 'Winter flying talk', type: 'meeting', startsAt: daysFrom(now, 40).toISOString(), location: 'Clubhouse', summary: 'A talk.', status: 'published', audience: 'members' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.doc.id as number
    expect(created.body.doc).toMatchObject({ status: 'proposed', proposedBy: proposer.user.id })
    expect(await mailTo(admin.user.email, 'event-proposal-received')).toHaveLength(before + 1)
    expect((await mailTo(secretary.user.email, 'event-proposal-received')).length).toBeGreaterThan(0)
    expect((await mailTo(organiser.user.email, 'event-proposal-received')).length).toBeGreaterThan(0)
    expect(await mailTo(proposer.user.email, 'event-proposal-received')).toHaveLength(0)

    // while proposed, the proposer cannot change it
    expect((await rest('PATCH', `/events/${id}`, { token: proposer.token, body: { title: 'Changed' } })).status).toBe(403)
    expect((await rest('POST', `/events/${id}/decide`, { token: organiser.token, body: { decision: 'reject', reason: 'The clubhouse is booked.' } })).status).toBe(200)

    const mine = await rest('GET', `/events/${id}?depth=0`, { token: proposer.token })
    expect(mine.body).toMatchObject({ status: 'rejected', decisionReason: 'The clubhouse is booked.' })
    const other = await createUser(payload, ['member'])
    expect((await rest('PATCH', `/events/${id}`, { token: other.token, body: { title: 'Mine now' } })).status).toBe(403)

    const resubmitted = await rest('PATCH', `/events/${id}?depth=0`, { token: proposer.token, body: { startsAt: daysFrom(now, 47).toISOString(), status: 'published' } })
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200)
    expect(resubmitted.body.doc.status).toBe('proposed')
    const received = await mailTo(admin.user.email, 'event-proposal-received')
    expect(received).toHaveLength(before + 2)
    expect(received.at(-1)!.text).toMatch(/changed and resubmitted/)
    expect((await rest('PATCH', `/events/${id}`, { token: proposer.token, body: { title: 'Again' } })).status).toBe(403)

    expect((await rest('POST', `/events/${id}/decide`, { token: organiser.token, body: { decision: 'approve' } })).status).toBe(200)
    expect((await rest('PATCH', `/events/${id}`, { token: proposer.token, body: { status: 'cancelled' } })).status).toBe(403)
    expect((await eventNow(id)).status).toBe('published')
  })
})

describe('the edit lock once registration opens', () => {
  it('the events team is refused the key fields (403 naming them); an admin may change them and every registrant is emailed once', async () => {
    const event = await newEvent({ capacity: 20, location: 'Hangar 2', registrationOpensAt: daysFrom(now, 10).toISOString() })
    // not yet open and nobody registered: the events team changes what it likes
    expect((await rest('PATCH', `/events/${event.id}`, { token: organiser.token, body: { location: 'Hangar 3', registrationOpensAt: daysFrom(now, -1).toISOString() } })).status).toBe(200)
    const member = await memberWithMembership(payload, (await payload.find({ collection: 'tiers', limit: 1, depth: 0 })).docs[0] as never, { status: 'active', periodEnd: daysFrom(now, 200) })
    expect((await rest('POST', '/rsvps', { token: member.token, body: { event: event.id } })).status).toBe(201)
    const { email: guest } = await registerGuest(event)

    const locked = await rest('PATCH', `/events/${event.id}`, { token: organiser.token, body: { startsAt: daysFrom(now, 31).toISOString(), location: 'Elsewhere', capacity: 10 } })
    expect(locked.status).toBe(403)
    expect(locked.body.errors[0].message).toBe('Registration for this event has opened, so only admins may change its start, location, capacity (lowered).')
    expect((await eventNow(event.id)).location).toBe('Hangar 3')
    // what is not locked stays open to them, and so does a larger capacity
    expect((await rest('PATCH', `/events/${event.id}`, { token: organiser.token, body: { summary: 'Bring a hat.', capacity: 30 } })).status).toBe(200)

    const changed = await rest('PATCH', `/events/${event.id}`, { token: admin.token, body: { location: 'Hangar 5', startsAt: daysFrom(now, 32).toISOString() } })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    const toMember = await mailTo(member.user.email, 'event-changed')
    const toGuest = await mailTo(guest, 'event-changed')
    expect(toMember).toHaveLength(1)
    expect(toGuest).toHaveLength(1)
    expect(toGuest[0]!.text).toMatch(/Place: Hangar 5 \(was Hangar 3\)/)
    expect(toGuest[0]!.text).toMatch(/Starts: /)
    // a change of nothing key sends nothing more
    expect((await rest('PATCH', `/events/${event.id}`, { token: admin.token, body: { summary: 'Bring two hats.' } })).status).toBe(200)
    expect(await mailTo(guest, 'event-changed')).toHaveLength(1)
  })
})
