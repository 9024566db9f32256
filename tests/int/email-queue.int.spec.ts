import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Notification, Tier, User } from '@payload-types'

import { EMAIL_TEMPLATE_KEYS } from '@/email/templates'
import { drizzleOf, sql, tableOf } from '@/lib/db'

import { releaseStuckJobs } from '../../jobs/health'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { bootPayload, confirmSignUpEmail, createUser, rest, sendQueuedEmails, uniqueEmail } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let smtpPort: number
let admin: { user: User; token: string }
let treasurer: { user: User; token: string }
let reviewed: Tier

beforeAll(async () => {
  smtp = await startSmtpCapture()
  smtpPort = smtp.port
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Test Alliance', staffNotificationEmail: 'committee@alliance.example' } })
  admin = await createUser(payload, ['admin', 'member'])
  treasurer = await createUser(payload, ['treasurer', 'member'])
  reviewed = (await payload.create({
    collection: 'tiers',
    data: { name: 'Corporate', fee: 10000, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true, requiresApproval: true },
  })) as Tier
})

afterAll(async () => {
  await smtp?.close()
})

const notificationsTo = async (email: string) =>
  (await payload.find({ collection: 'notifications', where: { recipient: { equals: email } }, sort: 'createdAt', depth: 0, pagination: false })).docs as Notification[]

const register = async (firstName = 'Robin') => {
  const email = uniqueEmail('joiner')
  const res = await rest('POST', '/users', { body: { email, password: 'Joiner-password-1', firstName, lastName: 'Joiner', acceptPrivacyPolicy: true } })
  expect(res.status).toBe(201)
  const { token, user } = await payload.login({ collection: 'users', data: { email, password: 'Joiner-password-1' } })
  // they open the link emailed at sign-up (tests/int/email-verification.int.spec.ts), and are welcomed
  await confirmSignUpEmail(payload, email)
  return { email, token: token!, id: user!.id as number }
}

describe('templates', () => {
  it('seeds a default for every template, which an admin can read and edit', async () => {
    const { docs } = await payload.find({ collection: 'email-templates', pagination: false, depth: 0 })
    expect(docs.map((d) => d.key).sort()).toEqual([...EMAIL_TEMPLATE_KEYS].sort())
    const list = await rest('GET', '/email-templates?limit=100', { token: admin.token })
    expect(list.body.totalDocs).toBe(EMAIL_TEMPLATE_KEYS.length)
    const member = await createUser(payload, ['member'])
    expect((await rest('GET', '/email-templates', { token: member.token })).status).toBe(403)
  })

  it('sends what the admin wrote, with variables filled in and unknown ones empty', async () => {
    const welcome = (await payload.find({ collection: 'email-templates', where: { key: { equals: 'welcome' } }, depth: 0 })).docs[0]!
    const edited = await rest('PATCH', `/email-templates/${welcome.id}`, {
      token: admin.token,
      body: { subject: 'Hello {{member.firstName}}{{member.shoeSize}} from {{organisation.name}}', body: 'Dear {{ member.firstName }},\n\nSee {{links.portal}}.\n\n<b>bold?</b>' },
    })
    expect(edited.status).toBe(200)
    const { email } = await register('<Ada>')
    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && !/confirm/i.test(m.subject ?? ''))
    expect(mail.subject).toBe('Hello <Ada> from Test Alliance')
    expect(mail.text).toContain('Dear <Ada>,')
    expect(mail.html).toContain('Dear &lt;Ada&gt;,')
    expect(mail.html).toContain('&lt;b&gt;bold?&lt;/b&gt;')
    expect(mail.html).toMatch(/<a [^>]*href="http:\/\/localhost:3000\/account"/)
    expect(mail.html).toContain('Test Alliance')
    // the key is fixed: a template cannot be turned into another
    expect((await rest('PATCH', `/email-templates/${welcome.id}`, { token: admin.token, body: { key: 'sign-in-link' } })).status).toBe(200)
    expect((await payload.findByID({ collection: 'email-templates', id: welcome.id, depth: 0 })).key).toBe('welcome')
    await payload.update({ collection: 'email-templates', id: welcome.id, data: { subject: 'Welcome to {{organisation.name}}, {{member.firstName}}' } })
  })
})

describe('sending through the queue', () => {
  it('logs every email in notifications: queued with the change, sent with the SMTP message id', async () => {
    const { email, id } = await register()
    const welcome = async () => (await notificationsTo(email)).filter((n) => n.template === 'welcome')
    const [queued] = await welcome()
    expect(queued).toMatchObject({ template: 'welcome', status: 'queued', attempts: 0, relatedTo: { relationTo: 'users', value: id } })
    expect(smtp.messages.some((m) => m.envelope.to.includes(email))).toBe(false)

    await sendQueuedEmails(payload)
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && /Welcome/.test(m.subject ?? ''))
    expect(mail.subject).toBe('Welcome to Test Alliance, Robin')
    const [sent] = await welcome()
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, error: null })
    expect(sent!.messageId).toBe(mail.messageId)
    expect(sent!.sentAt).toBeTruthy()

    // staff can read the log; a member cannot
    expect((await rest('GET', `/notifications/${sent!.id}`, { token: treasurer.token })).status).toBe(200)
    expect((await rest('GET', `/notifications/${sent!.id}`, { token: (await createUser(payload, ['member'])).token })).status).toBe(403)
  })

  it('application received, staff notice, approval with the price, receipt and payment notice', async () => {
    const applicant = await register('Avery')
    const application = await rest('POST', '/memberships?depth=0', { token: applicant.token, body: { tier: reviewed.id } })
    expect(application.body.doc.status).toBe('applied')
    const approve = await rest('POST', `/memberships/${application.body.doc.id}/transition`, { token: admin.token, body: { to: 'approved' } })
    expect(approve.status).toBe(200)
    const cash = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: application.body.doc.id, method: 'cash', amount: 10000 } })
    expect(cash.status).toBe(201)
    await sendQueuedEmails(payload)

    const toApplicant = (await notificationsTo(applicant.email)).map((n) => [n.template, n.status])
    expect(toApplicant).toEqual([
      ['verify-email', 'sent'],
      ['welcome', 'sent'],
      ['application-received', 'sent'],
      ['application-approved', 'sent'],
      ['payment-receipt', 'sent'],
    ])
    const approved = await smtp.waitFor((m) => m.envelope.to.includes(applicant.email) && /approved/.test(m.subject ?? ''))
    expect(approved.text).toContain('£100.00')
    const receipt = await smtp.waitFor((m) => m.envelope.to.includes(applicant.email) && /receipt/i.test(m.subject ?? ''))
    expect(receipt.subject).toContain(cash.body.doc.receiptNumber)
    expect(receipt.text).toContain('£100.00')

    const toStaff = (await notificationsTo('committee@alliance.example')).filter((n) => n.text?.includes('Avery'))
    expect(toStaff.map((n) => n.template)).toEqual(['admin-new-application', 'admin-new-payment'])
    expect(toStaff[0]!.text).toContain(`/admin/collections/memberships/${application.body.doc.id}`)
  })

  it('a change that is refused queues nothing', async () => {
    const applicant = await register('Twice')
    await rest('POST', '/memberships', { token: applicant.token, body: { tier: reviewed.id } })
    const before = (await payload.count({ collection: 'notifications' })).totalDocs
    const again = await rest('POST', '/memberships', { token: applicant.token, body: { tier: reviewed.id } })
    expect(again.status).toBe(409)
    expect((await payload.count({ collection: 'notifications' })).totalDocs).toBe(before)
  })

  it('with SMTP down an email stays queued with the error, and goes out once SMTP is back: nothing is lost', async () => {
    await sendQueuedEmails(payload)
    await smtp.close()
    const { email } = await register('Offline')
    const down = await sendQueuedEmails(payload)
    expect(down.jobStatus).toBeDefined()
    const [waiting] = await notificationsTo(email)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(waiting!.error).toMatch(/ECONNREFUSED|connect/i)

    // the job is kept for a retry later (backoff), not dropped
    const jobs = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'sendEmail' } }, depth: 0, pagination: false })
    const retry = jobs.docs.find((job) => (job.input as { notification: number }).notification === waiting!.id)!
    expect(retry).toBeDefined()
    expect(retry.hasError).not.toBe(true)
    expect(new Date(retry.waitUntil!).getTime()).toBeGreaterThan(Date.now())

    smtp = await startSmtpCapture({ port: smtpPort })
    // time passes: the retry is due
    await payload.update({ collection: 'payload-jobs', id: retry.id, data: { waitUntil: new Date(Date.now() - 1000).toISOString() } })
    await sendQueuedEmails(payload)
    await smtp.waitFor((m) => m.envelope.to.includes(email))
    const [sent] = await notificationsTo(email)
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('a job a crashed process left "processing" is picked up again', async () => {
    const { email } = await register('Stuck')
    const [notification] = await notificationsTo(email)
    const job = (await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'sendEmail' } }, depth: 0, pagination: false })).docs.find(
      (j) => (j.input as { notification: number }).notification === notification!.id,
    )!
    // the process died mid-run an hour ago: the job is still marked processing
    await drizzleOf(payload)
      .update(tableOf(payload, 'payload-jobs'))
      .set({ processing: true, updatedAt: new Date(Date.now() - 3_600_000).toISOString() })
      .where(sql`id = ${job.id}`)
      .returning()
    await sendQueuedEmails(payload)
    expect((await notificationsTo(email))[0]!.status).toBe('queued') // the queue skips it

    expect(await releaseStuckJobs(payload)).toBe(1)
    await sendQueuedEmails(payload)
    await smtp.waitFor((m) => m.envelope.to.includes(email))
    expect((await notificationsTo(email))[0]!.status).toBe('sent')
  })
})
