import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Payment, Tier, User } from '@payload-types'

import { memberAccess } from '@/membership/groupMembers'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { bootPayload, createUser, rest, sendQueuedEmails, uniqueEmail, verificationTokenFor } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let admin: { user: User; token: string }
let treasurer: { user: User; token: string }
let syndicate: Tier
let family: Tier
let personal: Tier

const newTier = (data: Partial<Tier>) =>
  payload.create({
    collection: 'tiers',
    data: { fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true, ...data } as Tier,
  }) as Promise<Tier>

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Test Alliance', householdDiscountPercent: 50 } })
  admin = await createUser(payload, ['admin', 'member'])
  treasurer = await createUser(payload, ['treasurer', 'member'])
  syndicate = await newTier({ name: 'Aircraft Owners', kind: 'organisation', seats: 2, fee: 2500 })
  family = await newTier({ name: 'Family', kind: 'household', fee: 3000 })
  personal = await newTier({ name: 'Personal' })
})

afterAll(async () => {
  await smtp?.close()
})

const stored = (id: number | string) => payload.findByID({ collection: 'memberships', id, depth: 0 }) as Promise<Membership>
const seats = (m: Membership) => (m.seatHolders ?? []).map((s) => s.email)
const addSeat = (token: string | undefined, id: number | string, email: unknown) => rest('POST', `/memberships/${id}/seats`, { token, body: { email } })
const addToHousehold = (token: string | undefined, id: number | string, email: unknown) => rest('POST', `/memberships/${id}/household`, { token, body: { email } })

async function applyFor(tier: Tier, extra: Record<string, unknown> = {}, who?: { user: User; token: string }) {
  const member = who ?? (await createUser(payload, ['member']))
  const res = await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: tier.id, ...extra } })
  expect(res.status).toBe(201)
  return { ...member, membership: res.body.doc as Membership }
}

const payCash = (membership: number | string, amount: number, extra: Record<string, unknown> = {}) =>
  rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership, amount, method: 'cash', ...extra } })

const checkout = (token: string, membership: number | string) => rest('POST', '/payments/checkout', { token, body: { membership, provider: 'dummy' } })

describe('organisation memberships: the primary contact and seat holders', () => {
  it('an organisation application must name the organisation', async () => {
    const member = await createUser(payload, ['member'])
    const res = await rest('POST', '/memberships', { token: member.token, body: { tier: syndicate.id } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/Name the organisation/)
    expect((await payload.count({ collection: 'memberships', where: { member: { equals: member.user.id } } })).totalDocs).toBe(0)
  })

  it('the contact adds a seat holder by email; they are emailed, and get member access only while the membership is active', async () => {
    const contact = await applyFor(syndicate, { organisationName: 'G-ABCD Syndicate' })
    const pilot = await createUser(payload, ['member'])

    const added = await addSeat(contact.token, contact.membership.id, `  ${pilot.user.email.toUpperCase()} `)
    expect(added.status).toBe(201)
    expect(seats(await stored(contact.membership.id))).toEqual([pilot.user.email])
    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(pilot.user.email) && /seat/.test(m.subject ?? ''))
    expect(mail.text).toMatch(/seat on the Aircraft Owners membership of G-ABCD Syndicate/)

    // not paid yet: a seat gives nothing
    expect((await memberAccess(payload, pilot.user)).isMember).toBe(false)

    expect((await payCash(contact.membership.id, 2500)).status).toBe(201)
    const access = await memberAccess(payload, pilot.user)
    expect(access).toMatchObject({ isMember: true, tiers: [syndicate.id] })
    expect(access.grants[0]).toMatchObject({ via: 'seat', membership: contact.membership.id, organisationName: 'G-ABCD Syndicate' })
    expect((await memberAccess(payload, contact.user)).grants[0]).toMatchObject({ via: 'own' })

    // the organisation's membership ends: so does the seat holder's access
    const cancelled = await rest('POST', `/memberships/${contact.membership.id}/transition`, { token: admin.token, body: { to: 'cancelled', reason: 'Aircraft sold' } })
    expect(cancelled.status).toBe(200)
    expect((await memberAccess(payload, pilot.user)).isMember).toBe(false)
  })

  it('someone added before they have an account gets access once they register with that email and confirm it', async () => {
    const contact = await applyFor(syndicate, { organisationName: 'Hangar 3 Group' })
    await payCash(contact.membership.id, 2500)
    const email = uniqueEmail('newpilot')
    expect((await addSeat(contact.token, contact.membership.id, email)).status).toBe(201)
    const registered = await rest('POST', '/users', { body: { email, password: 'Newpilot-2026!', firstName: 'New', lastName: 'Pilot', acceptPrivacyPolicy: true } })
    expect(registered.status).toBe(201)
    const login = await rest('POST', '/users/login', { body: { email, password: 'Newpilot-2026!' } })
    const joined = async () => (await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0 })).docs[0]!
    // an account made with a seat's address is not yet proof of owning it: anyone could register it
    expect((await memberAccess(payload, await joined())).isMember).toBe(false)
    const event = await payload.create({ collection: 'events', data: { title: 'Members-only briefing', startsAt: new Date(Date.now() + 86_400_000).toISOString(), audience: 'members', status: 'published' } as never })
    expect((await rest('GET', `/events/${event.id}?depth=0`, { token: login.body.token })).status).toBe(404)

    expect((await rest('POST', '/users/verify-email', { body: { token: await verificationTokenFor(payload, email) } })).status).toBe(200)
    expect((await memberAccess(payload, await joined())).isMember).toBe(true)
    expect((await rest('GET', `/events/${event.id}?depth=0`, { token: login.body.token })).status).toBe(200)
  })

  it('refuses what it must, with the right status, and changes nothing', async () => {
    const contact = await applyFor(syndicate, { organisationName: 'Refusals Ltd' })
    const id = contact.membership.id
    const stranger = await createUser(payload, ['member'])
    const first = uniqueEmail('seat')
    expect((await addSeat(contact.token, id, first)).status).toBe(201)

    const cases: Array<[string, Promise<{ status: number; body: any }>, number, RegExp]> = [
      ['visitor', addSeat(undefined, id, uniqueEmail('x')), 401, /Sign in/],
      ['someone else', addSeat(stranger.token, id, uniqueEmail('x')), 403, /contact or an admin/],
      ['not an email', addSeat(contact.token, id, 'not-an-email'), 400, /email address/],
      ['no email', addSeat(contact.token, id, undefined), 400, /email address/],
      ['the contact themself', addSeat(contact.token, id, contact.user.email), 400, /own contact/],
      ['listed already', addSeat(contact.token, id, first.toUpperCase()), 409, /already listed/],
      ['household endpoint', addToHousehold(contact.token, id, uniqueEmail('x')), 409, /Only household memberships/],
      ['no such membership', addSeat(contact.token, 987654, uniqueEmail('x')), 404, /no membership/],
    ]
    for (const [label, request, status, message] of cases) {
      const res = await request
      expect(res.status, label).toBe(status)
      expect(res.body.errors[0].message, label).toMatch(message)
    }
    expect(seats(await stored(id))).toEqual([first])

    const single = await applyFor(personal)
    const res = await addSeat(single.token, single.membership.id, uniqueEmail('x'))
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toMatch(/for one person/)
  })

  it('two additions racing for the last seat: one wins, the other is told the seats are taken', async () => {
    const contact = await applyFor(syndicate, { organisationName: 'Race Flyers' })
    expect((await addSeat(contact.token, contact.membership.id, uniqueEmail('one'))).status).toBe(201)
    const [a, b] = await Promise.all([addSeat(contact.token, contact.membership.id, uniqueEmail('two')), addSeat(contact.token, contact.membership.id, uniqueEmail('three'))])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    expect([a, b].find((r) => r.status === 409)!.body.errors[0].message).toMatch(/All 2 seats are taken/)
    expect(seats(await stored(contact.membership.id))).toHaveLength(2)
  })

  it('removing a seat holder ends their access; an admin may edit the list but not past the tier’s seats', async () => {
    const contact = await applyFor(syndicate, { organisationName: 'Removals' })
    await payCash(contact.membership.id, 2500)
    const pilot = await createUser(payload, ['member'])
    await addSeat(contact.token, contact.membership.id, pilot.user.email)
    expect((await memberAccess(payload, pilot.user)).isMember).toBe(true)

    const notListed = await rest('DELETE', `/memberships/${contact.membership.id}/seats`, { token: contact.token, body: { email: uniqueEmail('nobody') } })
    expect(notListed.status).toBe(404)
    const removed = await rest('DELETE', `/memberships/${contact.membership.id}/seats?email=${encodeURIComponent(pilot.user.email)}`, { token: contact.token })
    expect(removed.status).toBe(200)
    expect((await memberAccess(payload, pilot.user)).isMember).toBe(false)

    const tooMany = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')].map((email) => ({ email }))
    const over = await rest('PATCH', `/memberships/${contact.membership.id}`, { token: admin.token, body: { seatHolders: tooMany } })
    expect(over.status).toBe(400)
    expect(over.body.errors[0].message).toMatch(/2 seats/)
    const ok = await rest('PATCH', `/memberships/${contact.membership.id}?depth=0`, { token: admin.token, body: { seatHolders: tooMany.slice(0, 2) } })
    expect(ok.status).toBe(200)
    expect(seats(await stored(contact.membership.id))).toEqual(tooMany.slice(0, 2).map((s) => s.email))

    // the contact cannot write the list directly (members never update memberships)
    const direct = await rest('PATCH', `/memberships/${contact.membership.id}`, { token: contact.token, body: { seatHolders: [] } })
    expect(direct.status).toBe(403)
    expect(seats(await stored(contact.membership.id))).toHaveLength(2)
  })
})

describe('households: the second and later members pay less', () => {
  async function paidHousehold() {
    const lead = await applyFor(family)
    const start = await checkout(lead.token, lead.membership.id)
    expect(start.body.payment.amount).toBe(3000)
    await rest('POST', `/payments/dummy/${start.body.payment.id}/approve`, { token: lead.token })
    expect((await stored(lead.membership.id)).status).toBe('active')
    return lead
  }

  it('a listed member joins the household and checks out at the discounted price, which the payment shows', async () => {
    const lead = await paidHousehold()
    const partner = await createUser(payload, ['member'])
    expect((await addToHousehold(lead.token, lead.membership.id, partner.user.email)).status).toBe(201)
    await sendQueuedEmails(payload)
    await smtp.waitFor((m) => m.envelope.to.includes(partner.user.email) && /household/.test(m.subject ?? ''))

    const joined = await applyFor(family, {}, partner)
    expect(joined.membership.household).toBe(lead.membership.id)
    const res = await checkout(partner.token, joined.membership.id)
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({ amount: 1500, currency: 'GBP' })
    const payment = (await payload.findByID({ collection: 'payments', id: res.body.payment.id, depth: 0 })) as Payment
    expect(payment).toMatchObject({ listAmount: 3000, discount: { amount: 1500, reason: 'Household discount (50%)' } })

    // the member reads the same through the API
    const own = await rest('GET', `/payments/${payment.id}`, { token: partner.token })
    expect(own.body).toMatchObject({ amount: 1500, listAmount: 3000, discount: { amount: 1500 } })

    await rest('POST', `/payments/dummy/${payment.id}/approve`, { token: partner.token })
    expect((await stored(joined.membership.id)).status).toBe('active')
  })

  it('no discount before the household’s first membership is paid; a pending payment at the old price is replaced', async () => {
    const lead = await applyFor(family)
    const partner = await createUser(payload, ['member'])
    await addToHousehold(lead.token, lead.membership.id, partner.user.email)
    const joined = await applyFor(family, {}, partner)
    const early = await checkout(partner.token, joined.membership.id)
    expect(early.body.payment.amount).toBe(3000)

    const leadPays = await checkout(lead.token, lead.membership.id)
    await rest('POST', `/payments/dummy/${leadPays.body.payment.id}/approve`, { token: lead.token })

    const later = await checkout(partner.token, joined.membership.id)
    expect(later.body.payment.amount).toBe(1500)
    expect(later.body.payment.id).not.toBe(early.body.payment.id)
    expect((await payload.findByID({ collection: 'payments', id: early.body.payment.id, depth: 0 })).status).toBe('cancelled')
  })

  it('someone not listed cannot claim a household, even by naming it', async () => {
    const lead = await paidHousehold()
    const outsider = await createUser(payload, ['member'])
    const joined = await applyFor(family, { household: lead.membership.id }, outsider)
    expect(joined.membership.household ?? null).toBeNull()
    expect((await checkout(outsider.token, joined.membership.id)).body.payment.amount).toBe(3000)
  })

  it('a treasurer’s cash entry expects the household price; leaving the household restores the full price', async () => {
    const lead = await paidHousehold()
    const partner = await createUser(payload, ['member'])
    await addToHousehold(lead.token, lead.membership.id, partner.user.email)
    const joined = await applyFor(family, {}, partner)

    const full = await payCash(joined.membership.id, 3000)
    expect(full.status).toBe(400)
    expect(full.body.errors[0].message).toMatch(/£30.00 differs from the price \(£15.00\)/)
    const right = await payCash(joined.membership.id, 1500)
    expect(right.status).toBe(201)
    expect(right.body.doc).toMatchObject({ status: 'succeeded', listAmount: 3000, discount: { amount: 1500 } })

    const removed = await rest('DELETE', `/memberships/${lead.membership.id}/household`, { token: lead.token, body: { email: partner.user.email } })
    expect(removed.status).toBe(200)
    expect((await stored(joined.membership.id)).household ?? null).toBeNull()
    expect((await payCash(joined.membership.id, 1500)).status).toBe(400)
  })

  it('an admin can link a household by hand, but only to the first membership of a household of the same tier', async () => {
    const lead = await paidHousehold()
    const other = await createUser(payload, ['member'])
    const wrongTier = await rest('POST', '/memberships?depth=0', { token: admin.token, body: { member: other.user.id, tier: personal.id, household: lead.membership.id } })
    expect(wrongTier.status).toBe(400)
    const ok = await rest('POST', '/memberships?depth=0', { token: admin.token, body: { member: other.user.id, tier: family.id, household: lead.membership.id } })
    expect(ok.status).toBe(201)
    expect(ok.body.doc.household).toBe(lead.membership.id)
    const third = await createUser(payload, ['member'])
    const chained = await rest('POST', '/memberships?depth=0', { token: admin.token, body: { member: third.user.id, tier: family.id, household: ok.body.doc.id } })
    expect(chained.status).toBe(400)
    expect(chained.body.errors[0].message).toMatch(/first membership/)
  })
})
