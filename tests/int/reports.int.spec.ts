/**
 * The reports behind the admin dashboard (issue 16): each report's figures against a small
 * hand-made data set, through the real endpoint. The past (2023) is written as years of history
 * would have left it, except where the real thing is the point: the joins, the renewal and the
 * household discount are real cash entries by the treasurer (dated in 2023), the refund a real
 * refund (today), the pending payment a real checkout. What is relative to today (members awaiting
 * payment, memberships ending soon, shifts to fill) is dated from now.
 *
 * 2023 in short: Alice joins in January and renews in December; Bob (joined 2022) lapses in March;
 * Carol and Dan, a household, join in March (Dan at half price); Eve joins in April by card and
 * cancels in May. A meeting in March (3 going, 1 waitlisted, 2 checked in), shifts in June and July.
 */
import { parse } from 'csv-parse/sync'
import { addDays } from 'date-fns/addDays'
import { subDays } from 'date-fns/subDays'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Tier, User } from '@payload-types'

import { recordStatements } from '@/lib/statementLog'
import { openKeyFor } from '@/membership/transitions'

import { bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let treasurer: { user: User; token: string }
let personal: Tier
let family: Tier
const people: Record<string, { user: User; token: string; membership: Membership }> = {}
const now = new Date()
const thisMonth = now.toISOString().slice(0, 7)

type Entry = [from: Membership['status'] | null, to: Membership['status'], at: string, cause: 'member' | 'admin' | 'payment' | 'job' | 'system']

/** A person with a membership whose status and history are set as they would be after the events listed. */
async function membershipWith(
  name: string,
  tier: Tier,
  state: { status: Membership['status']; history: Entry[]; periodEnd?: Date | string; household?: number | string },
) {
  const person = await createUser(payload, ['member'], { firstName: name, lastName: 'Tester', email: uniqueEmail(name.toLowerCase()) })
  const created = (await payload.create({ collection: 'memberships', data: { member: person.user.id, tier: tier.id, household: state.household } as never, depth: 0 })) as Membership
  const end = state.periodEnd ? new Date(state.periodEnd) : null
  const membership = (await payload.update({
    collection: 'memberships',
    id: created.id,
    data: {
      status: state.status,
      history: state.history.map(([from, to, at, cause]) => ({ from, to, at: new Date(at).toISOString(), cause })),
      periodStart: end ? subDays(end, 365).toISOString() : null,
      periodEnd: end ? end.toISOString() : null,
      openKey: openKeyFor(state.status as never, person.user.id, tier.id),
    },
    depth: 0,
  })) as Membership
  people[name] = { ...person, membership }
  return people[name]!
}

/** A cash entry by the treasurer, as the admin panel makes it. */
async function payCash(name: string, amount: number, paidAt: string) {
  const res = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: people[name]!.membership.id, amount, method: 'cash', paidAt: new Date(paidAt).toISOString() } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as { id: number; amount: number; discount?: { amount?: number } }
}

const report = (name: string, query = '', token = treasurer.token) => rest('GET', `/reports/${name}${query}`, { token })
const YEAR_2023 = '?from=2023-01-01&to=2023-12-31'

beforeAll(async () => {
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { householdDiscountPercent: 50 } })
  treasurer = await createUser(payload, ['treasurer', 'member'])
  const tier = { currency: 'GBP', period: 'rolling', graceDays: 30, public: true, active: true } as const
  personal = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Personal', fee: 500, kind: 'individual', sortOrder: 1 } })) as Tier
  family = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Family', fee: 3000, kind: 'household', sortOrder: 2 } })) as Tier

  // Alice: applies in January 2023, pays cash, renews in December
  await membershipWith('Alice', personal, { status: 'awaiting_payment', history: [[null, 'awaiting_payment', '2023-01-10T10:00:00Z', 'member']] })
  await payCash('Alice', 500, '2023-01-15T12:00:00Z')
  await payCash('Alice', 500, '2023-12-20T12:00:00Z')

  // Bob: joined in 2022, went into grace in February 2023 and lapsed in March
  await membershipWith('Bob', personal, {
    status: 'lapsed',
    periodEnd: '2023-02-05T00:00:00Z',
    history: [
      [null, 'awaiting_payment', '2022-02-01T09:00:00Z', 'member'],
      ['awaiting_payment', 'active', '2022-02-05T09:00:00Z', 'payment'],
      ['active', 'grace', '2023-02-05T02:00:00Z', 'job'],
      ['grace', 'lapsed', '2023-03-07T02:00:00Z', 'job'],
    ],
  })
  await payload.create({
    collection: 'payments',
    data: { membership: people.Bob!.membership.id, member: people.Bob!.user.id, amount: 500, currency: 'GBP', method: 'cash', purpose: 'membership', status: 'succeeded', paidAt: '2022-02-05T09:00:00Z', appliedAt: '2022-02-05T09:00:00Z', idempotencyKey: 'reports-bob-2022' } as never,
  })

  // Carol and Dan: a household. Carol pays in full in March; Dan, listed in her household, at half price
  await membershipWith('Carol', family, { status: 'awaiting_payment', history: [[null, 'awaiting_payment', '2023-02-20T10:00:00Z', 'member']] })
  const carolPaid = await payCash('Carol', 3000, '2023-03-01T12:00:00Z')
  const dan = await createUser(payload, ['member'], { firstName: 'Dan', lastName: 'Tester', email: uniqueEmail('dan') })
  await payload.update({ collection: 'memberships', id: people.Carol!.membership.id, data: { householdMembers: [{ email: dan.user.email }] } as never })
  const danMembership = (await payload.create({ collection: 'memberships', data: { member: dan.user.id, tier: family.id, household: people.Carol!.membership.id } as never, depth: 0 })) as Membership
  people.Dan = {
    ...dan,
    membership: (await payload.update({
      collection: 'memberships',
      id: danMembership.id,
      data: { history: [{ from: null, to: 'awaiting_payment', at: '2023-03-02T10:00:00.000Z', cause: 'member' }] },
      depth: 0,
    })) as Membership,
  }
  const danPaid = await payCash('Dan', 1500, '2023-03-10T12:00:00Z')
  expect(danPaid.discount?.amount).toBe(1500)
  // …and today £10 of Carol's payment is given back
  const refund = await rest('POST', `/payments/${carolPaid.id}/refund`, { token: treasurer.token, body: { amount: 1000, reason: 'Joined late' } })
  expect(refund.status, JSON.stringify(refund.body)).toBe(200)

  // Eve: joined by card in April 2023 (after a declined test card), cancelled in May
  await membershipWith('Eve', personal, {
    status: 'cancelled',
    periodEnd: '2024-04-02T00:00:00Z',
    history: [
      [null, 'awaiting_payment', '2023-04-01T10:00:00Z', 'member'],
      ['awaiting_payment', 'active', '2023-04-02T10:00:00Z', 'payment'],
      ['active', 'cancelled', '2023-05-20T10:00:00Z', 'admin'],
    ],
  })
  const eve = { membership: people.Eve!.membership.id, member: people.Eve!.user.id, amount: 500, currency: 'GBP', purpose: 'membership' }
  await payload.create({ collection: 'payments', data: { ...eve, method: 'dummy', status: 'failed', idempotencyKey: 'reports-eve-declined' } as never })
  await payload.create({
    collection: 'payments',
    data: { ...eve, method: 'square', status: 'succeeded', paidAt: '2023-04-02T10:00:00Z', appliedAt: '2023-04-02T10:00:00Z', idempotencyKey: 'reports-eve-card' } as never,
  })

  // Today: Fay has waited 10 days to pay and has just started a payment with the test provider
  await membershipWith('Fay', personal, { status: 'awaiting_payment', history: [[null, 'awaiting_payment', subDays(now, 10).toISOString(), 'member']] })
  const checkout = await rest('POST', '/payments/checkout', { token: people.Fay!.token, body: { membership: people.Fay!.membership.id, provider: 'dummy' } })
  expect(checkout.status, JSON.stringify(checkout.body)).toBe(201)

  // Gus, Hal and Ivy: active, ending in 10, 20 and 45 days; Gus has had his 14-day reminder
  const active = (days: number): Entry[] => [
    [null, 'awaiting_payment', subDays(now, 380 - days).toISOString(), 'member'],
    ['awaiting_payment', 'active', subDays(now, 365 - days).toISOString(), 'payment'],
  ]
  await membershipWith('Gus', personal, { status: 'active', periodEnd: addDays(now, 10), history: active(10) })
  await membershipWith('Hal', personal, { status: 'active', periodEnd: addDays(now, 20), history: active(20) })
  await membershipWith('Ivy', personal, { status: 'active', periodEnd: addDays(now, 45), history: active(45) })
  await payload.create({
    collection: 'reminders',
    data: { membership: people.Gus!.membership.id, member: people.Gus!.user.id, periodEnd: people.Gus!.membership.periodEnd, step: 'before-14', offset: -14 } as never,
  })

  // A meeting in March 2023 for three places: Alice and Carol came, Dan did not; Eve waited; Bob cancelled
  const meeting = await payload.create({
    collection: 'events',
    data: { title: 'Spring meeting', type: 'meeting', status: 'published', audience: 'members', startsAt: '2023-03-15T18:00:00.000Z', capacity: 3, waitlist: true } as never,
  })
  await payload.create({ collection: 'events', data: { title: 'Draft social', type: 'social', status: 'draft', audience: 'members', startsAt: '2023-05-15T18:00:00.000Z' } as never })
  const reply = (name: string, status: string, checkedIn = false) =>
    payload.create({
      collection: 'rsvps',
      data: { event: meeting.id, member: people[name]!.user.id, status, checkedInAt: checkedIn ? '2023-03-15T18:05:00.000Z' : null } as never,
    })
  await reply('Alice', 'going', true)
  await reply('Carol', 'going', true)
  await reply('Dan', 'going')
  await reply('Eve', 'waitlisted')
  await reply('Bob', 'cancelled')

  // Shifts: fire cover in June (Alice 4 h, Carol 2.5 h), radio in July (Alice 3 h; Dan missed his);
  // ahead: teas in 5 days with 3 places open, and in 40 days with 1
  const role = async (name: string) => (await payload.create({ collection: 'volunteer-roles', data: { name, description: name } as never })).id
  const [fire, radio, teas] = [await role('Fire cover'), await role('Radio watch'), await role('Teas')]
  const shift = (role: number | string, startsAt: string, hours: number, peopleNeeded: number, assigned: Array<[string, boolean, number | null]>) =>
    payload.create({
      collection: 'shifts',
      data: {
        role,
        startsAt,
        endsAt: new Date(new Date(startsAt).getTime() + hours * 3_600_000).toISOString(),
        peopleNeeded,
        assigned: assigned.map(([name, attended, credited]) => ({ member: people[name]!.user.id, via: 'coordinator', attended, hours: credited })),
      } as never,
    })
  await shift(fire, '2023-06-10T10:00:00.000Z', 4, 2, [['Alice', true, 4], ['Carol', true, 2.5]])
  await shift(radio, '2023-07-01T09:00:00.000Z', 3, 1, [['Alice', true, 3]])
  await shift(radio, '2023-07-15T09:00:00.000Z', 3, 1, [['Dan', false, null]])
  await shift(teas, addDays(now, 5).toISOString(), 2, 3, [])
  await shift(teas, addDays(now, 40).toISOString(), 2, 1, [])
})

describe('members: by tier and status', () => {
  it('counts every membership by tier and status now', async () => {
    const res = await report('members')
    expect(res.status).toBe(200)
    const [p, f] = res.body.tables.byTier.rows
    expect(p).toMatchObject({ tier: 'Personal', active: 4, lapsed: 1, cancelled: 1, awaiting_payment: 1, grace: 0, total: 7 })
    expect(f).toMatchObject({ tier: 'Family', active: 2, total: 2 })
    expect(res.body.summary).toMatchObject({ current: 6, total: 9 })
  })

  it('counts them at a past date from the membership history', async () => {
    const march = await report('members', '?at=2023-03-31')
    expect(march.body.params.at).toBe('2023-04-01T00:00:00.000Z')
    const [p, f] = march.body.tables.byTier.rows
    expect(p).toMatchObject({ active: 1, lapsed: 1, awaiting_payment: 0, cancelled: 0, total: 2 })
    expect(f).toMatchObject({ active: 2, total: 2 })
    const before = await report('members', '?at=2022-12-31')
    expect(before.body.tables.byTier.rows[0]).toMatchObject({ active: 1, total: 1 })
    expect(before.body.tables.byTier.rows[1]).toMatchObject({ total: 0 })
    // Eve was active on 1 May, cancelled by 1 June
    expect((await report('members', '?at=2023-05-01')).body.tables.byTier.rows[0]).toMatchObject({ active: 2, lapsed: 1 })
    expect((await report('members', '?at=2023-06-01')).body.tables.byTier.rows[0]).toMatchObject({ active: 1, lapsed: 1, cancelled: 1 })
  })

  it('narrows to one tier', async () => {
    const res = await report('members', `?tier=${family.id}`)
    expect(res.body.tables.byTier.rows).toHaveLength(1)
    expect(res.body.tables.byTier.rows[0]).toMatchObject({ tier: 'Family', active: 2 })
  })
})

describe('movement: joins, renewals, lapses and cancellations per month', () => {
  it('counts each month of the range, with retention', async () => {
    const res = await report('movement', YEAR_2023)
    expect(res.status).toBe(200)
    const rows = res.body.tables.byMonth.rows as Array<Record<string, unknown>>
    expect(rows.map((r) => r.month)).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'])
    const month = (m: string) => rows.find((r) => r.month === m)
    expect(month('2023-01')).toMatchObject({ joins: 1, renewals: 0, lapses: 0, cancellations: 0, due: 0, retention: null })
    expect(month('2023-02')).toMatchObject({ joins: 0, renewals: 0, lapses: 0, cancellations: 0 })
    expect(month('2023-03')).toMatchObject({ joins: 2, renewals: 0, lapses: 1, due: 1, retention: 0 })
    expect(month('2023-04')).toMatchObject({ joins: 1 })
    expect(month('2023-05')).toMatchObject({ cancellations: 1 })
    expect(month('2023-12')).toMatchObject({ renewals: 1, due: 1, retention: 1 })
    expect(res.body.summary).toEqual({ joins: 4, renewals: 1, lapses: 1, cancellations: 1, due: 2, retention: 0.5 })
  })

  it('narrows to one tier', async () => {
    const res = await report('movement', `${YEAR_2023}&tier=${family.id}`)
    expect(res.body.summary).toMatchObject({ joins: 2, renewals: 0, lapses: 0, cancellations: 0 })
  })
})

describe('revenue: per month and method, gross, refunds and net', () => {
  it('counts money taken by the month it was paid, with the household discount given', async () => {
    const res = await report('revenue', YEAR_2023)
    expect(res.status).toBe(200)
    const detail = res.body.tables.byMonthAndMethod.rows
    expect(detail).toEqual([
      expect.objectContaining({ month: '2023-01', method: 'cash', currency: 'GBP', payments: 1, gross: 500, discounts: 0, refunds: 0, net: 500 }),
      expect.objectContaining({ month: '2023-03', method: 'cash', currency: 'GBP', payments: 2, gross: 4500, discounts: 1500, refunds: 0, net: 4500 }),
      expect.objectContaining({ month: '2023-04', method: 'square', currency: 'GBP', payments: 1, gross: 500, net: 500 }),
      expect.objectContaining({ month: '2023-12', method: 'cash', currency: 'GBP', payments: 1, gross: 500, net: 500 }),
    ])
    expect(res.body.tables.byMonth.rows).toHaveLength(12)
    expect(res.body.tables.byMonth.rows[1]).toMatchObject({ month: '2023-02', currency: 'GBP', gross: 0, net: 0 })
    expect(res.body.tables.byMethod.rows).toEqual([
      expect.objectContaining({ method: 'cash', methodLabel: 'Cash', payments: 4, gross: 5500, discounts: 1500, net: 5500 }),
      expect.objectContaining({ method: 'square', payments: 1, gross: 500 }),
    ])
    expect(res.body.summary.totals).toEqual([{ currency: 'GBP', payments: 5, gross: 6000, discounts: 1500, refunds: 0, net: 6000 }])
  })

  it('counts a refund in the month it was made, against the payment’s method', async () => {
    const res = await report('revenue', `?from=${thisMonth}-01`)
    expect(res.body.tables.byMonthAndMethod.rows).toEqual([expect.objectContaining({ month: thisMonth, method: 'cash', payments: 0, gross: 0, refunds: 1000, net: -1000 })])
  })
})

describe('outstanding: memberships awaiting payment and pending payments', () => {
  it('lists them with their age, and counts them by age', async () => {
    const res = await report('outstanding')
    expect(res.status).toBe(200)
    const { memberships, payments } = res.body.tables
    expect(memberships.totalDocs).toBe(1)
    expect(memberships.rows[0]).toMatchObject({ member: 'Fay Tester', tier: 'Personal', ageDays: 10, link: `/admin/collections/memberships/${people.Fay!.membership.id}` })
    expect(payments.totalDocs).toBe(1)
    expect(payments.rows[0]).toMatchObject({ member: 'Fay Tester', amount: 500, currency: 'GBP', method: 'dummy', ageDays: 0 })
    expect(res.body.summary.memberships).toEqual({ count: 1, byAge: { upTo7Days: 0, upTo30Days: 1, upTo90Days: 0, over90Days: 0 } })
    expect(res.body.summary.payments.byCurrency).toEqual([{ currency: 'GBP', count: 1, amount: 500, byAge: { upTo7Days: 1, upTo30Days: 0, upTo90Days: 0, over90Days: 0 } }])
  })
})

describe('expiring: memberships ending in the next N days', () => {
  it('lists those ending in 30 days, soonest first, and whether a reminder went out', async () => {
    const res = await report('expiring')
    expect(res.status).toBe(200)
    expect(res.body.params.days).toBe(30)
    expect(res.body.tables.memberships.rows).toEqual([
      expect.objectContaining({ member: 'Gus Tester', daysLeft: 10, reminderSent: true, lastReminder: 'before-14' }),
      expect.objectContaining({ member: 'Hal Tester', daysLeft: 20, reminderSent: false, lastReminder: null }),
    ])
    expect(res.body.summary).toEqual({ days: 30, count: 2, reminded: 1, notReminded: 1 })
    expect((await report('expiring', '?days=60')).body.tables.memberships.totalDocs).toBe(3)
    expect((await report('expiring', `?tier=${family.id}`)).body.tables.memberships.totalDocs).toBe(0)
  })

  it('pages through a long list', async () => {
    const first = await report('expiring', '?days=60&limit=2&page=1')
    const second = await report('expiring', '?days=60&limit=2&page=2')
    expect(first.body.tables.memberships).toMatchObject({ totalDocs: 3, totalPages: 2, page: 1 })
    expect([...first.body.tables.memberships.rows, ...second.body.tables.memberships.rows].map((r: { member: string }) => r.member)).toEqual(['Gus Tester', 'Hal Tester', 'Ivy Tester'])
  })
})

describe('attendance: going, waitlisted, checked in and no-shows per event', () => {
  it('counts the replies of each event of the range (drafts left out)', async () => {
    const res = await report('attendance', YEAR_2023)
    expect(res.status).toBe(200)
    expect(res.body.tables.byEvent.rows).toEqual([
      expect.objectContaining({ event: 'Spring meeting', capacity: 3, going: 3, waitlisted: 1, checkedIn: 2, noShows: 1, noShowRate: 0.3333 }),
    ])
    expect(res.body.summary).toMatchObject({ events: 1, going: 3, checkedIn: 2, noShowRate: 0.3333 })
  })

  it('narrows to the replies of one tier’s members, still listing each event', async () => {
    const family2023 = await report('attendance', `${YEAR_2023}&tier=${family.id}`)
    expect(family2023.body.params).toMatchObject({ tier: family.id })
    // Carol came, Dan did not; Alice (going) and Eve (waitlisted) hold Personal memberships
    expect(family2023.body.tables.byEvent.rows).toEqual([expect.objectContaining({ event: 'Spring meeting', going: 2, waitlisted: 0, checkedIn: 1, noShows: 1, noShowRate: 0.5 })])
    const personal2023 = await report('attendance', `${YEAR_2023}&tier=${personal.id}`)
    expect(personal2023.body.tables.byEvent.rows).toEqual([expect.objectContaining({ going: 1, waitlisted: 1, checkedIn: 1, noShows: 0 })])
  })
})

describe('volunteering: hours per role, month and member; shifts to fill', () => {
  it('sums attended hours and lists the shifts ahead with open places', async () => {
    const res = await report('volunteering', YEAR_2023)
    expect(res.status).toBe(200)
    const { byRole, byMonth, byMember, unfilledShifts } = res.body.tables
    expect(byRole.rows).toEqual([
      expect.objectContaining({ role: 'Fire cover', shifts: 1, volunteers: 2, hours: 6.5 }),
      expect.objectContaining({ role: 'Radio watch', shifts: 1, volunteers: 1, hours: 3 }),
    ])
    expect(byMonth.rows.find((r: { month: string }) => r.month === '2023-06')).toMatchObject({ shifts: 1, volunteers: 2, hours: 6.5 })
    expect(byMonth.rows.find((r: { month: string }) => r.month === '2023-07')).toMatchObject({ shifts: 1, volunteers: 1, hours: 3 })
    expect(byMember.rows).toEqual([
      expect.objectContaining({ member: 'Alice Tester', shifts: 2, hours: 7 }),
      expect.objectContaining({ member: 'Carol Tester', shifts: 1, hours: 2.5 }),
    ])
    expect(unfilledShifts.rows).toEqual([expect.objectContaining({ role: 'Teas', needed: 3, filled: 0, open: 3 })])
    expect(res.body.summary).toMatchObject({ hours: 9.5, shifts: 2, volunteers: 2, unfilledShifts: 1, openPlaces: 3 })
  })

  it('narrows the hours to one tier’s members; the shifts to fill are everyone’s', async () => {
    const res = await report('volunteering', `${YEAR_2023}&tier=${family.id}`)
    expect(res.status).toBe(200)
    const { byRole, byMonth, byMember, unfilledShifts } = res.body.tables
    expect(byRole.rows).toEqual([expect.objectContaining({ role: 'Fire cover', shifts: 1, volunteers: 1, hours: 2.5 })])
    expect(byMonth.rows.find((r: { month: string }) => r.month === '2023-07')).toMatchObject({ shifts: 0, hours: 0 })
    expect(byMember.rows).toEqual([expect.objectContaining({ member: 'Carol Tester', hours: 2.5 })])
    expect(unfilledShifts.rows).toEqual([expect.objectContaining({ role: 'Teas', open: 3 })])
    expect(res.body.summary).toMatchObject({ hours: 2.5, shifts: 1, volunteers: 1, unfilledShifts: 1 })
  })
})

describe('CSV exports', () => {
  it('streams a table as CSV that parses back to the JSON figures, with a file name', async () => {
    const res = await report('revenue', `${YEAR_2023}&format=csv&table=byMethod`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="hangar-revenue-byMethod-2023-01-01-to-2023-12-31.csv"')
    const rows = parse(res.body as string, { columns: true }) as Array<Record<string, string>>
    expect(rows).toEqual([
      { method: 'cash', methodLabel: 'Cash', currency: 'GBP', payments: '4', gross: '5500', discounts: '1500', refunds: '0', net: '5500' },
      { method: 'square', methodLabel: 'Card (Square)', currency: 'GBP', payments: '1', gross: '500', discounts: '0', refunds: '0', net: '500' },
    ])
  })

  it('exports a whole list, not a page, and the first table when none is named', async () => {
    const res = await report('expiring', '?days=60&limit=1&format=csv')
    expect(res.headers.get('content-disposition')).toMatch(/filename="hangar-expiring-memberships-\d{4}-\d{2}-\d{2}\.csv"/)
    const rows = parse(res.body as string, { columns: true }) as Array<Record<string, string>>
    expect(rows.map((r) => [r.member, r.reminderSent])).toEqual([
      ['Gus Tester', 'yes'],
      ['Hal Tester', 'no'],
      ['Ivy Tester', 'no'],
    ])
    const movement = parse((await report('movement', `${YEAR_2023}&format=csv`)).body as string, { columns: true }) as Array<Record<string, string>>
    expect(movement).toHaveLength(12)
    expect(movement[2]).toMatchObject({ month: '2023-03', joins: '2', lapses: '1', retention: '0' })
  })

  it('escapes a value a spreadsheet would run as a formula', async () => {
    await payload.update({ collection: 'users', id: people.Hal!.user.id, data: { firstName: '=HYPERLINK("http://evil.example")' } })
    const rows = parse((await report('expiring', '?format=csv')).body as string, { columns: true }) as Array<Record<string, string>>
    expect(rows[1]!.member).toBe(`'=HYPERLINK("http://evil.example") Tester`)
    await payload.update({ collection: 'users', id: people.Hal!.user.id, data: { firstName: 'Hal' } })
  })
})

describe('bad requests', () => {
  it.each([
    ['?from=2023-13-01', /"from" is not a date/],
    ['?to=yesterday', /"to" is not a date/],
    ['?from=2023-02-30', /"from" is not a date/],
    ['?from=2023-06-01&to=2023-01-01', /"from" must be before "to"/],
    ['?from=2000-01-01&to=2023-01-01', /at most 10 years/],
    ['?tier=abc', /"tier" is the id of a tier/],
    ['?tier=99999', /There is no tier 99999/],
    ['?days=0', /"days" is a whole number from 1 to 366/],
    ['?format=xlsx', /"format" is json or csv/],
    ['?format=csv&table=nope', /has no table "nope": it has byMonth/],
  ])('%s → 400 with the reason', async (query, message) => {
    const res = await report('movement', query)
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(message)
  })

  it('an unknown report is 404, a visitor 401, a member 403 naming who may', async () => {
    const unknown = await report('profits')
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors[0].message).toMatch(/There is no report "profits"/)
    expect((await rest('GET', '/reports/members')).status).toBe(401)
    const member = await report('revenue', '', people.Alice!.token)
    expect(member.status).toBe(403)
    expect(member.body.errors[0].message).toBe('The revenue report is for superusers, admins and treasurers only.')
  })
})

describe('computed in the database', () => {
  it('answers each report in a few statements, however many rows it covers', async () => {
    for (const name of ['members', 'movement', 'revenue', 'outstanding', 'expiring', 'attendance', 'volunteering']) {
      const { result, statements } = await recordStatements(() => report(name, name === 'members' ? '?at=2023-06-01' : ''))
      expect(result.status).toBe(200)
      expect(statements.length, `${name}: ${statements.length} statements`).toBeLessThanOrEqual(12)
    }
  })
})
