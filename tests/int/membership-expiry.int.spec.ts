import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Tier } from '@payload-types'

import { runMembershipExpiry } from '../../jobs/membershipExpiry'
import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, sendQueuedEmails } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let tier: Tier
let noGrace: Tier
const now = new Date()

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Test Alliance' } })
  const base = { currency: 'GBP', period: 'rolling', kind: 'individual', public: true, active: true } as const
  tier = (await payload.create({ collection: 'tiers', data: { ...base, name: 'Personal', fee: 500, graceDays: 30 } })) as Tier
  noGrace = (await payload.create({ collection: 'tiers', data: { ...base, name: 'Strict', fee: 500, graceDays: 0 } })) as Tier
})

afterAll(async () => {
  await smtp?.close()
})

const stored = (m: Membership) => payload.findByID({ collection: 'memberships', id: m.id, depth: 0 }) as Promise<Membership>

describe('membership expiry by date', () => {
  it('moves ended memberships into grace, lapses them after the grace days with the lapsed email, and leaves current ones', async () => {
    const current = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(now, 3) })
    const ended = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(now, -2) })
    const inGrace = await memberWithMembership(payload, tier, { status: 'grace', periodEnd: daysFrom(now, -10) })
    const graceOver = await memberWithMembership(payload, tier, { status: 'grace', periodEnd: daysFrom(now, -31) })
    const strict = await memberWithMembership(payload, noGrace, { status: 'active', periodEnd: daysFrom(now, -1) })

    const report = await runMembershipExpiry(payload, { now })
    expect(report).toEqual({ toGrace: 2, lapsed: 2 })

    expect((await stored(current.membership)).status).toBe('active')
    expect((await stored(inGrace.membership)).status).toBe('grace')
    const graced = await stored(ended.membership)
    expect(graced.status).toBe('grace')
    expect(graced.history!.at(-1)).toMatchObject({ from: 'active', to: 'grace', cause: 'job' })
    const lapsed = await stored(graceOver.membership)
    expect(lapsed.status).toBe('lapsed')
    expect(lapsed.history!.at(-1)).toMatchObject({ from: 'grace', to: 'lapsed', cause: 'job', reason: 'The 30 days of grace ended without a renewal.' })
    // a tier without grace days goes straight through grace to lapsed in one run
    expect((await stored(strict.membership)).history!.slice(-2).map((h) => h.to)).toEqual(['grace', 'lapsed'])

    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(graceOver.user.email) && /lapsed/.test(m.subject ?? ''))
    expect(mail.subject).toBe('Your Test Alliance membership has lapsed')
    expect(mail.text).toContain('Personal')
    expect(smtp.messages.some((m) => m.envelope.to.includes(ended.user.email) && /lapsed/.test(m.subject ?? ''))).toBe(false)

    // running again changes nothing
    expect(await runMembershipExpiry(payload, { now })).toEqual({ toGrace: 0, lapsed: 0 })
    expect((await stored(graceOver.membership)).history).toHaveLength(lapsed.history!.length)
  })

  it('two runners at once move each membership once', async () => {
    const due = await Promise.all(Array.from({ length: 6 }, () => memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(now, -1) })))
    const [a, b] = await Promise.all([runMembershipExpiry(payload, { now }), runMembershipExpiry(payload, { now })])
    expect(a.toGrace + b.toGrace).toBe(6)
    for (const { membership } of due) {
      const history = (await stored(membership)).history!
      expect(history.filter((h) => h.to === 'grace')).toHaveLength(1)
    }
  })
})
