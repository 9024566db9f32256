import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Tier, User } from '@payload-types'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { bootPayload, createUser, rest, sendQueuedEmails } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let secretary: { user: User; token: string }
let treasurer: { user: User; token: string }
let personal: Tier
let corporate: Tier
let hidden: Tier

const newTier = (data: Partial<Tier>) =>
  payload.create({
    collection: 'tiers',
    data: { fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true, ...data } as Tier,
  })

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Test Alliance', membershipNumberPrefix: 'TA-' } })
  secretary = await createUser(payload, ['secretary', 'member'])
  treasurer = await createUser(payload, ['treasurer', 'member'])
  personal = await newTier({ name: 'Personal' })
  corporate = await newTier({ name: 'Corporate', kind: 'organisation', seats: 5, requiresApproval: true, fee: 10000 })
  hidden = await newTier({ name: 'Honorary', public: false })
})

afterAll(async () => {
  await smtp?.close()
})

const apply = (token: string | undefined, body: Record<string, unknown>) => rest('POST', '/memberships?depth=0', { token, body })
const transition = (token: string | undefined, id: number | string, body: Record<string, unknown>) =>
  rest('POST', `/memberships/${id}/transition`, { token, body })
const stored = (id: number | string) => payload.findByID({ collection: 'memberships', id, depth: 0 }) as Promise<Membership>

describe('applying (POST /api/memberships)', () => {
  it('starts a tier without approval at awaiting_payment, for the applicant, ignoring status and member in the body', async () => {
    const applicant = await createUser(payload, ['member'])
    const other = await createUser(payload, ['member'])
    const res = await apply(applicant.token, { tier: personal.id, member: other.user.id, status: 'active', membershipNumber: 'TA-999999' })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ status: 'awaiting_payment', member: applicant.user.id })
    expect(res.body.doc.membershipNumber ?? null).toBeNull()
    const history = (await stored(res.body.doc.id)).history!
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ from: null, to: 'awaiting_payment', cause: 'member', actor: applicant.user.id })
  })

  it('starts a tier that needs approval at applied', async () => {
    const applicant = await createUser(payload, ['member'])
    const res = await apply(applicant.token, { tier: corporate.id, organisationName: 'Aeroworks Ltd' })
    expect(res.status).toBe(201)
    expect(res.body.doc.status).toBe('applied')
  })

  it('refuses a second open membership of the same tier with 409, even when sent twice at once', async () => {
    const applicant = await createUser(payload, ['member'])
    const results = await Promise.all([apply(applicant.token, { tier: personal.id }), apply(applicant.token, { tier: personal.id })])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses[0]).toBe(201)
    expect(statuses[1]).toBe(409)
    const again = await apply(applicant.token, { tier: personal.id })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already has an open Personal membership/)
    const count = await payload.count({ collection: 'memberships', where: { member: { equals: applicant.user.id }, tier: { equals: personal.id } } })
    expect(count.totalDocs).toBe(1)
  })

  it('five applications for one tier sent at once: one is created, the other four get 409 with a message, never the internal field', async () => {
    const applicant = await createUser(payload, ['member'])
    const results = await Promise.all(Array.from({ length: 5 }, () => apply(applicant.token, { tier: personal.id })))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([201, 409, 409, 409, 409])
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.errors).toHaveLength(1)
      expect(refused.body.errors[0].message).toMatch(/already has an open (Personal )?membership/)
      expect(JSON.stringify(refused.body)).not.toMatch(/openKey/i)
    }
    const count = await payload.count({ collection: 'memberships', where: { member: { equals: applicant.user.id }, tier: { equals: personal.id } } })
    expect(count.totalDocs).toBe(1)
  })

  it('refuses visitors, unknown tiers and tiers not offered publicly', async () => {
    expect((await apply(undefined, { tier: personal.id })).status).toBe(403)
    const applicant = await createUser(payload, ['member'])
    const unknown = await apply(applicant.token, { tier: 999999 })
    expect(unknown.status).toBe(400)
    const missing = await apply(applicant.token, {})
    expect(missing.status).toBe(400)
    const notOffered = await apply(applicant.token, { tier: hidden.id })
    expect(notOffered.status).toBe(400)
    expect(notOffered.body.errors[0].message).toMatch(/not open for applications/)
    expect((await payload.count({ collection: 'memberships', where: { member: { equals: applicant.user.id } } })).totalDocs).toBe(0)
  })

  it('lets the secretary make a membership of a non-public tier for a member', async () => {
    const member = await createUser(payload, ['member'])
    const res = await apply(secretary.token, { tier: hidden.id, member: member.user.id })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ member: member.user.id, status: 'awaiting_payment' })
    expect((await stored(res.body.doc.id)).history![0]).toMatchObject({ cause: 'admin', actor: secretary.user.id })
  })

  it('never lets anyone, not even a superuser, set the status directly', async () => {
    const superuser = await createUser(payload, ['superuser', 'member'])
    const member = await createUser(payload, ['member'])
    const created = await apply(superuser.token, { tier: personal.id, member: member.user.id })
    const patch = await rest('PATCH', `/memberships/${created.body.doc.id}`, { token: superuser.token, body: { status: 'active' } })
    expect(patch.status).toBe(200)
    expect((await stored(created.body.doc.id)).status).toBe('awaiting_payment')
  })
})

describe('transitions (POST /api/memberships/:id/transition)', () => {
  async function application(tier: Tier) {
    const applicant = await createUser(payload, ['member'])
    const res = await apply(applicant.token, { tier: tier.id, organisationName: tier.kind === 'organisation' ? 'Aeroworks Ltd' : undefined })
    return { applicant, id: res.body.doc.id as number }
  }

  it('approving moves an application on to awaiting payment, with both steps in the history', async () => {
    const { id } = await application(corporate)
    const res = await transition(secretary.token, id, { to: 'approved' })
    expect(res.status).toBe(200)
    expect(res.body.doc.status).toBe('awaiting_payment')
    const history = (await stored(id)).history!
    expect(history.map((h) => [h.from, h.to, h.cause])).toEqual([
      [null, 'applied', 'member'],
      ['applied', 'approved', 'admin'],
      ['approved', 'awaiting_payment', 'system'],
    ])
    expect(history[1]!.actor).toBe(secretary.user.id)
  })

  it('rejecting needs a reason, which the applicant receives by email', async () => {
    const { applicant, id } = await application(corporate)
    const noReason = await transition(secretary.token, id, { to: 'rejected' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors[0].message).toMatch(/needs a reason/)
    expect((await stored(id)).status).toBe('applied')

    const res = await transition(secretary.token, id, { to: 'rejected', reason: 'We only admit businesses based at the airport.' })
    expect(res.status).toBe(200)
    expect(res.body.doc.status).toBe('rejected')
    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(applicant.user.email) && m.subject === 'Your application to Test Alliance')
    expect(mail.text).toContain('We only admit businesses based at the airport.')
    expect((await stored(id)).history!.at(-1)).toMatchObject({ to: 'rejected', reason: 'We only admit businesses based at the airport.' })
  })

  it('refuses a transition the lifecycle does not allow with a 400 naming both statuses, changing nothing', async () => {
    const { id } = await application(personal)
    const res = await transition(secretary.token, id, { to: 'lapsed', reason: 'testing' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toBe('A membership cannot go from "awaiting_payment" to "lapsed".')
    const after = await stored(id)
    expect(after.status).toBe('awaiting_payment')
    expect(after.history).toHaveLength(1)
  })

  it('refuses an unknown status, a missing membership, members and the treasurer', async () => {
    const { applicant, id } = await application(personal)
    expect((await transition(secretary.token, id, { to: 'frozen' })).status).toBe(400)
    expect((await transition(secretary.token, id, {})).status).toBe(400)
    expect((await transition(secretary.token, 999999, { to: 'cancelled', reason: 'x' })).status).toBe(404)
    expect((await transition(applicant.token, id, { to: 'cancelled', reason: 'x' })).status).toBe(403)
    expect((await transition(treasurer.token, id, { to: 'cancelled', reason: 'x' })).status).toBe(403)
    expect((await transition(undefined, id, { to: 'cancelled', reason: 'x' })).status).toBe(401)
    expect((await stored(id)).status).toBe('awaiting_payment')
  })

  it('a manual activation sets a 12-month period and a numbered membership; numbers are never reused', async () => {
    const first = await application(personal)
    const second = await application(personal)
    const a = await transition(secretary.token, first.id, { to: 'active', reason: 'Paid in cash at the AGM' })
    const b = await transition(secretary.token, second.id, { to: 'active', reason: 'Honorary member' })
    expect(a.status).toBe(200)
    expect(a.body.doc.membershipNumber).toMatch(/^TA-\d{6}$/)
    expect(b.body.doc.membershipNumber).not.toBe(a.body.doc.membershipNumber)
    const start = new Date(a.body.doc.periodStart)
    const end = new Date(a.body.doc.periodEnd)
    expect(end.getUTCFullYear() - start.getUTCFullYear()).toBe(1)
    expect(end.getUTCMonth()).toBe(start.getUTCMonth())

    // a cancelled membership keeps its number; the next member gets a new one
    await transition(secretary.token, first.id, { to: 'cancelled', reason: 'Moved away' })
    const third = await application(personal)
    const c = await transition(secretary.token, third.id, { to: 'active', reason: 'Paid by cheque' })
    expect([a.body.doc.membershipNumber, b.body.doc.membershipNumber]).not.toContain(c.body.doc.membershipNumber)
    expect((await stored(first.id)).membershipNumber).toBe(a.body.doc.membershipNumber)
    // the admin panel lists it by tier, name and number
    expect((await stored(second.id)).title).toMatch(new RegExp(`^Personal · Test member · ${b.body.doc.membershipNumber}$`))
  })

  it('once cancelled, the member may apply for the same tier again', async () => {
    const { applicant, id } = await application(personal)
    await transition(secretary.token, id, { to: 'cancelled', reason: 'Changed their mind' })
    expect((await apply(applicant.token, { tier: personal.id })).status).toBe(201)
  })
})

describe('reading memberships', () => {
  it('a member sees only their own, without internal notes', async () => {
    const mine = await createUser(payload, ['member'])
    const created = await apply(mine.token, { tier: personal.id })
    await payload.update({ collection: 'memberships', id: created.body.doc.id, data: { internalNotes: 'Prefers post' } })
    const list = await rest('GET', '/memberships', { token: mine.token })
    expect(list.body.docs.map((d: { id: number }) => d.id)).toEqual([created.body.doc.id])
    expect(list.body.docs[0]).not.toHaveProperty('internalNotes')
    expect(list.body.docs[0]).not.toHaveProperty('openKey')
    const bySecretary = await rest('GET', `/memberships/${created.body.doc.id}`, { token: secretary.token })
    expect(bySecretary.body.internalNotes).toBe('Prefers post')
  })
})
