import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Membership, Tier } from '@payload-types'

import { runRenewalReminders } from '../../jobs/renewalReminders'
import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest, sendQueuedEmails } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let tier: Tier
// Each test gets its own far-apart "today", so memberships of other tests are never due in it.
let today: Date
let era = 0

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Test Alliance' } })
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

beforeEach(() => {
  era += 1
  today = new Date(Date.UTC(2030 + era * 3, 5, 1, 9, 0, 0))
})

afterAll(async () => {
  await smtp?.close()
})

const ledger = async (membership: Membership) =>
  (await payload.find({ collection: 'reminders', where: { membership: { equals: membership.id } }, sort: 'createdAt', depth: 0, pagination: false })).docs
const remindersTo = async (email: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email } }, { template: { equals: 'renewal-reminder' } }] }, depth: 0, pagination: false })).docs
const ending = (daysAhead: number, status: Membership['status'] = 'active') => memberWithMembership(payload, tier, { status, periodEnd: daysFrom(today, daysAhead) })
const run = (on: Date) => runRenewalReminders(payload, { today: on })

describe('renewal reminders', () => {
  it('sends each step on its day (30, 14, 7 days before, the day, 7 days after), once each', async () => {
    const { user, membership } = await ending(30)
    const end = new Date(membership.periodEnd!)
    const steps: Array<[number, string, string]> = [
      [-30, 'before-30', 'in 30 days'],
      [-14, 'before-14', 'in 14 days'],
      [-7, 'before-7', 'in 7 days'],
      [0, 'on-the-day', 'today'],
      [7, 'after-7', '7 days ago'],
    ]
    for (const [offset, step, when] of steps) {
      if (offset > 0) await payload.update({ collection: 'memberships', id: membership.id, data: { status: 'grace' } })
      const day = daysFrom(end, offset)
      expect((await run(day)).queued, step).toBe(1)
      expect((await run(day)).queued, `${step} again`).toBe(0)
      await sendQueuedEmails(payload)
      const mail = await smtp.waitFor((m) => m.envelope.to.includes(user.email) && (m.text ?? '').includes(`(${when})`))
      expect(mail.subject).toBe('Time to renew your Test Alliance membership')
      expect(mail.text).toContain('Dear Test,')
    }
    expect((await ledger(membership)).map((r) => r.step)).toEqual(steps.map(([, step]) => step))
    expect(await remindersTo(user.email)).toHaveLength(5)
  })

  it('a missed run catches up with the latest due step only', async () => {
    const { user, membership } = await ending(5) // the 30- and 14-day steps were missed; the 7-day one is due
    const report = await run(today)
    expect(report).toMatchObject({ queued: 1 })
    expect((await ledger(membership)).map((r) => r.step)).toEqual(['before-7'])
    expect(await remindersTo(user.email)).toHaveLength(1)
  })

  it('a member who renews in between gets nothing more for the old period', async () => {
    const { membership } = await ending(30)
    expect((await run(today)).queued).toBe(1)
    // renewed: the period now ends a year later
    await payload.update({ collection: 'memberships', id: membership.id, data: { periodEnd: daysFrom(today, 395).toISOString() } })
    expect((await run(daysFrom(today, 16))).queued).toBe(0)
    expect(await ledger(membership)).toHaveLength(1)
  })

  it('cancelled, lapsed and not yet paid memberships get nothing', async () => {
    const cancelled = await ending(7, 'cancelled')
    const lapsed = await ending(-10, 'lapsed')
    const unpaid = await ending(7, 'awaiting_payment')
    await run(today)
    for (const m of [cancelled, lapsed, unpaid]) expect(await ledger(m.membership)).toHaveLength(0)
  })

  it('a member who opted out from the portal gets nothing; opting back in resumes', async () => {
    const { user, token, membership } = await ending(14)
    const optOut = await rest('PATCH', `/users/${user.id}`, { token, body: { emailPreferences: { renewalReminders: false } } })
    expect(optOut.status).toBe(200)
    expect(await run(today)).toMatchObject({ queued: 0, optedOut: 1 })
    expect(await ledger(membership)).toHaveLength(0)
    await rest('PATCH', `/users/${user.id}`, { token, body: { emailPreferences: { renewalReminders: true } } })
    expect(await run(today)).toMatchObject({ queued: 1 })
  })

  it('stops at the per-period maximum from settings', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { remindersPerPeriod: 2 } })
    try {
      const { membership } = await ending(30)
      const end = new Date(membership.periodEnd!)
      for (const offset of [-30, -14, -7, 0]) await run(daysFrom(end, offset))
      expect((await ledger(membership)).map((r) => r.step)).toEqual(['before-30', 'before-14'])
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { remindersPerPeriod: 5 } })
    }
  })

  it('follows the offsets in settings', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { reminderDaysBefore: [21], reminderDaysAfter: [] } })
    try {
      const { membership } = await ending(21)
      expect((await run(today)).queued).toBe(1)
      expect((await ledger(membership)).map((r) => r.step)).toEqual(['before-21'])
      expect((await run(daysFrom(today, 21))).queued).toBe(0)
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { reminderDaysBefore: [30, 14, 7, 0], reminderDaysAfter: [7] } })
    }
  })

  it('two runners at once still send each step once', async () => {
    const due = await Promise.all(Array.from({ length: 8 }, () => ending(7)))
    const [a, b] = await Promise.all([runRenewalReminders(payload, { today, batchSize: 3 }), runRenewalReminders(payload, { today, batchSize: 3 })])
    expect(a.queued + b.queued).toBe(8)
    expect(a.alreadySent + b.alreadySent).toBe(8)
    for (const { user, membership } of due) {
      expect(await ledger(membership)).toHaveLength(1)
      expect(await remindersTo(user.email)).toHaveLength(1)
    }
  })

  it('a run that crashes midway and is retried sends each step once, and misses none', async () => {
    const due = await Promise.all(Array.from({ length: 5 }, () => ending(14)))
    // The third reminder's email cannot be queued: the run dies there, as a crash would end it.
    const hooks = payload.collections.notifications.config.hooks.beforeChange
    let created = 0
    const crash = () => {
      created += 1
      if (created === 3) throw new Error('simulated crash')
    }
    hooks.push(crash)
    try {
      await expect(runRenewalReminders(payload, { today, batchSize: 2 })).rejects.toThrow('simulated crash')
    } finally {
      hooks.splice(hooks.indexOf(crash), 1)
    }
    const claimed = (await Promise.all(due.map(async (d) => (await ledger(d.membership)).length))).reduce((a, b) => a + b, 0)
    const queued = (await Promise.all(due.map(async (d) => (await remindersTo(d.user.email)).length))).reduce((a, b) => a + b, 0)
    expect(queued).toBeGreaterThanOrEqual(2)
    expect(queued).toBeLessThan(5)
    // Postgres rolls the failed claim back with its email; SQLite keeps the claim, which the retry completes.
    expect(claimed).toBe(payload.db.name === 'postgres' ? queued : queued + 1)

    // the retry comes later, when an unfinished claim is clearly orphaned
    const retry = await runRenewalReminders(payload, { today, batchSize: 2, orphanedClaimAfterMs: 0 })
    expect(retry.queued + retry.completed).toBe(5 - queued)
    for (const { user, membership } of due) {
      expect(await ledger(membership)).toHaveLength(1)
      expect(await remindersTo(user.email)).toHaveLength(1)
    }
  })

  it('runs as a queued job, which records its last success for /api/health', async () => {
    const { membership } = await ending(0)
    await payload.jobs.queue({ task: 'renewalReminders', queue: 'nightly', input: { today: today.toISOString() } })
    const result = await payload.jobs.run({ queue: 'nightly' })
    expect(Object.values(result.jobStatus ?? {}).map((s) => s.status)).toEqual(['success'])
    expect((await ledger(membership)).map((r) => r.step)).toEqual(['on-the-day'])
    const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
    expect(Date.now() - new Date(settings.jobRuns!.renewalReminders!).getTime()).toBeLessThan(60_000)
  })
})

describe('GET /api/reminders/preview', () => {
  it('lists who gets which reminder on which day, and sends nothing', async () => {
    const admin = await createUser(payload, ['admin', 'member'])
    const now = new Date()
    const soon = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(now, 10), member: { firstName: 'Preview' } })
    const notificationsBefore = (await payload.count({ collection: 'notifications' })).totalDocs
    const remindersBefore = (await payload.count({ collection: 'reminders' })).totalDocs

    const res = await rest('GET', '/reminders/preview?days=14', { token: admin.token })
    expect(res.status).toBe(200)
    const mine = res.body.entries.filter((e: { membership: { id: number } }) => e.membership.id === soon.membership.id)
    // today catches up the 14-day step (its day has passed), then the 7-day one and the day itself
    expect(mine.map((e: { step: string; on: string }) => [e.step, e.on])).toEqual([
      ['before-14', daysFrom(now, 0).toISOString().slice(0, 10)],
      ['before-7', daysFrom(now, 3).toISOString().slice(0, 10)],
      ['on-the-day', daysFrom(now, 10).toISOString().slice(0, 10)],
    ])
    expect(mine[0]).toMatchObject({ member: { name: 'Preview member', email: soon.user.email }, membership: { tier: 'Personal' } })
    expect((await payload.count({ collection: 'notifications' })).totalDocs).toBe(notificationsBefore)
    expect((await payload.count({ collection: 'reminders' })).totalDocs).toBe(remindersBefore)
  })

  it('is for admins and the secretary, with a sensible number of days', async () => {
    const secretary = await createUser(payload, ['secretary', 'member'])
    const treasurer = await createUser(payload, ['treasurer', 'member'])
    const member = await createUser(payload, ['member'])
    expect((await rest('GET', '/reminders/preview?days=7', { token: secretary.token })).status).toBe(200)
    expect((await rest('GET', '/reminders/preview?days=7', { token: treasurer.token })).status).toBe(403)
    expect((await rest('GET', '/reminders/preview?days=7', { token: member.token })).status).toBe(403)
    expect((await rest('GET', '/reminders/preview?days=7')).status).toBe(401)
    for (const days of ['0', 'abc', '-3', '1.5', '1000']) {
      const res = await rest('GET', `/reminders/preview?days=${days}`, { token: secretary.token })
      expect(res.status, days).toBe(400)
      expect(res.body.errors[0].message).toMatch(/days/)
    }
  })
})
