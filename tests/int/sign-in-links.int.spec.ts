/**
 * Signing in without a password (issue 17, points 1-3 and 6): "email me a sign-in link", the link
 * and the code (src/security/signInLink.ts), the session they start (src/security/session.ts), and
 * the record of sign-ins (src/security/signInEvents.ts). Emails are read as their owner reads
 * them: from the local SMTP capture.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SignInEvent, User } from '@payload-types'

import { ensureEmailTemplates } from '@/email/seedTemplates'
import { DEFAULT_TEMPLATES, SUPERSEDED_TEMPLATE_BODIES } from '@/email/templates'
import { DEFAULT_SIGN_IN_LINK_MINUTES, INVITATION_DAYS, MAX_SIGN_IN_CODE_ATTEMPTS } from '@/security/signInLinkDefaults'
import { SIGN_IN_LINK_ANSWER, accountHasPassword, findSignInLink, setFirstPassword } from '@/security/signInLink'
import { THROTTLE_RULES } from '@/security/throttle'

import type { CapturedMail, SmtpCapture } from '../fakes/smtp-capture'
import { startSmtpCapture } from '../fakes/smtp-capture'
import { PASSWORD, bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let smtp: SmtpCapture

beforeAll(async () => {
  smtp = await startSmtpCapture()
  Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', EMAIL_FROM: 'office@alliance.example' })
  payload = await bootPayload()
})

// the route modules load the config, which picks the email transport: only once SMTP_HOST points at the capture
const graphql = async (...args: Parameters<typeof import('./helpers/http').graphql>) => (await import('./helpers/http')).graphql(...args)
const raw = async (...args: Parameters<typeof import('./helpers/http').send>) => (await import('./helpers/http')).send(...args)

afterAll(async () => {
  await smtp?.close()
})

let octet = 0
/** A different client address for each request, unless a test wants the same one. */
const from = (address = `198.51.100.${++octet % 250}`) => ({ 'x-hangar-peer-address': address })

const ask = (email: unknown, headers = from(), extra: Record<string, unknown> = {}) => rest('POST', '/users/sign-in-link', { headers, body: { email, ...extra } })
const pressSignIn = (token: unknown, headers = from()) => rest('POST', '/users/sign-in-link/confirm', { headers, body: { token } })
const typeCode = (email: unknown, code: unknown, headers = from()) => rest('POST', '/users/sign-in-code', { headers, body: { email, code } })

/** Runs the email queue as the worker would: the signInLink job, then the sendEmail job it queues. */
async function deliver() {
  await payload.jobs.run({ queue: 'email', limit: 100 })
  await payload.jobs.run({ queue: 'email', limit: 100 })
}

type Emailed = { mail: CapturedMail; token: string; code: string }

/** The newest sign-in email to `email`, with its link's token and its code. */
async function emailedTo(email: string, after = 0): Promise<Emailed> {
  const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && /sign-in link/i.test(m.subject ?? '') && smtp.messages.indexOf(m) >= after, 5000)
  const text = mail.text ?? ''
  const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(text)?.[1]
  const code = /^\s*(\d{3} \d{3})\s*$/m.exec(text)?.[1]
  if (!token || !code) throw new Error(`No link or code in: ${text}`)
  return { mail, token, code }
}

async function requestLink(email: string): Promise<Emailed> {
  const before = smtp.messages.length
  const res = await ask(email)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  await deliver()
  return emailedTo(email, before)
}

const stored = async (id: number) => (await payload.db.findOne({ collection: 'users', where: { id: { equals: id } } })) as User
const eventsOf = async (id: number) =>
  (await payload.find({ collection: 'sign-in-events', where: { person: { equals: id } }, sort: '-createdAt', depth: 0, limit: 50 })).docs as SignInEvent[]
const cookieOf = (headers: Headers) => /payload-token=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1]

describe('asking for a sign-in link', () => {
  it('emails a link and a code, stores only their hashes, and gives the same answer for an unknown email', async () => {
    const { user } = await createUser(payload, ['member'])
    const known = await ask(user.email)
    const unknownEmail = uniqueEmail('nobody')
    const unknown = await ask(unknownEmail)
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(unknown.body).toEqual(known.body)
    expect(known.body).toEqual({ message: SIGN_IN_LINK_ANSWER })
    await deliver()

    const { mail, token, code } = await emailedTo(user.email)
    expect(mail.subject).toMatch(/sign-in link/i)
    expect(mail.text).toContain(`/sign-in/link/${token}`)
    expect(mail.text).toContain(`${DEFAULT_SIGN_IN_LINK_MINUTES} minutes`)
    expect(smtp.messages.some((m) => m.envelope.to.includes(unknownEmail))).toBe(false)

    const row = await stored(user.id)
    expect(row.signInTokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.signInCodeHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(row)).not.toContain(token)
    expect(JSON.stringify(row)).not.toContain(code.replace(' ', ''))
    // nobody reads them through the API, not even the owner
    const me = await rest('GET', `/users/${user.id}`, { token: (await payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD } })).token })
    expect(me.body).not.toHaveProperty('signInTokenHash')
    expect(me.body).not.toHaveProperty('signInCodeHash')
  })

  it('brings a stored sign-in-link template nobody edited (the old default, without the code) to today’s default', async () => {
    const { docs } = await payload.find({ collection: 'email-templates', where: { key: { equals: 'sign-in-link' } }, depth: 0 })
    const stored = docs[0]!
    await payload.update({ collection: 'email-templates', id: stored.id, data: { body: SUPERSEDED_TEMPLATE_BODIES['sign-in-link']![0] }, depth: 0 })
    await ensureEmailTemplates(payload)
    const upgraded = await payload.findByID({ collection: 'email-templates', id: stored.id, depth: 0 })
    expect(upgraded.body).toBe(DEFAULT_TEMPLATES['sign-in-link'].body)
    expect(upgraded.body).toContain('{{code}}')
    // an edited one is left alone
    await payload.update({ collection: 'email-templates', id: stored.id, data: { body: 'Our own words: {{links.signIn}} {{code}}' }, depth: 0 })
    await ensureEmailTemplates(payload)
    expect((await payload.findByID({ collection: 'email-templates', id: stored.id, depth: 0 })).body).toBe('Our own words: {{links.signIn}} {{code}}')
    await payload.update({ collection: 'email-templates', id: stored.id, data: { body: DEFAULT_TEMPLATES['sign-in-link'].body }, depth: 0 })
  })

  it('answers in about the same time whether or not the email has an account', async () => {
    // one account per round: the same email asked for again would meet its throttle
    const accounts = []
    for (let round = 0; round < 6; round++) accounts.push(await createUser(payload, ['member']))
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const timedAsk = async (email: string) => {
      const started = performance.now()
      const res = await ask(email)
      expect(res.status).toBe(200)
      return performance.now() - started
    }
    const existing: number[] = []
    const unknown: number[] = []
    // each round asks in the other order from the last, so neither kind is always first
    for (const [round, { user }] of accounts.entries()) {
      if (round % 2 === 0) {
        existing.push(await timedAsk(user.email))
        unknown.push(await timedAsk(uniqueEmail('nobody')))
      } else {
        unknown.push(await timedAsk(uniqueEmail('nobody')))
        existing.push(await timedAsk(user.email))
      }
    }
    console.log(`sign-in link request timing (${process.env.DATABASE_URL?.startsWith('postgres') ? 'Postgres' : 'SQLite'}): existing email median ${median(existing).toFixed(1)} ms, unknown email median ${median(unknown).toFixed(1)} ms`)
    // the work is done by a job: both answers only queue it
    expect(Math.abs(median(existing) - median(unknown))).toBeLessThan(Math.max(50, median(existing)))
    await deliver()
  })

  it('refuses bad input with a 4xx in Payload’s error shape, and a filled honeypot sends nothing', async () => {
    expect((await ask(undefined)).status).toBe(400)
    expect((await ask(42)).status).toBe(400)
    expect((await ask('not-an-email')).status).toBe(400)
    const textBody = await raw('POST', '/users/sign-in-link', { body: 'email=a@b.c', contentType: 'text/plain', headers: from() })
    expect(textBody.status).toBe(415)
    const broken = await raw('POST', '/users/sign-in-link', { body: '{"email":', contentType: 'application/json', headers: from() })
    expect(broken.status).toBe(400)
    expect(broken.body.errors[0].message).toBeTruthy()
    expect((await pressSignIn(undefined)).status).toBe(400)
    expect((await pressSignIn(12345)).status).toBe(400)
    expect((await typeCode('a@example.org', 'abc')).status).toBe(400)
    expect((await typeCode(undefined, '123456')).status).toBe(400)

    const { user } = await createUser(payload, ['member'])
    const trapped = await ask(user.email, from(), { website: 'https://spam.example' })
    expect(trapped.status).toBe(200)
    expect(trapped.body).toEqual({ message: SIGN_IN_LINK_ANSWER })
    await deliver()
    expect(smtp.messages.some((m) => m.envelope.to.includes(user.email) && /sign-in link/i.test(m.subject ?? ''))).toBe(false)
  })

  it('is rate-limited per email and per address, with Retry-After', async () => {
    const { user } = await createUser(payload, ['member'])
    const perAccount = THROTTLE_RULES.signInLink.account.points
    for (let i = 0; i < perAccount; i++) expect((await ask(user.email)).status).toBe(200)
    const limited = await ask(user.email)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.body.errors[0].message).toMatch(/too many attempts/i)

    const address = '203.0.113.77'
    const perAddress = THROTTLE_RULES.signInLink.address.points
    for (let i = 0; i < perAddress; i++) expect((await ask(uniqueEmail('flood'), from(address))).status).toBe(200)
    expect((await ask(uniqueEmail('flood'), from(address))).status).toBe(429)
    await deliver()
  })
})

describe('the link', () => {
  it('opening it changes nothing; pressing Sign in signs in once, with the session cookie a password sign-in sets', async () => {
    const { user } = await createUser(payload, ['member'])
    const { token } = await requestLink(user.email)

    // what the page a GET opens does (app/(site)/sign-in/link/[token]/page.tsx): read, never consume
    const { default: LinkPage } = await import('../../app/(site)/sign-in/link/[token]/page')
    for (let i = 0; i < 3; i++) await LinkPage({ params: Promise.resolve({ token }), searchParams: Promise.resolve({}) })
    expect((await findSignInLink(payload, token))?.id).toBe(user.id)

    const pressed = await pressSignIn(token)
    expect(pressed.status, JSON.stringify(pressed.body)).toBe(200)
    expect(pressed.body.user.id).toBe(user.id)
    expect(pressed.headers.get('set-cookie')).toMatch(/payload-token=.+HttpOnly/i)
    expect(pressed.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)
    const cookie = cookieOf(pressed.headers)!

    // REST and GraphQL accept the cookie as they accept a password sign-in's
    const me = await rest('GET', '/users/me', { headers: { Cookie: `payload-token=${cookie}` } })
    expect(me.status).toBe(200)
    expect(me.body.user?.id).toBe(user.id)
    const viaGraphQL = await graphql('{ meUser { user { id email } } }', {}, pressed.body.token)
    expect(viaGraphQL.body.data?.meUser?.user?.id).toBe(user.id)
    // a session like any other: it is listed on the account, and signing out ends it
    expect(((await stored(user.id)) as User & { sessions?: unknown[] }).sessions?.length).toBeGreaterThanOrEqual(2)

    // used up: the second press, and the code sent with it, are refused
    const again = await pressSignIn(token)
    expect(again.status).toBe(404)
    expect(again.body.errors[0].message).toMatch(/expired, has been used or was replaced/i)
    expect(await findSignInLink(payload, token)).toBeNull()
  })

  it('works only within its time', async () => {
    const { user } = await createUser(payload, ['member'])
    const { token, code } = await requestLink(user.email)
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { signInExpiresAt: new Date(Date.now() - 1000).toISOString() }, returning: false })
    expect((await pressSignIn(token)).status).toBe(404)
    expect((await typeCode(user.email, code)).status).toBe(401)
  })

  it('lasts as long as settings say', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { signInLinkMinutes: 30 } })
    try {
      const { user } = await createUser(payload, ['member'])
      const started = Date.now()
      const { mail } = await requestLink(user.email)
      expect(mail.text).toContain('30 minutes')
      const expiresAt = new Date((await stored(user.id)).signInExpiresAt!).getTime()
      expect(expiresAt - started).toBeGreaterThan(29 * 60_000)
      expect(expiresAt - started).toBeLessThan(31 * 60_000)
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { signInLinkMinutes: DEFAULT_SIGN_IN_LINK_MINUTES } })
    }
  })

  it('a second request replaces the first: its link and code stop working', async () => {
    const { user } = await createUser(payload, ['member'])
    const first = await requestLink(user.email)
    const second = await requestLink(user.email)
    expect(second.token).not.toBe(first.token)
    expect((await pressSignIn(first.token)).status).toBe(404)
    if (first.code !== second.code) expect((await typeCode(user.email, first.code)).status).toBe(401)
    expect((await pressSignIn(second.token)).status).toBe(200)
  })

  it('an account without a password (an imported member) signs in by link, and only so', async () => {
    const { user } = await createUser(payload, ['member'])
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { hash: null, salt: null }, returning: false })
    const password = await rest('POST', '/users/login', { headers: from(), body: { email: user.email, password: PASSWORD } })
    expect(password.status).toBe(401)

    const { token } = await requestLink(user.email)
    const pressed = await pressSignIn(token)
    expect(pressed.status).toBe(200)
    const me = await rest('GET', '/users/me', { headers: { Cookie: `payload-token=${cookieOf(pressed.headers)}` } })
    expect(me.body.user?.email).toBe(user.email)

    // from the profile page, signed in by the link, they may choose a password without a current one
    expect(await accountHasPassword(payload, user.id)).toBe(false)
    const signedIn = { ...(me.body.user as User), collection: 'users' } as User
    await expect(setFirstPassword(payload, signedIn, 'short')).rejects.toMatchObject({ status: 400 })
    await setFirstPassword(payload, signedIn, 'Chosen-after-a-link-2026')
    expect((await rest('POST', '/users/login', { headers: from(), body: { email: user.email, password: 'Chosen-after-a-link-2026' } })).status).toBe(200)
    // once it has one, it is changed through "forgotten your password", which proves the mailbox
    await expect(setFirstPassword(payload, signedIn, 'Another-choice-for-2026')).rejects.toMatchObject({ status: 409 })
  })

  it('a link or code that works proves the address: an unverified account is verified, its waiting confirmation link used up', async () => {
    for (const by of ['link', 'code'] as const) {
      const { user } = await createUser(payload, ['member'])
      await payload.db.updateOne({ collection: 'users', id: user.id, data: { emailVerifiedAt: null, emailVerificationTokenHash: 'd'.repeat(64), emailVerificationExpiresAt: new Date(Date.now() + 3_600_000).toISOString() }, returning: false })
      const { token, code } = await requestLink(user.email)
      // asking for a link proves nothing: anyone may ask for anyone's
      expect((await stored(user.id)).emailVerifiedAt ?? null).toBeNull()
      const res = by === 'link' ? await pressSignIn(token) : await typeCode(user.email, code)
      expect(res.status, by).toBe(200)
      const after = await stored(user.id)
      expect(after.emailVerifiedAt, by).toBeTruthy()
      expect(after.emailVerificationTokenHash ?? null, by).toBeNull()
    }
  })

  it('an erased account gets no link', async () => {
    const { user } = await createUser(payload, ['member'])
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { erasedAt: new Date().toISOString() }, returning: false })
    const before = smtp.messages.length
    expect((await ask(user.email)).status).toBe(200)
    await deliver()
    expect(smtp.messages.slice(before).some((m) => m.envelope.to.includes(user.email) && /sign-in link/i.test(m.subject ?? ''))).toBe(false)
  })
})

describe('the code', () => {
  it('signs in once, on another device, with the email address it was sent to', async () => {
    const { user } = await createUser(payload, ['member'])
    const { code, token } = await requestLink(user.email)
    const typed = await typeCode(user.email.toUpperCase(), code)
    expect(typed.status, JSON.stringify(typed.body)).toBe(200)
    expect(typed.body.user.id).toBe(user.id)
    const me = await rest('GET', '/users/me', { headers: { Cookie: `payload-token=${cookieOf(typed.headers)}` } })
    expect(me.body.user?.id).toBe(user.id)

    const again = await typeCode(user.email, code)
    expect(again.status).toBe(401)
    // the link sent with it is used up too
    expect((await pressSignIn(token)).status).toBe(404)
  })

  it(`stops after ${MAX_SIGN_IN_CODE_ATTEMPTS} wrong codes, and says the same for an unknown email`, async () => {
    const { user } = await createUser(payload, ['member'])
    const { code } = await requestLink(user.email)
    const wrong = code === '000 000' ? '111111' : '000000'
    const refusals = []
    for (let i = 0; i < MAX_SIGN_IN_CODE_ATTEMPTS; i++) refusals.push(await typeCode(user.email, wrong))
    expect(refusals.map((r) => r.status)).toEqual(Array(MAX_SIGN_IN_CODE_ATTEMPTS).fill(401))
    expect((await stored(user.id)).signInCodeAttempts).toBe(MAX_SIGN_IN_CODE_ATTEMPTS)
    // the right code no longer works
    const right = await typeCode(user.email, code)
    expect(right.status).toBe(401)
    const stranger = await typeCode(uniqueEmail('nobody'), code)
    expect(stranger.status).toBe(401)
    expect(stranger.body).toEqual(right.body)
  })
})

describe('invitations', () => {
  /** The newest invitation to `email`: its link's token and its code. */
  async function invitationTo(email: string, after: number) {
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(email) && /is ready/i.test(m.subject ?? '') && smtp.messages.indexOf(m) >= after, 5000)
    const text = mail.text ?? ''
    return { mail, text, token: /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(text)?.[1], code: /^\s*(\d{3} \d{3})\s*$/m.exec(text)?.[1] }
  }

  it('an admin or the secretary invites an imported member, who signs in with it days later, without a password', async () => {
    const { user } = await createUser(payload, ['member'])
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { hash: null, salt: null }, returning: false })
    const secretary = await createUser(payload, ['secretary'])
    const before = smtp.messages.length
    const invited = await rest('POST', `/users/${user.id}/invite`, { token: secretary.token, body: {} })
    expect(invited.status, JSON.stringify(invited.body)).toBe(202)
    expect(invited.body.message).toContain(user.email)
    await deliver()
    const { text, token, code } = await invitationTo(user.email, before)
    expect(token && code).toBeTruthy()
    expect(text).toContain(`work once, for ${INVITATION_DAYS} days`)
    // six days on, it still works (a link the person asks for would have expired long ago)
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { signInExpiresAt: new Date(Date.now() + 86_400_000).toISOString() }, returning: false })
    const pressed = await pressSignIn(token)
    expect(pressed.status, JSON.stringify(pressed.body)).toBe(200)
    const me = await rest('GET', '/users/me', { headers: { Cookie: `payload-token=${cookieOf(pressed.headers)}` } })
    expect(me.body.user?.id).toBe(user.id)
    expect((await pressSignIn(token)).status).toBe(404)
  })

  it('a second invitation replaces the first; an expired one does not work', async () => {
    const { user } = await createUser(payload, ['member'])
    const admin = await createUser(payload, ['admin'])
    let before = smtp.messages.length
    expect((await rest('POST', `/users/${user.id}/invite`, { token: admin.token, body: {} })).status).toBe(202)
    await deliver()
    const first = await invitationTo(user.email, before)
    before = smtp.messages.length
    expect((await rest('POST', `/users/${user.id}/invite`, { token: admin.token, body: {} })).status).toBe(202)
    await deliver()
    const second = await invitationTo(user.email, before)
    expect((await pressSignIn(first.token)).status).toBe(404)
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { signInExpiresAt: new Date(Date.now() - 1000).toISOString() }, returning: false })
    expect((await pressSignIn(second.token)).status).toBe(404)
    expect((await typeCode(user.email, second.code)).status).toBe(401)
  })

  it('only those who manage people invite; a bad id is a 404, an erased person a 409', async () => {
    const { user } = await createUser(payload, ['member'])
    const admin = await createUser(payload, ['admin'])
    for (const roles of [['member'], ['treasurer'], ['events'], ['volunteers']] as Parameters<typeof createUser>[1][]) {
      const other = await createUser(payload, roles)
      const res = await rest('POST', `/users/${user.id}/invite`, { token: other.token, body: {} })
      expect(res.status, roles.join()).toBe(403)
      expect(res.body.errors[0].message).toMatch(/admins and the secretary/)
    }
    expect((await rest('POST', `/users/${user.id}/invite`, { body: {} })).status).toBe(401)
    for (const id of ['abc', '99999999', '1.5']) expect((await rest('POST', `/users/${id}/invite`, { token: admin.token, body: {} })).status, id).toBe(404)
    await payload.db.updateOne({ collection: 'users', id: user.id, data: { erasedAt: new Date().toISOString() }, returning: false })
    expect((await rest('POST', `/users/${user.id}/invite`, { token: admin.token, body: {} })).status).toBe(409)
  })
})

describe('sign-in events', () => {
  it('records sign-ins by password, link and code, and failures, with the address; the member reads only their own', async () => {
    const { user, token: memberToken } = await createUser(payload, ['member'])
    const other = await createUser(payload, ['member'])
    expect((await rest('POST', '/users/login', { headers: from('192.0.2.10'), body: { email: user.email, password: 'not-the-password' } })).status).toBe(401)
    expect((await rest('POST', '/users/login', { headers: from('192.0.2.11'), body: { email: user.email, password: PASSWORD } })).status).toBe(200)
    const first = await requestLink(user.email)
    expect((await pressSignIn(first.token, from('192.0.2.12'))).status).toBe(200)
    const second = await requestLink(user.email)
    const wrong = second.code === '000 000' ? '111111' : '000000'
    expect((await typeCode(user.email, wrong, from('192.0.2.13'))).status).toBe(401)
    expect((await typeCode(user.email, second.code, from('192.0.2.14'))).status).toBe(200)
    const link = await requestLink(other.user.email)
    expect((await pressSignIn(link.token)).status).toBe(200)

    const events = (await eventsOf(user.id)).map((e) => [e.method, e.succeeded, e.address])
    expect(events).toEqual([
      ['code', true, '192.0.2.14'],
      ['code', false, '192.0.2.13'],
      ['link', true, '192.0.2.12'],
      ['password', true, '192.0.2.11'],
      ['password', false, '192.0.2.10'],
    ])

    // the member reads their own, not another's; nobody writes one through the API
    const mine = await rest('GET', '/sign-in-events?depth=0&limit=50', { token: memberToken })
    expect(mine.status).toBe(200)
    expect(mine.body.docs.length).toBe(5)
    expect(mine.body.docs.every((e: SignInEvent) => e.person === user.id)).toBe(true)
    const forged = await rest('POST', '/sign-in-events', { token: memberToken, body: { person: user.id, method: 'password', succeeded: true, address: '1.2.3.4' } })
    expect(forged.status).toBe(403)
    const superuser = await createUser(payload, ['superuser'])
    expect((await rest('POST', '/sign-in-events', { token: superuser.token, body: { person: user.id, method: 'password', succeeded: true } })).status).toBe(403)
    const removed = await rest('DELETE', `/sign-in-events/${mine.body.docs[0].id}`, { token: superuser.token })
    expect(removed.status).toBe(403)
    const admin = await createUser(payload, ['admin'])
    const all = await rest('GET', `/sign-in-events?depth=0&where[person][equals]=${other.user.id}`, { token: admin.token })
    expect(all.body.docs.length).toBeGreaterThan(0)
  })
})
