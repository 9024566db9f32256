/**
 * Renewing from the email (issue 17, point 4): the personal link in renewal reminders and the
 * lapsed email (src/membership/renewalLinks.ts), and the "Renew" press behind it
 * (src/membership/renewByLink.ts, `POST /api/memberships/renew-by-link`): straight to the payment
 * when signed in as the member; signed in and on to the payment on a browser that has signed in to
 * the account before; anywhere else, only after a code emailed to the member. Emails are read from
 * the local SMTP capture, as the member reads them.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Payment, SignInEvent, Tier, User } from '@payload-types'

import { runRenewalReminders } from '../../jobs/renewalReminders'
import { systemRequest } from '@/lib/transaction'
import { findRenewal, renewalLinkToken, RENEWAL_LINK_DAYS_AFTER_LAPSE } from '@/membership/renewalLinks'
import { transitionMembership } from '@/membership/transitions'
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_DAYS, knownDevicePerson, knownDeviceValue } from '@/security/knownDevice'
import { THROTTLE_RULES } from '@/security/throttle'

import type { SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { daysFrom, memberWithMembership } from './helpers/memberships'
import { PASSWORD, bootPayload, rest, sendQueuedEmails } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture
let tier: Tier

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

afterAll(async () => {
  await smtp?.close()
})

let octet = 0
/** A different client address for each request, unless a test wants the same one. */
const from = (address = `203.0.113.${++octet % 250}`) => ({ 'x-hangar-peer-address': address })

const press = (body: unknown, options: { token?: string; cookie?: string; headers?: Record<string, string> } = {}) =>
  rest('POST', '/memberships/renew-by-link', {
    body,
    token: options.token,
    headers: { ...(options.headers ?? from()), ...(options.cookie ? { cookie: options.cookie } : {}) },
  })
const deviceCookie = (person: number) => `${KNOWN_DEVICE_COOKIE}=${knownDeviceValue(payload, person)}`
const sessionOf = (headers: Headers) => /payload-token=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1]
const eventsOf = async (id: number) =>
  (await payload.find({ collection: 'sign-in-events', where: { person: { equals: id } }, sort: '-createdAt', depth: 0, limit: 20 })).docs as SignInEvent[]
const paymentsFor = async (membership: Membership) =>
  (await payload.find({ collection: 'payments', where: { membership: { equals: membership.id } }, depth: 0, pagination: false })).docs as Payment[]

/** A member whose membership ends in `days` (negative: ended, in grace), with the link their email would carry. */
async function renewing(days: number, status: Membership['status'] = days > 0 ? 'active' : 'grace') {
  const held = await memberWithMembership(payload, tier, { status, periodEnd: daysFrom(new Date(), days) })
  const token = renewalLinkToken(payload, { membership: held.membership, member: held.user, tier })
  return { ...held, token }
}

/** The newest email to `email` whose subject matches, after `after` messages. */
const mailTo = (email: string, subject: RegExp, after = 0) => smtp.waitFor((m) => m.envelope.to.includes(email) && subject.test(m.subject ?? '') && smtp.messages.indexOf(m) >= after, 5000)

describe('the link in the emails', () => {
  it('a renewal reminder carries the member’s own link, which works until the end of the grace period', async () => {
    const { user, membership } = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(new Date(), 30) })
    const before = smtp.messages.length
    expect((await runRenewalReminders(payload, { today: daysFrom(new Date(membership.periodEnd!), -30) })).queued).toBeGreaterThanOrEqual(1)
    await sendQueuedEmails(payload)
    const mail = await mailTo(user.email, /renew/i, before)
    const token = /\/renew\/([0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1]
    expect(token, mail.text).toBeTruthy()
    const renewal = await findRenewal(payload, token)
    expect(renewal?.membership.id).toBe(membership.id)
    expect(renewal?.member.id).toBe(user.id)
    expect(renewal?.payable).toBe(true)
    // the end of the period plus the tier's 30 days of grace
    expect(Math.abs(renewal!.expiresAt.getTime() - daysFrom(new Date(membership.periodEnd!), 30).getTime())).toBeLessThan(1000)
    // and it has stopped working after that
    expect(await findRenewal(payload, token, undefined, daysFrom(new Date(membership.periodEnd!), 30.01))).toBeNull()
  })

  it('the lapsed email carries a link that works for some weeks after the lapse', async () => {
    const { user, membership } = await memberWithMembership(payload, tier, { status: 'grace', periodEnd: daysFrom(new Date(), -31) })
    const before = smtp.messages.length
    const req = await systemRequest(payload)
    await transitionMembership(req, { membership, to: 'lapsed', cause: 'job' })
    await sendQueuedEmails(payload)
    const mail = await mailTo(user.email, /lapsed/i, before)
    const token = /\/renew\/(\S+)/.exec(mail.text ?? '')?.[1]
    const renewal = await findRenewal(payload, token)
    expect(renewal?.membership.status).toBe('lapsed')
    expect(renewal?.payable).toBe(true)
    expect(Math.abs(renewal!.expiresAt.getTime() - daysFrom(new Date(), RENEWAL_LINK_DAYS_AFTER_LAPSE).getTime())).toBeLessThan(60_000)
  })

  it('stops working when it was tampered with, has expired, the address changed or the membership changed hands', async () => {
    const a = await renewing(10)
    const b = await renewing(10)
    const [id, expires, mac] = a.token.split('.')
    const forged = [
      `${b.membership.id}.${expires}.${mac}`, // another membership
      `${id}.${(parseInt(expires!, 36) + 86_400 * 365).toString(36)}.${mac}`, // a later expiry
      `${id}.${expires}.${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`,
      `${id}.${expires}`,
      'not-a-token',
    ]
    const jwt = await tokenOf(a.user)
    for (const token of forged) {
      const res = await press({ token, provider: 'dummy' }, { token: jwt })
      expect(res.status, token).toBe(404)
    }
    // a grace period that is over
    const over = await renewing(-40, 'grace')
    expect(await findRenewal(payload, over.token)).toBeNull()
    // the member changed address: links sent to the old one stop
    await payload.update({ collection: 'users', id: b.user.id, data: { email: `moved.${b.user.email}` }, depth: 0 })
    expect(await findRenewal(payload, b.token)).toBeNull()
    // the membership went to someone else
    await payload.update({ collection: 'memberships', id: a.membership.id, data: { member: b.user.id }, depth: 0 })
    expect(await findRenewal(payload, a.token)).toBeNull()
  })
})

/** A fresh JWT for a member (as a password sign-in gives). */
async function tokenOf(user: User): Promise<string> {
  return (await payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })).token!
}

describe('pressing "Renew"', () => {
  it('signed in as the member: straight to the payment for that membership, no new session, no email', async () => {
    const { user, membership, token } = await renewing(7)
    const before = smtp.messages.length
    const res = await press({ token, provider: 'dummy' }, { token: await tokenOf(user) })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.outcome).toBe('checkout')
    expect(res.body.next).toBe(`/pay/dummy/${res.body.payment}`)
    expect(sessionOf(res.headers)).toBeUndefined()
    const [payment] = await paymentsFor(membership)
    expect(payment).toMatchObject({ id: res.body.payment, status: 'pending', amount: 500, currency: 'GBP', method: 'dummy' })
    await sendQueuedEmails(payload)
    expect(smtp.messages.slice(before).some((m) => m.envelope.to.includes(user.email) && /sign-in/i.test(m.subject ?? ''))).toBe(false)
    // pressing again finds the same payment waiting
    const again = await press({ token, provider: 'dummy' }, { token: await tokenOf(user) })
    expect(again.body.payment).toBe(res.body.payment)
  })

  it('on a browser that has signed in to the account before: signs the member in and goes to the payment', async () => {
    const { user, membership, token } = await renewing(-3)
    // a password sign-in through the API marks the browser as known
    const login = await rest('POST', '/users/login', { body: { email: user.email, password: PASSWORD }, headers: from() })
    expect(login.status).toBe(200)
    const device = new RegExp(`${KNOWN_DEVICE_COOKIE}=([^;]+)`).exec(login.headers.get('set-cookie') ?? '')?.[1]
    expect(device).toBeTruthy()
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i)

    // later, the session over, the member opens the link on that browser
    const res = await press({ token, provider: 'dummy' }, { cookie: `${KNOWN_DEVICE_COOKIE}=${device}` })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ outcome: 'checkout', next: `/pay/dummy/${res.body.payment}`, user: { id: user.id } })
    const session = sessionOf(res.headers)
    expect(session).toBeTruthy()
    const me = await rest('GET', '/users/me', { token: session })
    expect(me.body.user?.id).toBe(user.id)
    expect((await paymentsFor(membership)).map((p) => p.id)).toEqual([res.body.payment])
    expect((await eventsOf(user.id))[0]).toMatchObject({ method: 'renewal-link', succeeded: true })

    // signing out forgets the browser
    const out = await rest('POST', '/users/logout', { token: session, headers: from() })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`${KNOWN_DEVICE_COOKIE}=;[^,]*Max-Age=0`))
  })

  it('anywhere else: emails a code first; the code signs in and goes to the payment, once', async () => {
    const { user, membership, token } = await renewing(5)
    const stranger = await renewing(200)
    // a forged or stale mark is no mark
    expect(knownDevicePerson(payload, `${user.id}.abc.forged`)).toBeNull()
    expect(knownDevicePerson(payload, knownDeviceValue(payload, user.id, daysFrom(new Date(), -KNOWN_DEVICE_DAYS - 1)))).toBeNull()
    expect(knownDevicePerson(payload, knownDeviceValue(payload, user.id))).toBe(user.id)
    for (const cookie of [undefined, deviceCookie(stranger.user.id)]) {
      const before = smtp.messages.length
      const res = await press({ token, provider: 'dummy' }, { cookie })
      expect(res.status, JSON.stringify(res.body)).toBe(202)
      expect(res.body.outcome).toBe('code-sent')
      expect(res.body.message).not.toContain(user.email)
      expect(res.body.message).toContain(`${user.email[0]}•••@example.org`)
      expect(sessionOf(res.headers)).toBeUndefined()
      expect(await paymentsFor(membership)).toEqual([])
      await sendQueuedEmails(payload)
      await mailTo(user.email, /sign-in link/i, before)
    }
    // signed in as someone else is "anywhere else" too
    expect((await press({ token, provider: 'dummy' }, { token: await tokenOf(stranger.user) })).status).toBe(202)
    await sendQueuedEmails(payload)

    const mail = await mailTo(user.email, /sign-in link/i, smtp.messages.length - 1)
    const code = /^\s*(\d{3} \d{3})\s*$/m.exec(mail.text ?? '')?.[1]
    expect(code).toBeTruthy()
    // the email's own link comes back to the renewal
    expect(mail.text).toContain(`?next=${encodeURIComponent(`/renew/${token}`)}`)

    const wrong = await press({ token, provider: 'dummy', code: code === '000 000' ? '111 111' : '000 000' })
    expect(wrong.status).toBe(401)
    expect(await paymentsFor(membership)).toEqual([])

    // a bot that fills the code form's honeypot is told what a wrong code is told, and the code still works
    const trapped = await press({ token, provider: 'dummy', code, website: 'https://spam.example' })
    expect(trapped.status).toBe(401)
    expect(await paymentsFor(membership)).toEqual([])

    const right = await press({ token, provider: 'dummy', code })
    expect(right.status, JSON.stringify(right.body)).toBe(200)
    expect(right.body).toMatchObject({ outcome: 'checkout', user: { id: user.id } })
    expect(sessionOf(right.headers)).toBeTruthy()
    // and that browser is known from now on
    expect(right.headers.get('set-cookie')).toContain(`${KNOWN_DEVICE_COOKIE}=`)
    expect((await paymentsFor(membership)).map((p) => p.id)).toEqual([right.body.payment])
    expect((await eventsOf(user.id)).map((e) => [e.method, e.succeeded])).toEqual(expect.arrayContaining([['code', true], ['code', false]]))

    expect((await press({ token, provider: 'dummy', code })).status).toBe(401)
  })

  it('confirms an unconfirmed address, as the link came to it', async () => {
    const { user, token } = await renewing(5)
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { emailVerifiedAt: null }, returning: false })
    const res = await press({ token, provider: 'dummy' }, { cookie: deviceCookie(user.id) })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const stored = (await payload.findByID({ collection: 'users', id: user.id, depth: 0 })) as User
    expect(stored.emailVerifiedAt).toBeTruthy()
  })

  it('refuses a membership with nothing to pay, an unknown provider and bad input, changing nothing', async () => {
    const paid = await renewing(200)
    const refused = await press({ token: paid.token, provider: 'dummy' }, { token: await tokenOf(paid.user) })
    expect(refused.status).toBe(409)
    expect(refused.body.errors?.[0]?.message).toMatch(/nothing to pay/)

    const { user, membership, token } = await renewing(5)
    const jwt = await tokenOf(user)
    const cases: Array<[unknown, number]> = [
      [{ token, provider: 'cheque-by-pigeon' }, 400],
      [{ token }, 400],
      [{ provider: 'dummy' }, 400],
      [{ token: 12, provider: 'dummy' }, 400],
      [{ token, provider: 'dummy', code: { $ne: 1 } }, 400],
      [[token], 400],
    ]
    for (const [body, status] of cases) {
      const res = await press(body, { token: jwt })
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.errors?.[0]?.message).toBeTruthy()
    }
    const raw = await (await import('./helpers/http')).send('POST', '/memberships/renew-by-link', { body: '{not json', contentType: 'application/json', token: jwt })
    expect(raw.status).toBe(400)
    expect(await paymentsFor(membership)).toEqual([])
  })

  it('is throttled: emailed codes per member, and presses per link', async () => {
    const { user, token } = await renewing(5)
    const codes = THROTTLE_RULES.signInLink.account.points
    for (let i = 0; i < codes; i++) expect((await press({ token, provider: 'dummy' })).status).toBe(202)
    const over = await press({ token, provider: 'dummy' })
    expect(over.status).toBe(429)
    expect(over.headers.get('retry-after')).toBeTruthy()

    const jwt = await tokenOf(user)
    const presses = THROTTLE_RULES.signInLinkUse.account.points
    let limited = 0
    for (let i = 0; i < presses + 1; i++) if ((await press({ token, provider: 'dummy' }, { token: jwt })).status === 429) limited += 1
    expect(limited).toBeGreaterThan(0)
  })
})
