import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Document, Event, Membership, Notice, Payment, Rsvp, User } from '@payload-types'

import { DEMO_ACCOUNTS, DEMO_ORGANISATION, DEMO_TIERS, seedDemoData } from '@/seed/demo'
import type { SeedReport } from '@/seed/demo'

import { bootPayload, rest } from './helpers/payload'

let payload: Payload
let report: SeedReport
let seedSeconds = 0
const tokens: Record<string, string> = {}

const signIn = async (email: string, password: string) => {
  const res = await rest('POST', '/users/login', { body: { email, password } })
  expect(res.status, email).toBe(200)
  return res.body.token as string
}
const all = async <T>(collection: 'memberships' | 'payments' | 'events' | 'rsvps' | 'documents' | 'notices' | 'reminders' | 'shifts' | 'notifications', where = {}) =>
  (await payload.find({ collection, where, pagination: false, depth: 0 })).docs as T[]
const userByEmail = async (email: string) => (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })).docs[0] as User
const day = 86_400_000

beforeAll(async () => {
  payload = await bootPayload()
  const started = performance.now()
  report = await seedDemoData(payload)
  seedSeconds = (performance.now() - started) / 1000
  console.info(`[seed] demo data seeded in ${seedSeconds.toFixed(1)} s on ${payload.db.name}`)
  for (const account of DEMO_ACCOUNTS) tokens[account.email] = await signIn(account.email, account.password)
  // Huw (Gower Flying School's contact) is not a demo account: give him a password to sign in with here.
  const huw = await userByEmail('huw.griffiths@hangar.test')
  await payload.update({ collection: 'users', id: huw.id, data: { password: 'gower-flying-school-demo' } })
  tokens.huw = await signIn('huw.griffiths@hangar.test', 'gower-flying-school-demo')
})

describe('demo data', () => {
  it('creates the organisation, the tiers and the demo accounts, which sign in with the printed passwords', async () => {
    expect(report.skipped).toEqual([])
    const settings = await payload.findGlobal({ slug: 'settings' })
    expect(settings.organisationName).toBe(DEMO_ORGANISATION.organisationName)
    expect(settings.membershipNumberPrefix).toBe('SASA-')

    const tiers = await rest('GET', '/tiers?sort=sortOrder')
    expect(tiers.body.docs.map((t: { name: string; fee: number; currency: string }) => [t.name, t.fee, t.currency])).toEqual([
      ['Personal', 500, 'GBP'],
      ['Aircraft Owners', 2500, 'GBP'],
      ['Corporate', 10000, 'GBP'],
    ])
    for (const account of DEMO_ACCOUNTS) {
      const me = await rest('GET', '/users/me', { token: tokens[account.email] })
      expect(me.body.user.roles).toEqual(account.roles)
    }
    const memberships = await rest('GET', '/memberships?depth=0', { token: tokens['member@hangar.test'] })
    expect(memberships.body.docs).toHaveLength(1)
    expect(memberships.body.docs[0]).toMatchObject({ status: 'active', membershipNumber: 'SASA-000001' })
  })

  it('has memberships in every state a committee meets, with numbers only on those that were paid', async () => {
    const memberships = await all<Membership>('memberships')
    const byStatus = Object.fromEntries(['applied', 'awaiting_payment', 'active', 'grace', 'lapsed'].map((s) => [s, memberships.filter((m) => m.status === s)]))
    expect(Object.fromEntries(Object.entries(byStatus).map(([s, list]) => [s, list.length]))).toEqual({ applied: 1, awaiting_payment: 1, active: 7, grace: 1, lapsed: 1 })
    expect(memberships).toHaveLength(11)

    // waiting for the committee: a Corporate application; the staff were told
    expect(byStatus.applied![0]).toMatchObject({ organisationName: 'Bay Air Charter Ltd', membershipNumber: null })
    // in grace: ended within the tier's 30 days of grace, moved there by the expiry job
    const grace = byStatus.grace![0]!
    const endedDaysAgo = (Date.now() - new Date(grace.periodEnd!).getTime()) / day
    expect(endedDaysAgo).toBeGreaterThan(0)
    expect(endedDaysAgo).toBeLessThan(30)
    expect(grace.history?.at(-1)).toMatchObject({ from: 'active', to: 'grace', cause: 'job' })

    // each history reads in order: applied first, then approved, paid, moved on by the jobs
    for (const m of memberships) {
      const times = (m.history ?? []).map((h) => new Date(h.at).getTime())
      expect(times, `membership ${m.id}`).toEqual([...times].sort((a, b) => a - b))
    }

    // every paid membership has its own number; the organisation ones have seat holders
    const numbers = memberships.map((m) => m.membershipNumber).filter(Boolean)
    expect(new Set(numbers).size).toBe(9)
    const school = memberships.find((m) => m.organisationName === 'Gower Flying School Ltd')!
    expect(school.status).toBe('active')
    expect(school.seatHolders?.map((s) => s.email)).toEqual(['cerys.thomas@hangar.test', 'mali.morris@hangar.test', 'ieuan.price@hangar.test'])
    expect(school.history?.map((h) => h.to)).toEqual(['applied', 'approved', 'awaiting_payment', 'active'])
    expect(memberships.find((m) => m.organisationName === 'G-BSWA Cessna 172 syndicate')?.seatHolders).toHaveLength(2)
    // a seat holder with an account of their own (and no membership of hers) reads the aircraft owners' notice through her seat
    const ffion = await userByEmail('ffion.lewis@hangar.test')
    await payload.update({ collection: 'users', id: ffion.id, data: { password: 'g-bswa-syndicate-demo' } })
    const seatHolder = await signIn('ffion.lewis@hangar.test', 'g-bswa-syndicate-demo')
    expect((await rest('GET', '/memberships?depth=0', { token: seatHolder })).body.docs).toEqual([])
    const notices = (await rest('GET', '/notices?depth=0', { token: seatHolder })).body.docs as Notice[]
    expect(notices.map((n) => n.title)).toContain('Block hangar insurance for aircraft owners')
  })

  it('records payments by cash, cheque, bank transfer and card, with receipts, a refund and a declined card', async () => {
    const payments = await all<Payment>('payments')
    const methods = [...new Set(payments.map((p) => p.method))].sort()
    expect(methods).toEqual(['bank_transfer', 'cash', 'cheque', 'dummy'])
    const settled = payments.filter((p) => p.status === 'succeeded' || p.status === 'partially_refunded')
    expect(settled).toHaveLength(9)
    for (const p of settled) expect(p.receiptNumber, `payment ${p.id}`).toMatch(/^R-\d{4}-\d{6}$/)
    expect(payments.filter((p) => p.recordedBy && p.method !== 'dummy')).toHaveLength(7)
    const refunded = payments.find((p) => p.status === 'partially_refunded')!
    expect(refunded.method).toBe('dummy')
    expect(refunded.refunds?.map((r) => r.amount)).toEqual([250])
    expect(payments.filter((p) => p.status === 'failed').map((p) => p.method)).toEqual(['dummy'])

    // the demo member sees their own payment and its receipt number, nobody else's
    const mine = await rest('GET', '/payments?depth=0', { token: tokens['member@hangar.test'] })
    expect(mine.body.docs).toHaveLength(1)
    expect(mine.body.docs[0]).toMatchObject({ method: 'cash', status: 'succeeded', amount: 500 })
  })

  it('has renewal reminders sent by the job and more due within the preview window', async () => {
    const ledger = await all<{ step: string }>('reminders')
    expect(ledger.map((r) => r.step).sort()).toEqual(['after-7', 'before-14', 'before-30', 'before-30'])

    const preview = await rest('GET', '/reminders/preview?days=30', { token: tokens['admin@hangar.test'] })
    expect(preview.status).toBe(200)
    const entries = preview.body.entries as Array<{ on: string; step: string; member: { email: string } }>
    expect(new Set(entries.map((e) => e.member.email))).toEqual(new Set(['carys.powell@hangar.test', 'dafydd.evans@hangar.test', 'owen.jenkins@hangar.test']))
    expect(entries.map((e) => e.step)).toContain('on-the-day')
    for (const entry of entries) expect(new Date(entry.on).getTime() - Date.now()).toBeLessThan(30 * day)
  })

  it('has events to reply to: one full with a waitlist, members-only ones, and a past one with check-ins', async () => {
    const events = await all<Event>('events')
    const tower = events.find((e) => e.title.startsWith('Behind the scenes'))!
    expect(tower).toMatchObject({ capacity: 6, placesTaken: 6, waitlist: true })
    const towerReplies = await all<Rsvp>('rsvps', { event: { equals: tower.id } })
    expect(towerReplies.filter((r) => r.status === 'waitlisted')).toHaveLength(2)

    // the demo member is on that waitlist, and sees it
    const member = await userByEmail('member@hangar.test')
    const mine = await rest('GET', `/rsvps?depth=0&where[event][equals]=${tower.id}`, { token: tokens['member@hangar.test'] })
    expect(mine.body.docs.map((r: Rsvp) => [r.member, r.status])).toEqual([[member.id, 'waitlisted']])

    // members-only: a visitor does not see them, a member does
    const membersOnly = events.filter((e) => e.audience === 'members' && e.status === 'published' && new Date(e.startsAt).getTime() > Date.now())
    expect(membersOnly.length).toBeGreaterThanOrEqual(2)
    const visitorSees = (await rest('GET', '/events?limit=100&depth=0')).body.docs.map((e: Event) => e.id)
    const memberSees = (await rest('GET', '/events?limit=100&depth=0', { token: tokens['member@hangar.test'] })).body.docs.map((e: Event) => e.id)
    for (const event of membersOnly) {
      expect(visitorSees).not.toContain(event.id)
      expect(memberSees).toContain(event.id)
    }
    expect(visitorSees).toContain(tower.id)

    // past: five of seven who replied were checked in, during the evening, by the events officer
    const past = events.find((e) => e.title.startsWith('Safety evening'))!
    expect(new Date(past.startsAt).getTime()).toBeLessThan(Date.now())
    const replies = await all<Rsvp>('rsvps', { event: { equals: past.id } })
    const checkedIn = replies.filter((r) => r.checkedInAt)
    expect([replies.length, checkedIn.length]).toEqual([7, 5])
    const officer = await userByEmail('aled.parry@hangar.test')
    for (const r of checkedIn) expect(r.checkedInBy).toBe(officer.id)
    expect(events.filter((e) => e.status === 'proposed')).toHaveLength(1)
  })

  it('has notices for the public, members and one tier, a scheduled one and a draft', async () => {
    const notices = await all<Notice>('notices')
    expect(notices).toHaveLength(6)
    const visitor = (await rest('GET', '/notices?depth=0')).body.docs as Notice[]
    const member = (await rest('GET', '/notices?depth=0', { token: tokens['member@hangar.test'] })).body.docs as Notice[]
    const school = (await rest('GET', '/notices?depth=0', { token: tokens.huw })).body.docs as Notice[]
    expect(visitor.map((n) => n.title)).toEqual(['Runway 04/22 resurfacing: night closures'])
    expect(member).toHaveLength(3)
    expect(school).toHaveLength(4) // the Corporate contact also sees the aircraft owners' notice
    expect(notices.find((n) => n.emailAudience)?.emailQueuedAt).toBeTruthy()
  })

  it('has documents for each audience, and their files download only for those they are for', async () => {
    const docs = await all<Document>('documents')
    expect(docs).toHaveLength(6)
    const byTitle = (start: string) => docs.find((d) => d.title.startsWith(start))!
    const guide = byTitle('Airport users')
    const minutes = byTitle('Minutes')
    const hangarage = byTitle('Hangarage licence')
    const airside = byTitle('Airside access')
    const file = (doc: Document, token?: string) => rest('GET', `/documents/file/${doc.filename}`, { token })

    const download = await file(minutes, tokens['member@hangar.test'])
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(Number(download.body.match(/\d+/)[0])).toBeGreaterThan(500)
    expect(minutes.filesize).toBeGreaterThan(500)

    expect([(await file(guide)).status, (await file(minutes)).status]).toEqual([200, 403])
    expect([(await file(hangarage, tokens['member@hangar.test'])).status, (await file(airside, tokens['member@hangar.test'])).status]).toEqual([403, 403])
    expect([(await file(hangarage, tokens.huw)).status, (await file(airside, tokens.huw)).status]).toEqual([200, 200])
  })

  it('has volunteers with hours from past shifts, and the fly-in’s shifts ahead', async () => {
    const mine = await rest('GET', '/volunteer-assignments/me', { token: tokens['member@hangar.test'] })
    expect(mine.body.roles.map((r: { name: string; flag: string }) => [r.name, r.flag])).toEqual([
      ['Fire', 'OK'],
      ['General', 'OK'],
    ])
    expect(mine.body.upcoming).toHaveLength(1)
    expect(mine.body.open.map((s: { role: string }) => s.role).sort()).toEqual(['Fire', 'General'])
    expect(mine.body.past.map((s: { attended: boolean; hours: number }) => [s.attended, s.hours])).toEqual([
      [true, 4],
      [true, 3],
    ])
    expect(mine.body.hours).toBe(7)
    for (const shift of mine.body.past) expect(new Date(shift.startsAt).getTime()).toBeLessThan(Date.now())

    const volunteers = await rest('GET', '/volunteer-assignments/volunteers', { token: tokens['volunteers@hangar.test'] })
    const hours = Object.fromEntries(volunteers.body.volunteers.map((v: { member: { email: string }; hours: number }) => [v.member.email, v.hours]))
    expect(hours).toMatchObject({ 'member@hangar.test': 7, 'iwan.rees@hangar.test': 4, 'dafydd.evans@hangar.test': 8, 'carys.powell@hangar.test': 4 })
  })

  it('fills the inquiry inbox: a template per type and questions in each state, the overdue one first', async () => {
    const { docs } = await payload.find({ collection: 'inquiries', pagination: false, depth: 0, sort: 'createdAt' })
    expect(Object.fromEntries(docs.map((d) => [d.subject, d.status]))).toEqual({
      'Parking at the summer fly-in': 'assigned',
      'Learning to fly at Swansea': 'new',
      'Radio volunteering': 'responded',
      'Rank first on Google': 'spam',
    })
    const overdue = docs.find((d) => d.subject === 'Parking at the summer fly-in')!
    expect(new Date(overdue.followUpDue!).getTime()).toBeLessThan(Date.now())
    expect((await payload.count({ collection: 'inquiry-templates' })).totalDocs).toBe(4)
    const answered = docs.find((d) => d.subject === 'Radio volunteering')!
    expect(answered.messages!.at(-1)!.body).toContain('Dear Tom,')
  })

  it('sends its emails only to reserved demo addresses, through the queue', async () => {
    const notifications = await all<{ recipient: string; status: string }>('notifications')
    expect(notifications.length).toBeGreaterThan(20)
    for (const n of notifications) expect(n.recipient).toMatch(/@hangar\.test$/)
  })

  it('is seeded once: a second run, or a run on a database with accounts, changes nothing', async () => {
    const collections = ['users', 'memberships', 'payments', 'events', 'rsvps', 'notices', 'documents', 'shifts', 'reminders', 'notifications'] as const
    const count = async () => Promise.all(collections.map(async (c) => (await payload.count({ collection: c })).totalDocs))
    const before = await count()
    const again = await seedDemoData(payload)
    expect(again.created).toEqual([])
    expect(again.skipped).toEqual([expect.stringMatching(/already has \d+ account/)])
    expect(await count()).toEqual(before)
    expect((await payload.count({ collection: 'tiers' })).totalDocs).toBe(DEMO_TIERS.length)
  })

  it('leaves a customised organisation name alone', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Gower Flying Club' } })
    await seedDemoData(payload)
    expect((await payload.findGlobal({ slug: 'settings' })).organisationName).toBe('Gower Flying Club')
  })
})
