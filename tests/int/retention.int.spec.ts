/**
 * The retention rule (issue 15, point 9; src/privacy/retention.ts): people whose memberships all
 * ended longer ago than `retentionYears` are listed by GET /api/retention/preview and anonymised
 * once by the daily privacy job; recent, current, staff and seat-holding people are left alone.
 */
import type { Payload } from 'payload'
import { subDays } from 'date-fns/subDays'
import { subYears } from 'date-fns/subYears'
import { beforeAll, describe, expect, it } from 'vitest'

import type { AuditEntry, Membership, Tier, User } from '@payload-types'

import { recordStatements } from '@/lib/statementLog'
import { previewRetention } from '@/privacy/retention'
import { SIGN_IN_EVENTS_KEPT_DAYS } from '@/security/signInEvents'

import { runPrivacy } from '../../jobs/privacy'
import { memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let syndicateTier: Tier
let admin: { user: User; token: string }
const now = new Date()

type Person = { user: User; token: string; membership: Membership }
let longLapsed: Person
let longCancelled: Person
let recentlyLapsed: Person
let cameBack: Person
let staff: Person
let seatHolder: Person
let active: Person

const userNow = async (id: number) => (await payload.findByID({ collection: 'users', id, depth: 0 })) as User

beforeAll(async () => {
  payload = await bootPayload()
  const tier = { currency: 'GBP', period: 'rolling', graceDays: 30, public: true, active: true } as const
  personal = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Personal', fee: 500, kind: 'individual' } })) as Tier
  syndicateTier = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Syndicate', fee: 20000, kind: 'organisation', seats: 3 } })) as Tier
  admin = await createUser(payload, ['admin'])
  await payload.updateGlobal({ slug: 'settings', data: { retentionYears: 6 } as never })

  const ended = (status: 'lapsed' | 'cancelled', periodEnd: Date, firstName: string) =>
    memberWithMembership(payload, personal, { status, periodEnd, member: { firstName, lastName: 'Retention' } })
  longLapsed = await ended('lapsed', subYears(now, 7), 'Augusta')
  longCancelled = await ended('cancelled', subDays(subYears(now, 6), 10), 'Barnaby')
  recentlyLapsed = await ended('lapsed', subYears(now, 5), 'Clementine')
  cameBack = await ended('lapsed', subYears(now, 8), 'Digby')
  await payload.create({ collection: 'memberships', data: { member: cameBack.user.id, tier: syndicateTier.id, organisationName: 'Digby Aviation' } as never, depth: 0 }) // applied again: open
  staff = await ended('lapsed', subYears(now, 9), 'Euphemia')
  await payload.update({ collection: 'users', id: staff.user.id, data: { roles: ['secretary', 'member'] }, depth: 0 })
  seatHolder = await ended('lapsed', subYears(now, 7), 'Ferdinand')
  const syndicate = await memberWithMembership(payload, syndicateTier, { status: 'active', periodEnd: new Date(now.getTime() + 100 * 86_400_000) })
  await payload.update({ collection: 'memberships', id: syndicate.membership.id, data: { seatHolders: [{ email: seatHolder.user.email }] }, depth: 0 })
  active = await memberWithMembership(payload, personal, { status: 'active', periodEnd: new Date(now.getTime() + 100 * 86_400_000), member: { firstName: 'Gwendolyn', lastName: 'Retention' } })
})

describe('GET /api/retention/preview', () => {
  it('lists exactly the people whose memberships all ended longer ago than the period, with their last end', async () => {
    const res = await rest('GET', '/retention/preview', { token: admin.token })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.body).toMatchObject({ on: true, years: 6, count: 2 })
    expect(res.body.people.map((p: { id: number }) => p.id)).toEqual([longLapsed.user.id, longCancelled.user.id])
    expect(res.body.people[0]).toMatchObject({ name: 'Augusta Retention', email: longLapsed.user.email, lastMembershipEnd: longLapsed.membership.periodEnd })
    expect((await rest('GET', '/retention/preview?limit=1', { token: admin.token })).body).toMatchObject({ count: 2, people: [{ id: longLapsed.user.id }] })
  })

  it('asks the database a fixed handful of statements, however many people there are (candidates chosen in SQL)', async () => {
    const { result, statements } = await recordStatements(() => previewRetention(payload, { limit: 50 }))
    expect(result.count).toBe(2)
    expect(statements.length).toBeLessThanOrEqual(4)
  })

  it('is for admins only, and refuses a bad limit', async () => {
    const secretary = await createUser(payload, ['secretary'])
    expect((await rest('GET', '/retention/preview', { token: secretary.token })).status).toBe(403)
    expect((await rest('GET', '/retention/preview', { token: active.token })).status).toBe(403)
    expect((await rest('GET', '/retention/preview')).status).toBe(401)
    for (const limit of ['many', '-1', '2.5']) expect((await rest('GET', `/retention/preview?limit=${limit}`, { token: admin.token })).status).toBe(400)
  })

  it('says the rule is off when the period is 0 or empty', async () => {
    for (const retentionYears of [0, null]) {
      await payload.updateGlobal({ slug: 'settings', data: { retentionYears } as never })
      expect((await rest('GET', '/retention/preview', { token: admin.token })).body).toMatchObject({ on: false, count: 0, people: [] })
      expect(await runPrivacy(payload, { now })).toMatchObject({ anonymisedByRetention: 0 })
    }
    expect((await userNow(longLapsed.user.id)).firstName).toBe('Augusta')
    await payload.updateGlobal({ slug: 'settings', data: { retentionYears: 6 } as never })
  })
})

describe('the daily privacy job', () => {
  it('anonymises the people due once; a second run does nothing; the others are left alone', async () => {
    expect(await runPrivacy(payload, { now })).toMatchObject({ anonymisedByRetention: 2 })
    for (const person of [longLapsed, longCancelled]) {
      const user = await userNow(person.user.id)
      expect(user.firstName).toBe('Erased')
      expect(user.email).toMatch(/@erased\.invalid$/)
      // the memberships stay, under the anonymous account
      const membership = (await payload.findByID({ collection: 'memberships', id: person.membership.id, depth: 0 })) as Membership
      expect(membership).toMatchObject({ member: person.user.id, status: person.membership.status, periodEnd: person.membership.periodEnd })
      expect((await rest('POST', '/users/login', { body: { email: person.user.email, password: 'correct-horse-battery' } })).status).toBe(401)
      const { docs } = await payload.find({ collection: 'audit-entries', where: { person: { equals: person.user.id } }, depth: 0 })
      expect((docs as AuditEntry[]).find((e) => e.summary?.startsWith('Erased'))?.summary).toContain('by the retention rule')
    }
    const kept = { recentlyLapsed: 'Clementine', cameBack: 'Digby', staff: 'Euphemia', seatHolder: 'Ferdinand', active: 'Gwendolyn' }
    const people = { recentlyLapsed, cameBack, staff, seatHolder, active }
    for (const [key, firstName] of Object.entries(kept)) {
      expect((await userNow(people[key as keyof typeof people].user.id)).firstName, key).toBe(firstName)
    }

    expect(await runPrivacy(payload, { now })).toMatchObject({ anonymisedByRetention: 0 })
    expect((await rest('GET', '/retention/preview', { token: admin.token })).body).toMatchObject({ count: 0, people: [] })
    // a year on, the one who lapsed five years ago is due too
    expect(await runPrivacy(payload, { now: new Date(subYears(now, -1).getTime() + 86_400_000) })).toMatchObject({ anonymisedByRetention: 1 })
    expect((await userNow(recentlyLapsed.user.id)).firstName).toBe('Erased')
  })

  it('removes sign-ins older than a year, and keeps the rest', async () => {
    const { user } = await createUser(payload, ['member'])
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
    for (const days of [SIGN_IN_EVENTS_KEPT_DAYS + 2, SIGN_IN_EVENTS_KEPT_DAYS - 2, 1]) {
      await payload.create({ collection: 'sign-in-events', data: { person: user.id, email: user.email, method: 'password', succeeded: true, address: '192.0.2.7', createdAt: at(days) } as never, depth: 0 })
    }
    const report = await runPrivacy(payload, { now })
    expect(report.signInsRemoved).toBeGreaterThanOrEqual(1)
    const kept = await payload.find({ collection: 'sign-in-events', where: { person: { equals: user.id } }, depth: 0, sort: 'createdAt' })
    expect(kept.docs.map((doc) => doc.createdAt)).toEqual([at(SIGN_IN_EVENTS_KEPT_DAYS - 2), at(1)])
    expect((await runPrivacy(payload, { now })).signInsRemoved).toBe(0)
  })

  it('runs as a queued job, which records its last success for /api/health', async () => {
    await payload.jobs.queue({ task: 'privacy', queue: 'nightly', input: { now: now.toISOString() } })
    const result = await payload.jobs.run({ queue: 'nightly' })
    expect(Object.values(result.jobStatus ?? {}).map((s) => s.status)).toEqual(['success'])
    const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
    expect(Date.now() - new Date(settings.jobRuns!.privacy!).getTime()).toBeLessThan(60_000)
    expect((await rest('GET', '/health')).body.jobs.privacy).toMatchObject({ stale: false, lastSuccess: settings.jobRuns!.privacy })
  })
})
