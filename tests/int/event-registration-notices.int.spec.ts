import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Notification, Rsvp, Tier, User } from '@payload-types'

import { runRegistrationNotices } from '../../jobs/registrationNotices'
import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let organiser: { user: User; token: string }
const now = new Date()

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organiser } = await eventTiersAndOrganiser(payload, { name: 'Corporate', fee: 10000, seats: 3 }))
})

let serial = 0
async function newEvent(data: Partial<Event> = {}) {
  const res = await rest('POST', '/events?depth=0', {
    token: organiser.token,
    body: { title: `Training day ${++serial}`, startsAt: daysFrom(now, 30).toISOString(), status: 'published', audience: 'members', location: 'Hangar 2', ...data },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Event
}
const member = () => memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 200) })
const askToBeTold = (token: string | undefined, event: Event) => rest('POST', '/registration-alerts?depth=0', { token, body: { event: event.id } })
const emailsTo = async (email: string, template: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email } }, { template: { equals: template } }] }, depth: 0 })).docs as Notification[]
const opensIn2Days = () => ({ registrationOpensAt: daysFrom(now, 2).toISOString(), capacity: 40 })

describe('"email me when registration opens"', () => {
  it('a member asks once for an event not yet open; the hourly job emails them once when it opens, also with two runners at once', async () => {
    const event = await newEvent(opensIn2Days())
    const [me, other, changedMind] = await Promise.all([member(), member(), member()])
    const asked = await askToBeTold(me.token, event)
    expect(asked.status, JSON.stringify(asked.body)).toBe(201)
    expect(asked.body.doc).toMatchObject({ event: event.id, member: me.user.id, sentAt: null })
    // asking twice, or for someone else, changes nothing
    const twice = await askToBeTold(me.token, event)
    expect(twice.status).toBe(409)
    expect(twice.body.errors[0].message).toBe('You will already be emailed when registration opens.')
    const forOther = await rest('POST', '/registration-alerts?depth=0', { token: other.token, body: { event: event.id, member: me.user.id, sentAt: now.toISOString() } })
    expect(forOther.status, JSON.stringify(forOther.body)).toBe(201)
    expect(forOther.body.doc).toMatchObject({ member: other.user.id, sentAt: null })
    // each sees their own request only
    const mine = await rest('GET', '/registration-alerts?depth=0', { token: me.token })
    expect(mine.body.docs.map((d: { member: number }) => d.member)).toEqual([me.user.id])
    // one who changes their mind is not emailed
    const withdrawn = (await askToBeTold(changedMind.token, event)).body.doc
    expect((await rest('DELETE', `/registration-alerts/${withdrawn.id}`, { token: changedMind.token })).status).toBe(200)

    // before the opening: nothing
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 1) })).registrationOpen).toBe(0)
    const opened = daysFrom(now, 2.05)
    const runs = await Promise.all([runRegistrationNotices(payload, { now: opened }), runRegistrationNotices(payload, { now: opened })])
    expect(runs[0].registrationOpen + runs[1].registrationOpen).toBe(2)
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 2.1) })).registrationOpen).toBe(0)

    const [email] = await emailsTo(me.user.email, 'event-registration-open')
    expect(await emailsTo(me.user.email, 'event-registration-open')).toHaveLength(1)
    expect(email!.subject).toBe(`Registration is open: ${event.title}`)
    expect(email!.text).toContain(`/events/${event.id}`)
    expect(email!.text).toContain('with 40 places')
    expect(await emailsTo(other.user.email, 'event-registration-open')).toHaveLength(1)
    expect(await emailsTo(changedMind.user.email, 'event-registration-open')).toHaveLength(0)
    const alert = await payload.findByID({ collection: 'registration-alerts', id: asked.body.doc.id, depth: 0 })
    expect(alert.sentAt).toBe(opened.toISOString())
  })

  it('is refused once registration is open, for events the member may not see, and for visitors; a cancelled event sends nothing', async () => {
    const [me] = await Promise.all([member()])
    const open = await newEvent()
    const already = await askToBeTold(me.token, open)
    expect(already.status).toBe(409)
    expect(already.body.errors[0].message).toBe('Registration is already open: register now.')
    const draft = await newEvent({ ...opensIn2Days(), status: 'draft' })
    expect((await askToBeTold(me.token, draft)).status).toBe(404)
    const later = await newEvent(opensIn2Days())
    expect((await askToBeTold(undefined, later)).status).toBe(403)
    expect((await rest('POST', '/registration-alerts?depth=0', { token: me.token, body: { event: 'not-an-id' } })).status).toBe(400)
    expect((await rest('POST', '/registration-alerts?depth=0', { token: me.token, body: {} })).status).toBe(400)

    expect((await askToBeTold(me.token, later)).status).toBe(201)
    await payload.update({ collection: 'events', id: later.id, data: { status: 'cancelled' }, depth: 0 })
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 3) })).registrationOpen).toBe(0)
    expect(await emailsTo(me.user.email, 'event-registration-open')).toHaveLength(0)
  })
})

describe('"your place is about to be released"', () => {
  it('reminds a registrant who has not paid once, two days before the hold ends, with the bank details and reference; not those who paid', async () => {
    const event = await newEvent({ price: 2500, paymentMethod: 'bank_transfer', bankAccount: 'GB82 WEST 1234 5698 7654 32', holdDays: 5, capacity: 10, paymentInstructions: 'Questions: treasurer@example.org' })
    const [late, prompt] = await Promise.all([member(), member()])
    const held = (await rest('POST', '/rsvps?depth=0', { token: late.token, body: { event: event.id } })).body.doc as Rsvp
    const paidUp = (await rest('POST', '/rsvps?depth=0', { token: prompt.token, body: { event: event.id } })).body.doc as Rsvp
    expect(held.registrationStatus).toBe('payment_pending')
    const markPaid = await rest('POST', `/rsvps/${paidUp.id}/mark-paid`, { token: organiser.token, body: { method: 'bank_transfer' } })
    expect(markPaid.status, JSON.stringify(markPaid.body)).toBe(200)

    // three days left: too early; 1.5 days left: reminded, once, with two runners at once
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 2) })).holdsExpiring).toBe(0)
    const remindAt = daysFrom(now, 3.5)
    const runs = await Promise.all([runRegistrationNotices(payload, { now: remindAt }), runRegistrationNotices(payload, { now: remindAt })])
    expect(runs[0].holdsExpiring + runs[1].holdsExpiring).toBe(1)
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 4) })).holdsExpiring).toBe(0)

    const reminders = await emailsTo(late.user.email, 'event-reservation-expiring')
    expect(reminders).toHaveLength(1)
    expect(reminders[0]!.subject).toMatch(/^Please pay for your place by .+: Training day/)
    expect(reminders[0]!.text).toContain('£25.00')
    expect(reminders[0]!.text).toContain(`reference ${held.paymentReference}`)
    expect(reminders[0]!.text).toContain('GB82 WEST 1234 5698 7654 32')
    expect(reminders[0]!.text).toContain('Questions: treasurer@example.org')
    expect(await emailsTo(prompt.user.email, 'event-reservation-expiring')).toHaveLength(0)
    const after = (await payload.findByID({ collection: 'rsvps', id: held.id, depth: 0 })) as Rsvp
    expect(after.holdReminderSentAt).toBe(remindAt.toISOString())
    // the reminder marker is the system's: a registrant cannot clear it to be reminded again
    const clear = await rest('PATCH', `/rsvps/${held.id}?depth=0`, { token: late.token, body: { holdReminderSentAt: null } })
    expect(clear.status).toBeLessThan(500)
    expect(((await payload.findByID({ collection: 'rsvps', id: held.id, depth: 0 })) as Rsvp).holdReminderSentAt).toBe(remindAt.toISOString())
  })

  it('a hold shorter than the reminder window is not reminded about in its first hours', async () => {
    const event = await newEvent({ price: 1000, paymentMethod: 'manual', holdDays: 1, capacity: 10 })
    const me = await member()
    expect((await rest('POST', '/rsvps?depth=0', { token: me.token, body: { event: event.id } })).status).toBe(201)
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 0.25) })).holdsExpiring).toBe(0)
    // half a day in, with half a day left: reminded
    expect((await runRegistrationNotices(payload, { now: daysFrom(now, 0.6) })).holdsExpiring).toBe(1)
    expect(await emailsTo(me.user.email, 'event-reservation-expiring')).toHaveLength(1)
  })
})
