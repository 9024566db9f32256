/**
 * The inquiry inbox (issue 18; SPEC §14; seed 001 F03.02.12-17): the public form and its limits,
 * assignment with its log and email, replies from response templates through the queue, the
 * follow-up reminder that fires once, and conversion to a member with the invitation. Emails are
 * read as their recipients read them: from the local SMTP capture.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Inquiry, Tier, User } from '@payload-types'

import { runInquiryFollowUps } from '@/inquiries/followUp'
import { INQUIRY_ANSWER } from '@/inquiries/intake'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let secretary: { user: User; token: string }
let coordinator: { user: User; token: string }
let member: { user: User; token: string }

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  ;[secretary, coordinator, member] = await Promise.all([createUser(payload, ['secretary', 'member']), createUser(payload, ['events', 'member']), createUser(payload, ['member'])])
})

afterAll(async () => {
  await smtp?.close()
})

let octet = 0
/** A different client address for each request, unless a test wants the same one. */
const from = (address = `203.0.113.${++octet % 250}`) => ({ 'x-hangar-peer-address': address })

const question = (overrides: Record<string, unknown> = {}) => ({
  name: 'Sam Taylor',
  email: uniqueEmail('Visitor').replace('visitor', 'Visitor'),
  subject: 'Joining as a student pilot',
  message: 'Is there a discount for students?',
  type: 'joining',
  ...overrides,
})
const ask = (body: unknown, headers: Record<string, string> = from()) => rest('POST', '/inquiries', { body, headers })

async function deliver() {
  await payload.jobs.run({ queue: 'email', limit: 200 })
}

const inquiriesFrom = async (email: string) =>
  (await payload.find({ collection: 'inquiries', where: { email: { equals: email.toLowerCase() } }, depth: 0, sort: 'createdAt' })).docs as Inquiry[]

const notificationsTo = async (email: string, template: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email.toLowerCase() } }, { template: { equals: template } }] }, depth: 0 })).docs

async function newInquiry(overrides: Record<string, unknown> = {}): Promise<Inquiry> {
  const body = question(overrides)
  const res = await ask(body)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return (await inquiriesFrom(body.email as string)).at(-1)!
}

describe('the public form (POST /api/inquiries)', () => {
  it('opens an inquiry with the email lower-cased, starts the thread and the follow-up clock, and acknowledges it by email', async () => {
    const body = question()
    const res = await ask(body)
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ message: INQUIRY_ANSWER })
    const [inquiry] = await inquiriesFrom(body.email as string)
    expect(inquiry).toMatchObject({ email: (body.email as string).toLowerCase(), status: 'new', type: 'joining', subject: body.subject })
    expect(inquiry!.messages).toHaveLength(1)
    expect(inquiry!.messages![0]).toMatchObject({ direction: 'in', body: body.message })
    expect(inquiry!.history![0]).toMatchObject({ from: null, to: 'new', cause: 'visitor' })
    const due = new Date(inquiry!.followUpDue!).getTime() - new Date(inquiry!.createdAt).getTime()
    expect(Math.round(due / 86_400_000)).toBe(5)
    await deliver()
    const mail = await smtp.waitFor((m) => m.envelope.to.includes((body.email as string).toLowerCase()) && /received your question/i.test(m.subject ?? ''))
    expect(mail.text).toContain('Dear Sam Taylor')
    expect(mail.text).toContain('Is there a discount for students?')
  })

  it('answers a filled honeypot as a success and keeps nothing, sends nothing', async () => {
    const body = question({ website: 'http://spam.example' })
    const res = await ask(body)
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ message: INQUIRY_ANSWER })
    expect(await inquiriesFrom(body.email as string)).toHaveLength(0)
    expect(await notificationsTo(body.email as string, 'inquiry-received')).toHaveLength(0)
  })

  it('merges the same email and subject within 5 minutes into one inquiry (sent twice at once too), acknowledged once', async () => {
    const body = question()
    const [a, b] = await Promise.all([ask(body), ask({ ...body, email: (body.email as string).toUpperCase() })])
    expect([a.status, b.status]).toEqual([201, 201])
    const again = await ask({ ...body, message: 'And can I bring my logbook to the open day?' })
    expect(again.status).toBe(201)
    const found = await inquiriesFrom(body.email as string)
    expect(found).toHaveLength(1)
    expect(found[0]!.messages!.map((m) => m.body)).toEqual([body.message, 'And can I bring my logbook to the open day?'])
    expect(await notificationsTo(body.email as string, 'inquiry-received')).toHaveLength(1)
    // another subject is another inquiry
    await ask({ ...body, subject: 'Hangar space' })
    expect(await inquiriesFrom(body.email as string)).toHaveLength(2)
  })

  it('takes 10 an hour from one address, then answers 429 with Retry-After', async () => {
    const address = from('198.18.0.7')
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(question({ subject: `Question ${i}` }), address)))
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201))
    const refused = await ask(question(), address)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body.errors[0].message).toMatch(/too many/i)
    // another address is not affected
    expect((await ask(question())).status).toBe(201)
  })

  it('refuses bad input with a clear 4xx in Payload’s error shape', async () => {
    const missing = await ask({ email: 'not-an-email', type: 'complaints', name: 42 })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toMatch(/your name/)
    expect(missing.body.errors[0].message).toMatch(/valid email/)
    expect(missing.body.errors[0].message).toMatch(/joining, events, volunteering, other/)
    const tooLong = await ask(question({ subject: 'x'.repeat(201) }))
    expect(tooLong.status).toBe(400)
    const notJson = await (await import('./helpers/http')).send('POST', '/api/inquiries', { headers: { 'content-type': 'text/plain', ...from() }, body: 'hello' })
    expect(notJson.status).toBe(415)
    const broken = await (await import('./helpers/http')).send('POST', '/api/inquiries', { headers: { 'content-type': 'application/json', ...from() }, body: '{"name":' })
    expect(broken.status).toBe(400)
    const array = await ask([question()])
    expect(array.status).toBe(400)
  })

  it('takes inquiries through the form alone (not GraphQL), from members too, and shows members and visitors nothing of the inbox', async () => {
    const { graphql } = await import('./helpers/http')
    const mutation = 'mutation { createInquiry(data: { name: "Bot", email: "bot@example.org", subject: "Hi", message: "Hi", type: other }) { id } }'
    for (const token of [undefined, member.token]) {
      const created = await graphql(mutation, {}, token)
      expect(JSON.stringify(created.body)).toMatch(/contact form/i)
    }
    expect(await inquiriesFrom('bot@example.org')).toHaveLength(0)
    // a signed-in member asks through the form like anyone, and gets the same answer (no document)
    const asMember = await rest('POST', '/inquiries', { token: member.token, body: question({ email: member.user.email }), headers: from() })
    expect(asMember.status).toBe(201)
    expect(asMember.body).toEqual({ message: INQUIRY_ANSWER })
    expect(await inquiriesFrom(member.user.email)).toHaveLength(1)
    const inquiry = await newInquiry()
    for (const token of [member.token, undefined]) {
      expect((await rest('GET', '/inquiries', { token })).status).toBe(403)
      expect([403, 404]).toContain((await rest('GET', `/inquiries/${inquiry.id}`, { token })).status)
    }
  })
})

describe('assignment', () => {
  it('the secretary assigns: a new inquiry becomes assigned, the log records it, the assignee is emailed; a reassignment is logged too', async () => {
    const inquiry = await newInquiry()
    const res = await rest('POST', `/inquiries/${inquiry.id}/assign`, { token: secretary.token, body: { assignee: coordinator.user.id, note: 'You run the open days.' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.doc).toMatchObject({ status: 'assigned', assignee: coordinator.user.id })
    expect(res.body.doc.assignments).toHaveLength(1)
    expect(res.body.doc.assignments[0]).toMatchObject({ from: null, to: coordinator.user.id, by: secretary.user.id, note: 'You run the open days.' })
    expect(res.body.doc.history.at(-1)).toMatchObject({ from: 'new', to: 'assigned', by: secretary.user.id, cause: 'assign' })
    await deliver()
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(coordinator.user.email) && (m.subject ?? '').includes(inquiry.subject))
    expect(mail.text).toContain('You run the open days.')
    expect(mail.text).toContain(`/admin/collections/inquiries/${inquiry.id}`)

    const again = await rest('POST', `/inquiries/${inquiry.id}/assign`, { token: secretary.token, body: { assignee: secretary.user.id } })
    expect(again.status).toBe(200)
    expect(again.body.doc.status).toBe('assigned')
    expect(again.body.doc.assignments.map((a: { from: number | null; to: number }) => [a.from, a.to])).toEqual([
      [null, coordinator.user.id],
      [coordinator.user.id, secretary.user.id],
    ])
  })

  it('is refused to members, visitors, for people without a staff role, and for unknown inquiries', async () => {
    const inquiry = await newInquiry()
    const [asMember, asNobody, toMember, unknown, badId, noAssignee] = await Promise.all([
      rest('POST', `/inquiries/${inquiry.id}/assign`, { token: member.token, body: { assignee: secretary.user.id } }),
      rest('POST', `/inquiries/${inquiry.id}/assign`, { body: { assignee: secretary.user.id } }),
      rest('POST', `/inquiries/${inquiry.id}/assign`, { token: secretary.token, body: { assignee: member.user.id } }),
      rest('POST', '/inquiries/999999/assign', { token: secretary.token, body: { assignee: secretary.user.id } }),
      rest('POST', '/inquiries/abc/assign', { token: secretary.token, body: { assignee: secretary.user.id } }),
      rest('POST', `/inquiries/${inquiry.id}/assign`, { token: secretary.token, body: { assignee: 'someone' } }),
    ])
    expect(asMember.status).toBe(403)
    expect(asMember.body.errors[0].message).toMatch(/secretaries/)
    expect(asNobody.status).toBe(401)
    expect(toMember.status).toBe(400)
    expect(unknown.status).toBe(404)
    expect(badId.status).toBe(404)
    expect(noAssignee.status).toBe(400)
    expect((await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })).status).toBe('new')
  })
})

describe('replies from response templates', () => {
  it('fills the best-fitting template (unknown variables empty), sends it through the queue, keeps the thread and marks it responded', async () => {
    await payload.create({ collection: 'inquiry-templates', data: { name: 'Any question', subject: 'Re: {{inquiry.subject}}', body: 'Hello {{contact.name}}, thanks.' } })
    const joining = await payload.create({
      collection: 'inquiry-templates',
      data: { name: 'Joining', inquiryType: 'joining', subject: 'Joining {{organisation.name}}', body: 'Dear {{contact.firstName}},\n\nStudents pay half.{{nonsense.value}}\n\n{{staff.name}}' },
    })
    const inquiry = await newInquiry()
    const preview = await rest('GET', `/inquiries/${inquiry.id}/reply-preview`, { token: secretary.token })
    expect(preview.status).toBe(200)
    expect(preview.body.template).toBe(joining.id)
    expect(preview.body.templates[0].name).toBe('Joining')
    expect(preview.body.body).toBe(`Dear Sam,\n\nStudents pay half.\n\n${secretary.user.firstName} ${secretary.user.lastName}`)

    const res = await rest('POST', `/inquiries/${inquiry.id}/reply`, { token: secretary.token, body: { template: joining.id } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    expect(res.body.doc.status).toBe('responded')
    expect(res.body.doc.followUpDue).toBeNull()
    expect(res.body.doc.messages.at(-1)).toMatchObject({ direction: 'out', by: secretary.user.id, template: joining.id, body: preview.body.body })
    expect(res.body.doc.history.at(-1)).toMatchObject({ from: 'new', to: 'responded', cause: 'reply' })
    await deliver()
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(inquiry.email) && /^Joining/.test(m.subject ?? ''))
    expect(mail.text).toContain('Students pay half.')
    expect(mail.text).not.toContain('{{')

    // the visitor writes again: back in our court
    const followUp = await ask({ name: inquiry.name, email: inquiry.email, subject: inquiry.subject, message: 'Thanks! And the flying club?', type: 'joining' })
    expect(followUp.status).toBe(201)
    const reopened = await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })
    expect(reopened.status).toBe('awaiting_reply')
    expect(reopened.followUpDue).toBeTruthy()
    expect(reopened.messages!.map((m) => m.direction)).toEqual(['in', 'out', 'in'])
  })

  it('prefers a template in the inquiry’s language, and never offers one of another type or language', async () => {
    const welsh = await payload.create({ collection: 'inquiry-templates', data: { name: 'Ymaelodi', inquiryType: 'volunteering', language: 'cy', subject: 'Diolch', body: 'Annwyl {{contact.firstName}}' } })
    const english = await payload.create({ collection: 'inquiry-templates', data: { name: 'Volunteering', inquiryType: 'volunteering', subject: 'Thanks', body: 'Dear {{contact.firstName}}' } })
    const inWelsh = await newInquiry({ type: 'volunteering', language: 'CY' })
    const inEnglish = await newInquiry({ type: 'volunteering' })
    const [cy, en] = await Promise.all([
      rest('GET', `/inquiries/${inWelsh.id}/reply-preview`, { token: secretary.token }),
      rest('GET', `/inquiries/${inEnglish.id}/reply-preview`, { token: secretary.token }),
    ])
    expect(inWelsh.language).toBe('cy')
    expect(cy.body).toMatchObject({ template: welsh.id, body: 'Annwyl Sam' })
    expect(cy.body.templates.map((t: { id: number }) => t.id).slice(0, 2)).toEqual([welsh.id, english.id])
    expect(en.body.template).toBe(english.id)
    expect(en.body.templates.map((t: { id: number }) => t.id)).not.toContain(welsh.id)
    expect(en.body.templates.map((t: { name: string }) => t.name)).not.toContain('Joining')
  })

  it('sends edited words, and refuses an empty reply, an unknown template, wrong types and a closed inquiry', async () => {
    const inquiry = await newInquiry({ type: 'events' })
    const edited = await rest('POST', `/inquiries/${inquiry.id}/reply`, { token: secretary.token, body: { subject: 'About the fly-in', body: 'Yes, visitors are welcome.' } })
    expect(edited.status).toBe(202)
    expect(await notificationsTo(inquiry.email, 'inquiry-reply')).toEqual([expect.objectContaining({ subject: 'About the fly-in' })])
    const [empty, unknown, wrongType] = await Promise.all([
      rest('POST', `/inquiries/${inquiry.id}/reply`, { token: secretary.token, body: { body: '   ' } }),
      rest('POST', `/inquiries/${inquiry.id}/reply`, { token: secretary.token, body: { template: 999999 } }),
      rest('POST', `/inquiries/${inquiry.id}/reply`, { token: secretary.token, body: { body: ['no'] } }),
    ])
    expect([empty.status, unknown.status, wrongType.status]).toEqual([400, 400, 400])
    const closed = await rest('POST', `/inquiries/${inquiry.id}/transition`, { token: secretary.token, body: { to: 'closed_no_response', reason: 'No answer for three weeks' } })
    expect(closed.status).toBe(200)
    const late = await rest('POST', `/inquiries/${inquiry.id}/reply`, { token: secretary.token, body: { body: 'Hello?' } })
    expect(late.status).toBe(400)
    expect(late.body.errors[0].message).toMatch(/closed/i)
  })
})

describe('status changes by hand', () => {
  it('go through the state machine, need a reason to close or mark spam, and are recorded', async () => {
    const inquiry = await newInquiry()
    const noReason = await rest('POST', `/inquiries/${inquiry.id}/transition`, { token: secretary.token, body: { to: 'spam' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors[0].message).toMatch(/reason/)
    const notAllowed = await rest('POST', `/inquiries/${inquiry.id}/transition`, { token: secretary.token, body: { to: 'converted' } })
    expect(notAllowed.status).toBe(400)
    expect(notAllowed.body.errors[0].message).toMatch(/New.*Converted/)
    const unknown = await rest('POST', `/inquiries/${inquiry.id}/transition`, { token: secretary.token, body: { to: 'archived' } })
    expect(unknown.status).toBe(400)
    const spam = await rest('POST', `/inquiries/${inquiry.id}/transition`, { token: secretary.token, body: { to: 'spam', reason: 'Selling sunglasses' } })
    expect(spam.status).toBe(200)
    expect(spam.body.doc.history.at(-1)).toMatchObject({ from: 'new', to: 'spam', by: secretary.user.id, reason: 'Selling sunglasses', cause: 'staff' })
    expect(spam.body.doc.followUpDue).toBeNull()
    // nobody writes a status past the state machine
    const forged = await rest('PATCH', `/inquiries/${inquiry.id}`, { token: secretary.token, body: { status: 'converted', internalNotes: 'checked' } })
    expect(forged.status).toBe(200)
    const stored = await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })
    expect(stored.status).toBe('spam')
    expect(stored.internalNotes).toBe('checked')
  })
})

describe('follow-up reminders', () => {
  it('remind the assignee once after the configured days, even with two runners at once', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { inquiryFollowUpDays: 2 } })
    try {
      const inquiry = await newInquiry({ subject: 'Waiting a while' })
      const unassigned = await newInquiry({ subject: 'Nobody has it' })
      await rest('POST', `/inquiries/${inquiry.id}/assign`, { token: secretary.token, body: { assignee: coordinator.user.id } })
      const now = new Date(Date.now() + 3 * 86_400_000)
      // not yet due a day later
      expect((await runInquiryFollowUps(payload, { now: new Date(Date.now() + 86_400_000) })).sent).toBe(0)
      const [a, b] = await Promise.all([runInquiryFollowUps(payload, { now }), runInquiryFollowUps(payload, { now })])
      expect(a.sent + b.sent).toBe(1)
      expect((await runInquiryFollowUps(payload, { now })).sent).toBe(0)
      const reminders = (await notificationsTo(coordinator.user.email, 'inquiry-follow-up')).filter((n) => n.subject?.includes('Waiting a while'))
      expect(reminders).toHaveLength(1)
      expect(reminders[0]!.text).toContain('more than 2 days')
      expect((await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })).followUpReminderSentAt).toBeTruthy()
      expect((await payload.findByID({ collection: 'inquiries', id: unassigned.id, depth: 0 })).followUpReminderSentAt).toBeFalsy()
      // the hourly job runs the same
      await payload.jobs.queue({ task: 'inquiryFollowUps', queue: 'nightly', input: { now: now.toISOString() } })
      await payload.jobs.run({ queue: 'nightly', limit: 5 })
      expect((await notificationsTo(coordinator.user.email, 'inquiry-follow-up')).filter((n) => n.subject?.includes('Waiting a while'))).toHaveLength(1)
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { inquiryFollowUpDays: 5 } })
    }
  })
})

describe('convert to member', () => {
  let tier: Tier
  beforeAll(async () => {
    tier = (await payload.create({
      collection: 'tiers',
      data: { name: 'Inquiry tier', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, requiresApproval: true },
    })) as Tier
  })

  it('creates the member and an application, links them, marks it converted and sends the invitation; the member signs in with it', async () => {
    const inquiry = await newInquiry({ name: 'Jean de la Tour' })
    const res = await rest('POST', `/inquiries/${inquiry.id}/convert`, { token: secretary.token, body: { tier: tier.id } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ invited: true, linked: false })
    expect(res.body.doc).toMatchObject({ status: 'converted', convertedMember: res.body.member, application: res.body.application })
    const person = await payload.findByID({ collection: 'users', id: res.body.member, depth: 0 })
    expect(person).toMatchObject({ email: inquiry.email, firstName: 'Jean', lastName: 'de la Tour', roles: ['member'] })
    const application = await payload.findByID({ collection: 'memberships', id: res.body.application, depth: 0 })
    expect(application).toMatchObject({ member: person.id, tier: tier.id, status: 'applied' })
    await deliver()
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(inquiry.email) && /account .* is ready/i.test(m.subject ?? ''))
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1]
    expect(token).toBeTruthy()
    const signedIn = await rest('POST', '/users/sign-in-link/confirm', { body: { token }, headers: from() })
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user.email).toBe(inquiry.email)
  })

  it('answers 409 when the email already has an account, naming it, and links the inquiry to it when asked', async () => {
    const inquiry = await newInquiry({ email: member.user.email.toUpperCase() })
    const before = await payload.count({ collection: 'users' })
    const res = await rest('POST', `/inquiries/${inquiry.id}/convert`, { token: secretary.token, body: {} })
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toMatch(/already has an account/)
    expect(res.body.errors[0].data).toMatchObject({ member: member.user.id, linkExisting: true })
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(before.totalDocs)
    expect((await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })).status).toBe('new')
    const linked = await rest('POST', `/inquiries/${inquiry.id}/convert`, { token: secretary.token, body: { linkExisting: true } })
    expect(linked.status).toBe(200)
    expect(linked.body.doc).toMatchObject({ status: 'converted', convertedMember: member.user.id })
    const twice = await rest('POST', `/inquiries/${inquiry.id}/convert`, { token: secretary.token, body: {} })
    expect(twice.status).toBe(400)
  })

  it('refuses members, a one-word name without names given, and a bad tier', async () => {
    const inquiry = await newInquiry({ name: 'Cher' })
    const [asMember, oneWord, badTier] = await Promise.all([
      rest('POST', `/inquiries/${inquiry.id}/convert`, { token: member.token, body: {} }),
      rest('POST', `/inquiries/${inquiry.id}/convert`, { token: secretary.token, body: {} }),
      rest('POST', `/inquiries/${inquiry.id}/convert`, { token: secretary.token, body: { tier: 'gold', lastName: 'X' } }),
    ])
    expect(asMember.status).toBe(403)
    expect(oneWord.status).toBe(400)
    expect(oneWord.body.errors[0].message).toMatch(/last name/)
    expect(badTier.status).toBe(400)
    expect((await payload.findByID({ collection: 'inquiries', id: inquiry.id, depth: 0 })).status).toBe('new')
  })
})
