/**
 * Who is a member is worked out once per request (src/access/membership.ts) and kept for the
 * rest of it: never longer than it is true (a seat taken away, a payment that activates or is
 * rolled back in the same request), never for someone else, and in a statement budget the
 * account and events pages keep at any number of members.
 */
import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq, executeAuthStrategies } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Membership, Tier, User } from '@payload-types'

import { loadPortal } from '../../app/(site)/account/portalData'
import { mayReach } from '@/access/audience'
import { currentMemberIds, memberAccess } from '@/access/membership'
import { isPostgres } from '@/lib/db'
import { readSettings, userFromHeaders } from '@/lib/siteRequest'
import { recordStatements } from '@/lib/statementLog'
import { inTransaction } from '@/lib/transaction'
import { addToGroup, removeFromGroup } from '@/membership/groupMembers'
import { startCheckout } from '@/payments/checkout'
import { settleDummyPayment } from '../../plugins/dummy-payments/outcome'

import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let syndicate: Tier
let organiser: { user: User; token: string }
const now = new Date()

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organisation: syndicate, organiser } = await eventTiersAndOrganiser(payload, { name: 'Syndicate', fee: 2500, seats: 2 }))
})

let serial = 0
async function newEvent(data: Partial<Event> = {}): Promise<Event> {
  const res = await rest('POST', '/events?depth=0', {
    token: organiser.token,
    body: { title: `Briefing ${++serial}`, startsAt: daysFrom(now, 10 + serial).toISOString(), status: 'published', audience: 'members', ...data },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Event
}

/** A request as the member site makes one per page: the person, and nothing worked out yet. */
const requestAs = (user: User | null) => createLocalReq({ user: user ? ({ ...user, collection: 'users' } as never) : undefined }, payload)
const eventIds = async (req: PayloadRequest) =>
  (await payload.find({ collection: 'events', pagination: false, depth: 0, overrideAccess: false, req })).docs.map((event) => event.id)
const stored = (id: number | string) => payload.findByID({ collection: 'memberships', id, depth: 0 }) as Promise<Membership>
/** The statements that ask who is a member (memberships by member id, seats by email). */
const accessStatements = (statements: string[]) => statements.filter((s) => /union all/i.test(s) && /memberships_seat_holders/.test(s))

describe('member access within one request', () => {
  it('a seat holder sees the members’ events, and stops seeing them in the same request once taken off the seat', async () => {
    const contact = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 200) })
    const pilot = await createUser(payload, ['member'])
    const briefing = await newEvent()
    await addToGroup(payload, contact.user, { membership: contact.membership.id, email: pilot.user.email, kind: 'organisation' })

    const req = await requestAs(pilot.user)
    expect(await mayReach(req, briefing)).toBe(true)
    expect(await eventIds(req)).toContain(briefing.id)
    expect((await memberAccess(payload, pilot.user, req)).grants).toMatchObject([{ via: 'seat', membership: contact.membership.id, organisationName: 'Test Organisation Ltd' }])

    // the contact takes the seat away (their own request): the pilot's request no longer lets them in
    await removeFromGroup(payload, contact.user, { membership: contact.membership.id, email: pilot.user.email, kind: 'organisation' })
    expect(await mayReach(req, briefing)).toBe(false)
    expect(await eventIds(req)).not.toContain(briefing.id)
    expect((await memberAccess(payload, pilot.user, req)).isMember).toBe(false)
    expect((await rest('POST', '/rsvps?depth=0', { token: pilot.token, body: { event: briefing.id } })).status).toBe(404)
  })

  it('a payment that activates the membership in the request lets the member in for the rest of it; one rolled back does not', async () => {
    const joiner = await memberWithMembership(payload, personal, { status: 'awaiting_payment', periodEnd: now })
    const briefing = await newEvent()
    const req = await requestAs(joiner.user)
    expect(await mayReach(req, briefing)).toBe(false)

    // approved, then the work fails: what the request was told must follow what the database kept
    const first = await startCheckout(req, { membership: joiner.membership.id, provider: 'dummy' })
    await expect(
      inTransaction(req, async () => {
        await settleDummyPayment(req, first.payment.id, 'approve')
        expect(await mayReach(req, briefing)).toBe(true)
        throw new Error('the confirmation page failed')
      }),
    ).rejects.toThrow('the confirmation page failed')
    const kept = (await stored(joiner.membership.id)).status
    if (isPostgres(payload)) expect(kept).toBe('awaiting_payment')
    expect(await mayReach(req, briefing)).toBe(kept === 'active')
    expect(await eventIds(req)).toEqual(kept === 'active' ? expect.arrayContaining([briefing.id]) : expect.not.arrayContaining([briefing.id]))

    if (kept !== 'active') {
      const second = await startCheckout(req, { membership: joiner.membership.id, provider: 'dummy' })
      await settleDummyPayment(req, second.payment.id, 'approve')
    }
    expect((await stored(joiner.membership.id)).status).toBe('active')
    expect(await mayReach(req, briefing)).toBe(true)
    expect(await eventIds(req)).toContain(briefing.id)
  })

  it('what one request works out is never used for another person, in that request or another', async () => {
    const active = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const lapsed = await memberWithMembership(payload, personal, { status: 'lapsed', periodEnd: daysFrom(now, -60) })
    const contact = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 200) })
    const seated = await createUser(payload, ['member'])
    await addToGroup(payload, contact.user, { membership: contact.membership.id, email: seated.user.email, kind: 'organisation' })
    const briefing = await newEvent()

    const [asActive, asLapsed, asVisitor] = await Promise.all([requestAs(active.user), requestAs(lapsed.user), requestAs(null)])
    const [activeSees, lapsedSees, visitorSees] = await Promise.all([eventIds(asActive), eventIds(asLapsed), eventIds(asVisitor)])
    expect(activeSees).toContain(briefing.id)
    expect(lapsedSees).not.toContain(briefing.id)
    expect(visitorSees).not.toContain(briefing.id)

    // one request asking about several people (a coordinator's roster) gets each one's answer
    expect((await memberAccess(payload, active.user, asActive)).isMember).toBe(true)
    expect((await memberAccess(payload, lapsed.user, asActive)).isMember).toBe(false)
    expect((await memberAccess(payload, seated.user, asActive)).grants[0]).toMatchObject({ via: 'seat' })
    expect([...(await currentMemberIds(payload, [active.user, lapsed.user, seated.user, organiser.user], asActive))].sort()).toEqual(
      [active.user.id, seated.user.id].sort(),
    )
    expect((await memberAccess(payload, active.user, asLapsed)).isMember).toBe(true)
    expect(await mayReach(asLapsed, briefing)).toBe(false)
  })
})

describe('statement budget', () => {
  it('events, notices and documents read in one request ask who is a member once, in one statement', async () => {
    const reader = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const briefing = await newEvent()
    const req = await requestAs(reader.user)
    const { result, statements } = await recordStatements(() =>
      Promise.all([
        eventIds(req),
        payload.find({ collection: 'notices', pagination: false, depth: 0, overrideAccess: false, req }),
        payload.find({ collection: 'documents', pagination: false, depth: 0, overrideAccess: false, req }),
        mayReach(req, briefing),
        memberAccess(payload, reader.user, req),
      ]),
    )
    expect(result[0]).toContain(briefing.id)
    expect(result[3]).toBe(true)
    expect(accessStatements(statements)).toHaveLength(1)
  })

  it('the account page reads everything it shows in at most 10 statements', async () => {
    const me = await memberWithMembership(payload, personal, { status: 'awaiting_payment', periodEnd: now })
    const payReq = await requestAs(me.user)
    const { payment } = await startCheckout(payReq, { membership: me.membership.id, provider: 'dummy' })
    await settleDummyPayment(payReq, payment.id, 'approve')
    const contact = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 200) })
    await addToGroup(payload, contact.user, { membership: contact.membership.id, email: me.user.email, kind: 'organisation' })
    const going = await newEvent({ audience: 'tiers', audienceTiers: [personal.id] })
    expect((await rest('POST', '/rsvps?depth=0', { token: me.token, body: { event: going.id } })).status).toBe(201)

    const headers = new Headers({ Authorization: `JWT ${me.token}` })
    const { result: page, statements } = await recordStatements(async () => {
      const [user, settings] = await Promise.all([userFromHeaders(payload, headers), readSettings(payload)])
      return loadPortal(await requestAs(user), settings)
    })
    expect(page.memberships).toHaveLength(1)
    expect(page.memberships[0]).toMatchObject({ membership: { status: 'active' }, tier: { name: 'Personal' }, price: { amount: 500 } })
    expect(page.payments).toMatchObject([{ status: 'succeeded', amount: 500 }])
    expect(page.payments[0]!.receiptNumber).toBeTruthy()
    expect(page.seats).toMatchObject([{ tierName: 'Syndicate', organisation: 'Test Organisation Ltd' }])
    expect(page.upcoming.map((event) => event.id)).toContain(going.id)
    expect(page.replies.get(going.id)).toBe('going')
    expect(accessStatements(statements)).toHaveLength(1)
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(10)
  })

  it('a member’s events list and GET /api/events cost at most the membership check and the audience join more than a visitor’s', async () => {
    const reader = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const briefing = await newEvent()
    const list = (req: PayloadRequest) =>
      payload.find({ collection: 'events', sort: 'startsAt', limit: 50, pagination: false, depth: 0, overrideAccess: false, req }).then(({ docs }) => docs.map((e) => e.id))
    const member = await recordStatements(async () => list(await requestAs(reader.user)))
    const visitor = await recordStatements(async () => list(await requestAs(null)))
    expect(member.result).toContain(briefing.id)
    expect(visitor.result).not.toContain(briefing.id)
    // who is a member (1); the chosen-tiers part of the audience needs no join of its own
    expect(member.statements.length).toBeLessThanOrEqual(visitor.statements.length + 1)

    const memberApi = await recordStatements(() => rest('GET', '/events?limit=50&depth=0', { token: reader.token }))
    const visitorApi = await recordStatements(() => rest('GET', '/events?limit=50&depth=0'))
    expect(memberApi.result.body.docs.map((e: Event) => e.id)).toContain(briefing.id)
    // the REST list keeps its totals for integrators
    expect(memberApi.result.body.totalDocs).toBe(memberApi.result.body.docs.length)
    expect(accessStatements(memberApi.statements)).toHaveLength(1)
    // the member's own account (1) and who is a member (1)
    expect(memberApi.statements.length).toBeLessThanOrEqual(visitorApi.statements.length + 2)
    expect(memberApi.statements.join('\n')).not.toMatch(/select distinct/i)
  })

  it('an RSVP reads its event once and does not ask again whether the event and the member exist', async () => {
    const me = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const briefing = await newEvent({ capacity: 10 })
    const { result, statements } = await recordStatements(() => rest('POST', '/rsvps?depth=0', { token: me.token, body: { event: briefing.id } }))
    expect(result.status, JSON.stringify(result.body)).toBe(201)
    expect(result.body.doc).toMatchObject({ event: briefing.id, member: me.user.id, status: 'going' })
    const eventReads = statements.filter((s) => /^select\b/i.test(s) && /from "events"/.test(s))
    expect(eventReads, eventReads.join('\n')).toHaveLength(1)
    // signing in, which reads the account with its sessions (the membership check's own look at
    // the seat's account is part of its one statement, inside the RSVP's transaction)
    const membershipCheckOnly = (s: string) => accessStatements([s]).length === 1 && !/users_sessions/.test(s)
    expect(statements.filter((s) => /^select\b/i.test(s) && /from "users"/.test(s) && !membershipCheckOnly(s))).toHaveLength(1)
    // a staff member naming someone else, or an event that is not there, is still checked and refused
    const staffReply = await rest('POST', '/rsvps?depth=0', { token: organiser.token, body: { event: briefing.id, member: 987654 } })
    expect(staffReply.status).toBe(400)
    expect(JSON.stringify(staffReply.body)).toContain('member')
    expect((await rest('POST', '/rsvps?depth=0', { token: me.token, body: { event: 987654 } })).status).toBe(404)
  })

  it('an event for chosen tiers follows its tiers through every change, whatever the request says about the tier list', async () => {
    const personalReader = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const syndicateReader = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 100) })
    const sees = async (reader: { token: string }, id: number) =>
      ((await rest('GET', '/events?limit=100&depth=0', { token: reader.token })).body.docs as Event[]).some((event) => event.id === id)
    // a list naming the other tier is not believed
    const event = await newEvent({ audience: 'tiers', audienceTiers: [personal.id], audienceTierList: `,${syndicate.id},` } as Partial<Event>)
    expect(event).not.toHaveProperty('audienceTierList')
    expect([await sees(personalReader, event.id), await sees(syndicateReader, event.id)]).toEqual([true, false])

    const patch = async (body: Record<string, unknown>) =>
      expect((await rest('PATCH', `/events/${event.id}?depth=0`, { token: organiser.token, body })).status).toBe(200)
    await patch({ title: 'Renamed briefing' })
    expect([await sees(personalReader, event.id), await sees(syndicateReader, event.id)]).toEqual([true, false])
    await patch({ audienceTiers: [syndicate.id] })
    expect([await sees(personalReader, event.id), await sees(syndicateReader, event.id)]).toEqual([false, true])
    await patch({ audienceTiers: [personal.id, syndicate.id], audienceTierList: null })
    expect([await sees(personalReader, event.id), await sees(syndicateReader, event.id)]).toEqual([true, true])
    await patch({ audience: 'members' })
    await patch({ audience: 'tiers', audienceTiers: [syndicate.id] })
    expect([await sees(personalReader, event.id), await sees(syndicateReader, event.id)]).toEqual([false, true])
    // a visitor never sees it
    expect(((await rest('GET', '/events?limit=100&depth=0')).body.docs as Event[]).some((e) => e.id === event.id)).toBe(false)
  })
})

describe('the membership read with the sign-in', () => {
  const signedIn = async (token: string) => {
    const { user } = await executeAuthStrategies({ headers: new Headers({ Authorization: `JWT ${token}` }), payload })
    expect(user).toBeTruthy()
    return user as unknown as User
  }
  const asked = async (user: User, req: PayloadRequest) => recordStatements(() => memberAccess(payload, user, req))

  it('answers the request’s first question (on Postgres, with no statement of its own), never once a membership has changed, nor inside a transaction', async () => {
    const contact = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 200) })
    const pilot = await createUser(payload, ['member'])
    await addToGroup(payload, contact.user, { membership: contact.membership.id, email: pilot.user.email, kind: 'organisation' })
    const outsider = await createUser(payload, ['member'])
    const own = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 30) })
    const readsSeparately = isPostgres(payload) ? 0 : 1

    // the same answers the membership check gives on its own: through a seat, through their own membership, and none
    for (const [who, expected] of [
      [pilot, { isMember: true, grants: [{ via: 'seat', membership: contact.membership.id, status: 'active', organisationName: 'Test Organisation Ltd' }] }],
      [own, { isMember: true, tiers: [personal.id], grants: [{ via: 'own', membership: own.membership.id, tier: personal.id, status: 'active' }] }],
      [outsider, { isMember: false, grants: [] }],
    ] as const) {
      const user = await signedIn(who.token)
      const first = await asked(user, await createLocalReq({ user: user as never }, payload))
      expect(first.result).toMatchObject(expected)
      expect(first.statements).toHaveLength(readsSeparately)
      expect(first.result).toEqual(await memberAccess(payload, { id: who.user.id, email: who.user.email }, await requestAs(null)))
      // nothing of it shows in the person as answers and copies carry them
      expect(Object.keys(user)).not.toContain('grants')
      expect(JSON.stringify(user)).not.toContain('membership')
    }

    // a membership changed after the sign-in (here, the seat's organisation lapsed): the request asks again
    const pilotNow = await signedIn(pilot.token)
    await payload.update({ collection: 'memberships', id: contact.membership.id, data: { status: 'lapsed' } })
    const afterChange = await asked(pilotNow, await createLocalReq({ user: pilotNow as never }, payload))
    expect(afterChange.result.isMember).toBe(false)
    expect(afterChange.statements).toHaveLength(1)

    // inside a transaction the check is asked there, with what the transaction sees
    await payload.update({ collection: 'memberships', id: contact.membership.id, data: { status: 'active' } })
    const pilotAgain = await signedIn(pilot.token)
    const txReq = await createLocalReq({ user: pilotAgain as never }, payload)
    const inside = await recordStatements(() => inTransaction(txReq, (req) => memberAccess(payload, pilotAgain, req)))
    expect(inside.result.isMember).toBe(true)
    expect(inside.statements.filter((s) => accessStatements([s]).length === 1)).toHaveLength(1)
  })

  it('a seat holder signed in through the API sees the members’ events, and a seat whose account has not confirmed its address does not count', async () => {
    const contact = await memberWithMembership(payload, syndicate, { status: 'active', periodEnd: daysFrom(now, 200) })
    const confirmed = await createUser(payload, ['member'])
    const unconfirmed = await createUser(payload, ['member'])
    await payload.update({ collection: 'users', id: unconfirmed.user.id, data: { emailVerifiedAt: null } as never })
    for (const seat of [confirmed, unconfirmed]) await addToGroup(payload, contact.user, { membership: contact.membership.id, email: seat.user.email, kind: 'organisation' })
    const briefing = await newEvent()
    const listed = async (token: string) => ((await rest('GET', `/events?depth=0&limit=100&where[id][equals]=${briefing.id}`, { token })).body.docs as Event[]).map((e) => e.id)
    expect(await listed(confirmed.token)).toEqual([briefing.id])
    expect(await listed(unconfirmed.token)).toEqual([])
    expect((await memberAccess(payload, await signedIn(unconfirmed.token), await createLocalReq({}, payload))).isMember).toBe(false)
  })
})
