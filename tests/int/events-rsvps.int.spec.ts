import * as ical from 'node-ical'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Rsvp, Tier, User } from '@payload-types'

import { siteUrl } from '@/email/queue'
import { isPostgresUrl } from '@/lib/env'
import { signToken } from '@/lib/signedTokens'

import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let corporate: Tier
let organiser: { user: User; token: string }
const now = new Date()

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organisation: corporate, organiser } = await eventTiersAndOrganiser(payload, { name: 'Corporate', fee: 10000, seats: 3 }))
})

let serial = 0
async function newEvent(data: Partial<Event> = {}) {
  const res = await rest('POST', '/events?depth=0', {
    token: organiser.token,
    body: { title: `Meeting ${++serial}`, startsAt: daysFrom(now, 14).toISOString(), status: 'published', audience: 'members', ...data },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Event
}
const member = (tier: Tier = personal, status: 'active' | 'grace' | 'lapsed' | 'awaiting_payment' = 'active') =>
  memberWithMembership(payload, tier, { status, periodEnd: daysFrom(now, status === 'lapsed' ? -60 : status === 'grace' ? -5 : 200) })
const visibleTo = async (token: string | undefined, event: Event) => (await rest('GET', `/events?where[id][equals]=${event.id}&depth=0`, { token })).body.docs.length === 1
const rsvp = (token: string, event: Event, body: Record<string, unknown> = {}) => rest('POST', '/rsvps?depth=0', { token, body: { event: event.id, ...body } })
const eventNow = async (event: Event) => (await payload.findByID({ collection: 'events', id: event.id, depth: 0 })) as Event

describe('who sees which event', () => {
  it('follows the audience, the membership status and the tier; drafts are for staff only', async () => {
    const publicEvent = await newEvent({ audience: 'public' })
    const membersEvent = await newEvent({ audience: 'members' })
    const corporateEvent = await newEvent({ audience: 'tiers', audienceTiers: [corporate.id] })
    const draft = await newEvent({ audience: 'public', status: 'draft' })
    const active = await member()
    const inGrace = await member(personal, 'grace')
    const lapsed = await member(personal, 'lapsed')
    const unpaid = await member(personal, 'awaiting_payment')
    const company = await member(corporate)
    const seatHolder = await createUser(payload, ['member'])
    await payload.update({ collection: 'memberships', id: company.membership.id, data: { seatHolders: [{ email: seatHolder.user.email }] } })

    const table: Array<[string, string | undefined, boolean[]]> = [
      // public, members, corporate-only, draft
      ['visitor', undefined, [true, false, false, false]],
      ['active Personal member', active.token, [true, true, false, false]],
      ['member in grace', inGrace.token, [true, true, false, false]],
      ['lapsed member', lapsed.token, [true, false, false, false]],
      ['member awaiting payment', unpaid.token, [true, false, false, false]],
      ['Corporate contact', company.token, [true, true, true, false]],
      ['Corporate seat holder', seatHolder.token, [true, true, true, false]],
      ['events organiser', organiser.token, [true, true, true, true]],
    ]
    for (const [who, token, expected] of table) {
      const seen = await Promise.all([publicEvent, membersEvent, corporateEvent, draft].map((e) => visibleTo(token, e)))
      expect(seen, who).toEqual(expected)
    }
    expect((await rest('GET', `/events/${membersEvent.id}`, { token: lapsed.token })).status).toBe(404)
  })
})

describe('RSVPs', () => {
  it('takes places with guests, answers the event’s questions, and refuses what it must', async () => {
    const event = await newEvent({
      capacity: 10,
      questions: [
        { key: 'dietary', label: 'Dietary needs', kind: 'text', required: false },
        { key: 'parking', label: 'Do you need parking?', kind: 'yes_no', required: true },
      ],
    })
    const me = await member()
    const missing = await rsvp(me.token, event, { guests: 1 })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toBe('Please answer: Do you need parking?')
    const ok = await rsvp(me.token, event, { guests: 2, answers: { parking: true, dietary: 'Vegetarian' } })
    expect(ok.status).toBe(201)
    expect(ok.body.doc).toMatchObject({ status: 'going', guests: 2, member: me.user.id, answers: { parking: true, dietary: 'Vegetarian' } })
    expect((await eventNow(event)).placesTaken).toBe(3)

    expect((await rsvp(me.token, event, { answers: { parking: false } })).status).toBe(409) // one reply per member
    const lapsed = await member(personal, 'lapsed')
    expect((await rsvp(lapsed.token, event, { answers: { parking: false } })).status).toBe(404)
    expect((await rsvp(me.token, await newEvent({ status: 'draft' }))).status).toBe(404)
    const past = await newEvent({ startsAt: daysFrom(now, -1).toISOString(), endsAt: daysFrom(now, -1).toISOString() })
    const late = await rsvp(me.token, past)
    expect(late.status).toBe(409)
    expect(late.body.errors[0].message).toMatch(/Registration is finished/)

    // changing the reply gives places back
    const cancel = await rest('PATCH', `/rsvps/${ok.body.doc.id}?depth=0`, { token: me.token, body: { status: 'cancelled' } })
    expect(cancel.status).toBe(200)
    expect((await eventNow(event)).placesTaken).toBe(0)
  })

  it('100 members racing for the last 20 places: 20 go, 80 wait, and a cancellation promotes the first with an email', async () => {
    const event = await newEvent({ capacity: 20, waitlist: true })
    const members = await Promise.all(Array.from({ length: 100 }, () => member()))
    const results = await Promise.all(members.map((m) => rsvp(m.token, event)))
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201))
    const statuses = results.map((r) => r.body.doc.status as Rsvp['status'])
    expect(statuses.filter((s) => s === 'going')).toHaveLength(20)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(80)
    expect((await eventNow(event)).placesTaken).toBe(20)

    const going = results.find((r) => r.body.doc.status === 'going')!
    const goer = members[results.indexOf(going)]!
    const { docs: queue } = await payload.find({ collection: 'rsvps', where: { and: [{ event: { equals: event.id } }, { status: { equals: 'waitlisted' } }] }, sort: 'waitlistedAt', limit: 1, depth: 0 })
    const first = queue[0] as Rsvp
    expect((await rest('PATCH', `/rsvps/${going.body.doc.id}`, { token: goer.token, body: { status: 'not_going' } })).status).toBe(200)

    expect(((await payload.findByID({ collection: 'rsvps', id: first.id, depth: 0 })) as Rsvp).status).toBe('going')
    expect((await eventNow(event)).placesTaken).toBe(20)
    const promoted = members.find((m) => m.user.id === first.member)!
    const emails = await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: promoted.user.email } }, { template: { equals: 'waitlist-promotion' } }] }, depth: 0 })
    expect(emails.totalDocs).toBe(1)
    // a free place: nothing to pay is mentioned
    expect(emails.docs[0]!.text).not.toContain('costs')
  }, 300_000) // 100 concurrent sign-ups: well under a minute alone, minutes on a loaded machine

  it('the same member replying five times at once gets one reply and one place; the others are told to change it', async () => {
    const event = await newEvent({ capacity: 3, waitlist: true })
    const me = await member()
    const results = await Promise.all(Array.from({ length: 5 }, () => rsvp(me.token, event)))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409])
    for (const refused of results.filter((r) => r.status === 409)) expect(refused.body.errors[0].message).toBe('You have already replied to this event; change that reply instead.')
    expect((await payload.count({ collection: 'rsvps', where: { event: { equals: event.id } } })).totalDocs).toBe(1)
    // the refused ones gave their place back with their transaction (Postgres); SQLite, for
    // development only (production refuses to start on it), runs Payload without transactions
    if (isPostgresUrl(process.env.DATABASE_URL ?? '')) expect((await eventNow(event)).placesTaken).toBe(1)
    const placesNow = (await eventNow(event)).placesTaken
    // staff naming a member by something that is not an id are refused, not answered with a server error
    const odd = await rest('POST', '/rsvps?depth=0', { token: organiser.token, body: { event: event.id, member: 'someone' } })
    expect(odd.status).toBe(400)
    expect((await eventNow(event)).placesTaken).toBe(placesNow)
  })

  it('a full event without a waitlist says so; members read only their own RSVPs', async () => {
    const event = await newEvent({ capacity: 1, waitlist: false })
    const first = await member()
    const second = await member()
    expect((await rsvp(first.token, event)).status).toBe(201)
    const full = await rsvp(second.token, event)
    expect(full.status).toBe(409)
    expect(full.body.errors[0].message).toBe('The event is full.')
    const mine = await rest('GET', `/rsvps?where[event][equals]=${event.id}&depth=0`, { token: second.token })
    expect(mine.body.docs).toHaveLength(0)
    const all = await rest('GET', `/rsvps?where[event][equals]=${event.id}&depth=0`, { token: organiser.token })
    expect(all.body.docs).toHaveLength(1)
  })
})

describe('calendar feeds', () => {
  const parse = async (text: string) => Object.values(await ical.async.parseICS(text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
  /** node-ical gives `URL;VALUE=URI:…` as `{ params, val }` */
  const urlOf = (event: ical.VEvent) => {
    const url = event.url as unknown as string | { val: string } | undefined
    return typeof url === 'object' ? url.val : url
  }

  it('GET /api/events/ical lists what the reader may see; a personal feed link works without a session', async () => {
    const open = await newEvent({ audience: 'public', title: 'Open hangar day', location: 'Hangar 3' })
    const members = await newEvent({ audience: 'members', title: 'Members’ briefing' })
    const visitor = await rest('GET', '/events/ical')
    expect(visitor.status).toBe(200)
    expect(visitor.headers.get('content-type')).toMatch(/text\/calendar/)
    const seen = await parse(visitor.body)
    expect(seen.map((e) => e.summary)).toContain('Open hangar day')
    expect(seen.map((e) => e.summary)).not.toContain('Members’ briefing')
    const parsed = seen.find((e) => e.summary === 'Open hangar day')!
    expect(new Date(parsed.start).getTime()).toBe(Math.floor(new Date(open.startsAt).getTime() / 1000) * 1000) // iCal keeps whole seconds
    expect(parsed.location).toBe('Hangar 3')
    // the member site's page for it, by id (app/(site)/events/[id]), not a slug path that was a 404
    expect(urlOf(parsed)).toBe(`${siteUrl()}/events/${open.id}`)

    const me = await member()
    const feed = await rest('GET', `/events/ical?token=${encodeURIComponent(signToken('ical', me.user.id))}`)
    expect((await parse(feed.body)).map((e) => e.summary)).toContain('Members’ briefing')
    expect((await rest('GET', `/events/ical?token=${me.user.id}.forged`)).status).toBe(401)
    expect((await rest('GET', `/events/ical?token=${encodeURIComponent(signToken('checkin', me.user.id))}`)).status).toBe(401)

    const single = await rest('GET', `/events/${members.id}/ics`, { token: me.token })
    expect((await parse(single.body)).map((e) => [e.summary, urlOf(e)])).toEqual([['Members’ briefing', `${siteUrl()}/events/${members.id}`]])
    expect((await rest('GET', `/events/${members.id}/ics`)).status).toBe(404)
  })

  it('writes times in UTC, so a summer and a winter event keep their hour in any calendar app', async () => {
    const year = now.getUTCFullYear() + 1
    const summer = await newEvent({ audience: 'public', title: 'Summer fly-in', startsAt: `${year}-07-04T12:00:00.000Z`, endsAt: `${year}-07-04T15:30:00.000Z` })
    const winter = await newEvent({ audience: 'public', title: 'Winter lecture', startsAt: `${year}-01-15T19:00:00.000Z`, endsAt: `${year}-01-15T21:00:00.000Z` })
    /** The unfolded property lines of one VEVENT, by its UID. */
    const lines = (feed: string, event: Event) => {
      const body = feed.replace(/\r?\n[ \t]/g, '')
      const block = body.split('BEGIN:VEVENT').find((b) => b.includes(`UID:event-${event.id}@hangar`))
      expect(block, `event ${event.id} in the feed`).toBeDefined()
      return block!.split(/\r?\n/)
    }
    const feed = await rest('GET', '/events/ical')
    expect(feed.status).toBe(200)
    const single = await rest('GET', `/events/${summer.id}/ics`)
    expect(single.status).toBe(200)
    for (const [text, event, start, end] of [
      [feed.body, summer, `${year}0704T120000Z`, `${year}0704T153000Z`],
      [single.body, summer, `${year}0704T120000Z`, `${year}0704T153000Z`],
      [feed.body, winter, `${year}0115T190000Z`, `${year}0115T210000Z`],
    ] as const) {
      const props = lines(text, event)
      expect(props).toContain(`DTSTART:${start}`)
      expect(props).toContain(`DTEND:${end}`)
      const parsed = (await parse(text)).find((e) => e.uid === `event-${event.id}@hangar`)!
      expect(new Date(parsed.start).toISOString()).toBe(event.startsAt)
      expect(new Date(parsed.end!).toISOString()).toBe(event.endsAt)
    }
  })
})

describe('check-in', () => {
  it('by list or by the QR token, once, by the events team only', async () => {
    const event = await newEvent()
    const me = await member()
    const reply = (await rsvp(me.token, event, { guests: 1 })).body.doc as Rsvp
    expect((await rest('POST', '/rsvps/check-in', { token: me.token, body: { rsvp: reply.id } })).status).toBe(403)

    const first = await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { token: signToken('checkin', reply.id) } })
    expect(first.status).toBe(200)
    expect(first.body.message).toMatch(/checked in\.$/)
    const stored = (await payload.findByID({ collection: 'rsvps', id: reply.id, depth: 0 })) as Rsvp
    expect(stored).toMatchObject({ checkedInBy: organiser.user.id })
    const again = await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { rsvp: reply.id } })
    expect(again.status).toBe(200)
    expect(again.body.message).toMatch(/already checked in/)
    expect(again.body.rsvp.checkedInAt).toBe(stored.checkedInAt)

    expect((await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { token: `${reply.id}.forged-signature` } })).status).toBe(400)
    expect((await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { token: signToken('ical', reply.id) } })).status).toBe(400)
    const other = await member()
    const notGoing = (await rsvp(other.token, event, { status: 'not_going' })).body.doc as Rsvp
    expect((await rest('POST', '/rsvps/check-in', { token: organiser.token, body: { rsvp: notGoing.id } })).status).toBe(409)
  })

  it('at one event’s door: a ticket for another event, a refused reply or a bad code is told in words', async () => {
    const door = await newEvent({ title: 'Spring social' })
    const elsewhere = await newEvent({ title: 'Autumn lecture' })
    const guest = await member()
    const ticketForElsewhere = signToken('checkin', ((await rsvp(guest.token, elsewhere)).body.doc as Rsvp).id)
    const checkIn = (body: Record<string, unknown>) => rest('POST', '/rsvps/check-in', { token: organiser.token, body: { event: door.id, ...body } })

    const wrongDoor = await checkIn({ token: ticketForElsewhere })
    expect(wrongDoor.status).toBe(409)
    expect(wrongDoor.body.errors[0].message).toBe('This ticket is for another event: Autumn lecture.')
    const untouched = (await payload.find({ collection: 'rsvps', where: { event: { equals: elsewhere.id } }, depth: 0 })).docs[0] as Rsvp
    expect(untouched.checkedInAt ?? null).toBeNull()

    const badCode = await checkIn({ token: 'not-a-ticket' })
    expect(badCode.status).toBe(400)
    expect(badCode.body.errors[0].message).toMatch(/not a valid ticket/)
    expect((await checkIn({ token: ticketForElsewhere, event: { id: door.id } })).status).toBe(400)

    const cancelled = ((await rsvp(guest.token, door)).body.doc as Rsvp).id
    await payload.update({ collection: 'rsvps', id: cancelled, data: { status: 'cancelled' } })
    const refused = await checkIn({ token: signToken('checkin', cancelled) })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toBe(`${guest.user.firstName} ${guest.user.lastName} cancelled their reply, so cannot be checked in.`)

    const other = await member()
    const going = ((await rsvp(other.token, door)).body.doc as Rsvp).id
    const first = await checkIn({ token: signToken('checkin', going) })
    expect(first.body).toMatchObject({ alreadyCheckedIn: false, message: `${other.user.firstName} ${other.user.lastName} checked in.` })
    const second = await checkIn({ token: signToken('checkin', going) })
    expect(second.body).toMatchObject({ alreadyCheckedIn: true, message: `${other.user.firstName} ${other.user.lastName} was already checked in.` })
    expect(second.body.rsvp.checkedInAt).toBe(first.body.rsvp.checkedInAt)
  })
})

describe('cancelling an event', () => {
  it('emails everyone going or waitlisted, once', async () => {
    const event = await newEvent({ capacity: 1, waitlist: true })
    const going = await member()
    const waiting = await member()
    const notGoing = await member()
    await rsvp(going.token, event)
    await rsvp(waiting.token, event)
    await rsvp(notGoing.token, event, { status: 'not_going' })
    expect((await rest('PATCH', `/events/${event.id}`, { token: organiser.token, body: { status: 'cancelled' } })).status).toBe(200)
    await rest('PATCH', `/events/${event.id}`, { token: organiser.token, body: { summary: 'Cancelled because of weather' } })
    const told = await payload.find({ collection: 'notifications', where: { template: { equals: 'event-cancelled' } }, pagination: false, depth: 0 })
    expect(told.docs.map((n) => n.recipient).sort()).toEqual([going.user.email, waiting.user.email].sort())
  })
})

describe('event proposals', () => {
  const decide = (token: string, event: Event, body: Record<string, unknown>) => rest('POST', `/events/${event.id}/decide`, { token, body })
  const emailsTo = async (email: string, template: string) =>
    (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email } }, { template: { equals: template } }] }, depth: 0 })).docs

  it('a member proposes; it stays theirs until approved (published, emailed) or rejected (reason required, emailed)', async () => {
    const proposer = await member()
    const other = await member()
    const propose = (title: string) =>
      rest('POST', '/events?depth=0', { token: proposer.token, body: { title, startsAt: daysFrom(now, 30).toISOString(), status: 'published', audience: 'members' } })
    const fly = (await propose('Fly-in to Haverfordwest')).body.doc as Event
    expect(fly).toMatchObject({ status: 'proposed', proposedBy: proposer.user.id })
    expect(await visibleTo(proposer.token, fly)).toBe(true)
    expect(await visibleTo(other.token, fly)).toBe(false)
    expect(await visibleTo(organiser.token, fly)).toBe(true)

    expect((await decide(other.token, fly, { decision: 'approve' })).status).toBe(403)
    const noReason = await decide(organiser.token, fly, { decision: 'reject' })
    expect(noReason.status).toBe(400)
    expect((await eventNow(fly)).status).toBe('proposed')
    const rejected = await decide(organiser.token, fly, { decision: 'reject', reason: 'The runway is closed that weekend.' })
    expect(rejected.status).toBe(200)
    expect((await eventNow(fly)).status).toBe('rejected')
    const [rejection] = await emailsTo(proposer.user.email, 'event-proposal-rejected')
    expect(rejection!.text).toContain('The runway is closed that weekend.')
    expect((await decide(organiser.token, fly, { decision: 'approve' })).status).toBe(409)

    const bbq = (await propose('Summer barbecue')).body.doc as Event
    expect((await decide(organiser.token, bbq, { decision: 'approve' })).status).toBe(200)
    expect((await eventNow(bbq)).status).toBe('published')
    expect(await visibleTo(other.token, bbq)).toBe(true)
    expect(await emailsTo(proposer.user.email, 'event-proposal-approved')).toHaveLength(1)
  })
})
