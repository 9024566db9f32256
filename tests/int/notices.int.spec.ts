import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Notice, Tier, User } from '@payload-types'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest, sendQueuedEmails } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let personal: Tier
let corporate: Tier
let secretary: { user: User; token: string }
const now = new Date()

const richText = (text: string) => ({
  root: { type: 'root', direction: null, format: '', indent: 0, version: 1, children: [{ type: 'paragraph', direction: null, format: '', indent: 0, version: 1, children: [{ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' }] }] },
})

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Test Alliance' } })
  const tier = { currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } as const
  personal = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Personal', fee: 500 } })) as Tier
  corporate = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Corporate', fee: 10000, kind: 'organisation', seats: 2 } })) as Tier
  secretary = await createUser(payload, ['secretary', 'member'])
})

afterAll(async () => {
  await smtp?.close()
})

const post = (data: Record<string, unknown>) =>
  rest('POST', '/notices?depth=0', { token: secretary.token, body: { title: 'Runway closed', body: richText('Runway 04/22 is closed from 3 to 7 March.'), audience: 'members', status: 'published', ...data } })
const noticeEmails = async (id: number) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ template: { equals: 'notice' } }, { 'relatedTo.value': { equals: id } }] }, pagination: false, depth: 0 })).docs
const runEmailQueue = async () => {
  await sendQueuedEmails(payload) // the notice job queues one email each
  await sendQueuedEmails(payload) // which are then sent
}

describe('notices', () => {
  it('publishing with "email the audience" emails each member once, including seat holders, never the lapsed', async () => {
    const active = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const lapsed = await memberWithMembership(payload, personal, { status: 'lapsed', periodEnd: daysFrom(now, -100) })
    const company = await memberWithMembership(payload, corporate, { status: 'active', periodEnd: daysFrom(now, 100) })
    await payload.update({ collection: 'memberships', id: company.membership.id, data: { seatHolders: [{ email: 'mechanic@hangar-three.example' }] } })

    const res = await post({ emailAudience: true })
    expect(res.status).toBe(201)
    const notice = res.body.doc as Notice
    expect(notice.emailQueuedAt).toBeTruthy()
    await runEmailQueue()
    const recipients = (await noticeEmails(notice.id)).map((n) => n.recipient).sort()
    expect(recipients).toEqual(expect.arrayContaining([active.user.email, company.user.email, 'mechanic@hangar-three.example']))
    expect(recipients).not.toContain(lapsed.user.email)
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('mechanic@hangar-three.example'))
    expect(mail.subject).toBe('Runway closed')
    expect(mail.text).toContain('Dear member,')
    expect(mail.text).toContain('Runway 04/22 is closed from 3 to 7 March.')

    // saving again, or saving twice at once, sends nothing more
    await Promise.all([
      rest('PATCH', `/notices/${notice.id}`, { token: secretary.token, body: { title: 'Runway closed (updated)' } }),
      rest('PATCH', `/notices/${notice.id}`, { token: secretary.token, body: { emailAudience: true } }),
    ])
    await runEmailQueue()
    expect((await noticeEmails(notice.id)).length).toBe(recipients.length)
  })

  it('a tier notice reaches only that tier; drafts and future notices are not shown or sent', async () => {
    const personalMember = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100) })
    const company = await memberWithMembership(payload, corporate, { status: 'active', periodEnd: daysFrom(now, 100) })
    const tierNotice = (await post({ title: 'Corporate briefing', audience: 'tiers', audienceTiers: [corporate.id], emailAudience: true })).body.doc as Notice
    const draft = (await post({ title: 'Draft', status: 'draft', emailAudience: true })).body.doc as Notice
    const later = (await post({ title: 'Next month', publishAt: daysFrom(now, 30).toISOString(), audience: 'public' })).body.doc as Notice
    const open = (await post({ title: 'Open day', audience: 'public' })).body.doc as Notice
    await runEmailQueue()

    const tierRecipients = (await noticeEmails(tierNotice.id)).map((n) => n.recipient)
    expect(tierRecipients).toContain(company.user.email)
    expect(tierRecipients).not.toContain(personalMember.user.email)
    expect(draft.emailQueuedAt ?? null).toBeNull()
    expect(await noticeEmails(draft.id)).toHaveLength(0)

    const seen = async (token?: string) => (await rest('GET', '/notices?limit=100&depth=0', { token })).body.docs.map((n: Notice) => n.id)
    const visitor = await seen()
    expect(visitor).toContain(open.id)
    expect(visitor).not.toContain(later.id)
    expect(visitor).not.toContain(tierNotice.id)
    expect(await seen(personalMember.token)).not.toContain(tierNotice.id)
    expect(await seen(company.token)).toContain(tierNotice.id)
    expect(await seen(company.token)).not.toContain(draft.id)
  })
})
