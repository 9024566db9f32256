/**
 * A self-registered account confirms its email address before it can apply or pay (issue 15,
 * point 3): the link (src/security/emailVerification.ts), the rule on every path that applies or
 * pays (src/access/emailVerified.ts), the staff actions, and what a member cannot do about it.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { AuditEntry, Membership, Notification, Tier, User } from '@payload-types'

import { requestEmailChange, confirmEmailChange } from '@/security/emailChange'
import { confirmEmailVerification, findEmailVerification, NEW_LINK_ANSWER } from '@/security/emailVerification'

import { graphql } from './helpers/http'
import { bootPayload, createUser, rest, uniqueEmail, verificationTokenFor } from './helpers/payload'

let payload: Payload
let personal: Tier
let admin: { user: User; token: string }
let secretary: { user: User; token: string }
let treasurer: { user: User; token: string }

let octet = 0
const from = () => ({ 'x-hangar-peer-address': `192.0.2.${++octet}` })

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin'])
  secretary = await createUser(payload, ['secretary'])
  treasurer = await createUser(payload, ['treasurer'])
  personal = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

const signUp = (email = uniqueEmail('newcomer')) => ({ email, password: 'Newcomer-password-2026', firstName: 'Nova', lastName: 'Newcomer', acceptPrivacyPolicy: true })

/** A visitor registers through REST and signs in, as the member site's join form does. */
async function register() {
  const data = signUp()
  const res = await rest('POST', '/users', { headers: from(), body: data })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const { token, user } = await payload.login({ collection: 'users', data: { email: data.email, password: data.password } })
  return { email: data.email, id: user!.id as number, token: token! }
}

const stored = (id: number) => payload.findByID({ collection: 'users', id, depth: 0, showHiddenFields: true }) as Promise<User>
const templatesTo = async (email: string) =>
  ((await payload.find({ collection: 'notifications', where: { recipient: { equals: email } }, sort: 'createdAt', depth: 0, limit: 50 })).docs as Notification[]).map((n) => n.template)
const membershipsOf = async (id: number) => (await payload.count({ collection: 'memberships', where: { member: { equals: id } } })).totalDocs
const confirm = (token: unknown) => rest('POST', '/users/verify-email', { headers: from(), body: { token } })

describe('signing up', () => {
  it('a visitor who registers gets a link (not yet the welcome), can sign in, but cannot apply until the link is confirmed', async () => {
    const me = await register()
    const account = await stored(me.id)
    expect(account.emailVerifiedAt ?? null).toBeNull()
    expect(await templatesTo(me.email)).toEqual(['verify-email'])

    const token = await verificationTokenFor(payload, me.email)
    expect(token).toBeTruthy()
    // only the token's hash is stored
    expect(account.emailVerificationTokenHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(account)).not.toContain(token)
    const mail = (await payload.find({ collection: 'notifications', where: { recipient: { equals: me.email } }, depth: 0 })).docs[0] as Notification
    expect(mail.text).toContain('48 hours')
    expect(mail.text).toContain(`/account/verify-email/${token}`)

    const profile = await rest('GET', '/users/me', { token: me.token })
    expect(profile.body.user.emailVerifiedAt ?? null).toBeNull()
    expect(profile.body.user).not.toHaveProperty('emailVerificationTokenHash')

    const apply = await rest('POST', '/memberships?depth=0', { token: me.token, body: { tier: personal.id } })
    expect(apply.status).toBe(403)
    expect(apply.body.errors[0].message).toMatch(/confirm your email address first/i)
    expect(apply.body.errors[0].data).toEqual({ reason: 'email-not-verified' })
    const viaGraphQL = await graphql(`mutation { createMembership(data: { member: ${me.id}, tier: ${personal.id}, status: applied }) { id } }`, {}, me.token)
    expect(viaGraphQL.body.errors?.[0]?.message).toMatch(/confirm your email address first/i)
    expect(await membershipsOf(me.id)).toBe(0)

    const confirmed = await confirm(token)
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
    expect((await stored(me.id)).emailVerifiedAt).toBeTruthy()
    expect(await templatesTo(me.email)).toEqual(['verify-email', 'welcome'])

    // the session they already had now may apply and pay
    const applied = await rest('POST', '/memberships?depth=0', { token: me.token, body: { tier: personal.id } })
    expect(applied.status, JSON.stringify(applied.body)).toBe(201)
    const paying = await rest('POST', '/payments/checkout', { token: me.token, body: { membership: applied.body.doc.id, provider: 'dummy' } })
    expect(paying.status, JSON.stringify(paying.body)).toBe(201)
    const approved = await rest('POST', `/payments/dummy/${paying.body.payment.id}/approve`, { token: me.token })
    expect(approved.status).toBe(200)
  })

  it('the join form’s account (a create with access checked, nobody signed in) starts unverified; staff, the server and the first user do not', async () => {
    const joined = await payload.create({ collection: 'users', data: signUp() as never, overrideAccess: false })
    expect(joined.emailVerifiedAt ?? null).toBeNull()

    const byAdmin = await rest('POST', '/users?depth=0', { token: admin.token, body: { ...signUp(), roles: ['member'] } })
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201)
    expect(byAdmin.body.doc.emailVerifiedAt).toBeTruthy()
    // staff cannot create someone unverified either: the field is the system's
    const bySecretary = await rest('POST', '/users?depth=0', { token: secretary.token, body: { ...signUp(), emailVerifiedAt: null } })
    expect(bySecretary.status).toBe(201)
    expect(bySecretary.body.doc.emailVerifiedAt).toBeTruthy()
    expect(await templatesTo(byAdmin.body.doc.email)).toEqual(['welcome'])

    const { user } = await createUser(payload, ['member'])
    expect(user.emailVerifiedAt).toBeTruthy()
  })
})

describe('the link', () => {
  it('a wrong, replaced, expired or used link is refused with 404 and changes nothing', async () => {
    const me = await register()
    const first = await verificationTokenFor(payload, me.email)
    for (const wrong of ['x'.repeat(43), 42, null, '']) {
      const res = await confirm(wrong)
      expect(res.status, String(wrong)).toBe(404)
      expect(res.body.errors[0].message).toMatch(/expired, has been used or was replaced/)
    }

    // a new link replaces the first
    expect((await rest('POST', '/users/verify-email/resend', { token: me.token, headers: from(), body: {} })).status).toBe(202)
    const second = await verificationTokenFor(payload, me.email)
    expect(second).not.toBe(first)
    expect((await confirm(first)).status).toBe(404)
    expect((await stored(me.id)).emailVerifiedAt ?? null).toBeNull()

    // an expired one
    await payload.update({ collection: 'users', id: me.id, data: { emailVerificationExpiresAt: new Date(Date.now() - 60_000).toISOString() } as never })
    expect(await findEmailVerification(payload, second)).toBeNull()
    expect((await confirm(second)).status).toBe(404)
    expect((await stored(me.id)).emailVerifiedAt ?? null).toBeNull()

    // a fresh one works once
    await rest('POST', '/users/verify-email/resend', { token: me.token, headers: from(), body: {} })
    const third = await verificationTokenFor(payload, me.email)
    expect((await confirm(third)).status).toBe(200)
    const verifiedAt = (await stored(me.id)).emailVerifiedAt
    expect(verifiedAt).toBeTruthy()
    expect((await confirm(third)).status).toBe(404)
    expect((await stored(me.id)).emailVerifiedAt).toBe(verifiedAt)
  })

  it('two presses of Confirm at once: one confirms, the other finds the link used up; one welcome', async () => {
    const me = await register()
    const token = await verificationTokenFor(payload, me.email)
    const presses = await Promise.allSettled([confirmEmailVerification(payload, token), confirmEmailVerification(payload, token)])
    expect(presses.map((p) => p.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((presses.find((p) => p.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 404 })
    expect((await stored(me.id)).emailVerifiedAt).toBeTruthy()
    expect((await templatesTo(me.email)).filter((t) => t === 'welcome')).toHaveLength(1)
  })

  it('confirming a change of email address verifies the account too', async () => {
    const { user } = await createUser(payload, ['member'], { emailVerifiedAt: null })
    expect((await stored(user.id)).emailVerifiedAt ?? null).toBeNull()
    const next = uniqueEmail('moved')
    await requestEmailChange(payload, user, next)
    const { docs } = await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: next } }, { template: { equals: 'email-change-confirm' } }] }, depth: 0 })
    const token = /\/account\/confirm-email\/([A-Za-z0-9_-]+)/.exec((docs[0] as Notification).text ?? '')?.[1]
    await confirmEmailChange(payload, token)
    const account = await stored(user.id)
    expect(account.email).toBe(next)
    expect(account.emailVerifiedAt).toBeTruthy()
  })
})

describe('asking for a new link', () => {
  it('answers the same whether or not a link is sent, needs a session, and is throttled per account', async () => {
    const me = await register()
    const verified = await createUser(payload, ['member'])
    const ask = (token?: string) => rest('POST', '/users/verify-email/resend', { token, headers: from(), body: {} })

    const forUnverified = await ask(me.token)
    const forVerified = await ask(verified.token)
    expect([forUnverified.status, forVerified.status]).toEqual([202, 202])
    expect(forUnverified.body).toEqual({ message: NEW_LINK_ANSWER })
    expect(forVerified.body).toEqual(forUnverified.body)
    expect(await templatesTo(verified.user.email)).toEqual(['welcome'])
    expect((await ask()).status).toBe(401)

    // three an hour per account, from whichever address
    expect((await ask(me.token)).status).toBe(202)
    expect((await ask(me.token)).status).toBe(202)
    const fourth = await ask(me.token)
    expect(fourth.status).toBe(429)
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await templatesTo(me.email)).filter((t) => t === 'verify-email')).toHaveLength(4)
  })
})

describe('a member cannot verify themself', () => {
  it('through REST or GraphQL: the verified date and the link’s fields are the system’s, and the hash is never readable', async () => {
    const me = await register()
    const forged = { emailVerifiedAt: new Date().toISOString(), emailVerificationTokenHash: 'a'.repeat(64), emailVerificationExpiresAt: new Date(Date.now() + 3_600_000).toISOString() }
    const patched = await rest('PATCH', `/users/${me.id}?depth=0`, { token: me.token, body: { ...forged, firstName: 'Still' } })
    expect(patched.status).toBe(200)
    expect(patched.body.doc.firstName).toBe('Still')
    const afterPatch = await stored(me.id)
    expect(afterPatch.emailVerifiedAt ?? null).toBeNull()
    expect(afterPatch.emailVerificationTokenHash).not.toBe(forged.emailVerificationTokenHash)

    const viaGraphQL = await graphql(`mutation { updateUser(id: ${me.id}, data: { emailVerifiedAt: "${forged.emailVerifiedAt}" }) { id emailVerifiedAt } }`, {}, me.token)
    expect(JSON.stringify(viaGraphQL.body)).not.toContain(forged.emailVerifiedAt)
    expect((await stored(me.id)).emailVerifiedAt ?? null).toBeNull()

    expect((await rest('POST', `/users/${me.id}/mark-email-verified`, { token: me.token, body: {} })).status).toBe(403)
    expect((await stored(me.id)).emailVerifiedAt ?? null).toBeNull()

    // nobody, not even an admin, reads or filters on the hash
    for (const token of [me.token, admin.token]) {
      const read = await rest('GET', `/users/${me.id}?depth=0`, { token })
      expect(read.body).not.toHaveProperty('emailVerificationTokenHash')
      expect(read.body).not.toHaveProperty('emailVerificationExpiresAt')
      expect((await rest('GET', `/users?where[emailVerificationTokenHash][exists]=true`, { token })).status).toBeGreaterThanOrEqual(400)
    }
  })
})

describe('staff', () => {
  it('see who is unverified, send a new link, and mark an address verified by hand, which the audit trail records', async () => {
    const me = await register()
    const unverified = await rest('GET', `/users?where[emailVerifiedAt][exists]=false&where[id][equals]=${me.id}&depth=0`, { token: secretary.token })
    expect(unverified.body.docs.map((d: User) => d.id)).toEqual([me.id])

    const sent = await rest('POST', `/users/${me.id}/send-verification-email`, { token: secretary.token, body: {} })
    expect(sent.status).toBe(202)
    expect((await templatesTo(me.email)).filter((t) => t === 'verify-email')).toHaveLength(2)

    const marked = await rest('POST', `/users/${me.id}/mark-email-verified`, { token: admin.token, body: {} })
    expect(marked.status, JSON.stringify(marked.body)).toBe(200)
    expect((await stored(me.id)).emailVerifiedAt).toBe(marked.body.emailVerifiedAt)
    expect(await templatesTo(me.email)).toContain('welcome')
    const { docs } = await payload.find({ collection: 'audit-entries', where: { person: { equals: me.id }, operation: { equals: 'update' } }, depth: 0 })
    const entry = (docs as AuditEntry[]).find((e) => (e.changes as { field: string }[]).some((c) => c.field === 'emailVerifiedAt'))
    expect(entry?.actor).toBe(admin.user.id)
    expect(JSON.stringify(entry?.changes)).not.toMatch(/emailVerificationTokenHash/)

    // again: nothing changes; a link for a verified address is refused
    const again = await rest('POST', `/users/${me.id}/mark-email-verified`, { token: admin.token, body: {} })
    expect(again.body.emailVerifiedAt).toBe(marked.body.emailVerifiedAt)
    expect((await rest('POST', `/users/${me.id}/send-verification-email`, { token: admin.token, body: {} })).status).toBe(409)
    expect((await rest('POST', '/users/abc/mark-email-verified', { token: admin.token, body: {} })).status).toBe(404)
    expect((await rest('POST', '/users/99999999/mark-email-verified', { token: admin.token, body: {} })).status).toBe(404)
  })
})

describe('paying', () => {
  it('an unverified member cannot pay by any provider or approve a payment; staff acting for them are not held up', async () => {
    const me = await createUser(payload, ['member'], { emailVerifiedAt: null })
    // a membership staff made for them (staff acting for a member)
    const made = await rest('POST', '/memberships?depth=0', { token: admin.token, body: { member: me.user.id, tier: personal.id } })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const membershipId = made.body.doc.id as number

    for (const provider of ['dummy', 'square', 'stripe']) {
      const res = await rest('POST', '/payments/checkout', { token: me.token, body: { membership: membershipId, provider } })
      expect(res.status, provider).toBe(403)
      expect(res.body.errors[0].message).toMatch(/confirm your email address first/i)
    }
    expect((await payload.count({ collection: 'payments', where: { membership: { equals: membershipId } } })).totalDocs).toBe(0)

    // a payment left pending (e.g. started before) cannot be completed either
    for (const method of ['dummy', 'square'] as const) {
      const pending = await payload.create({
        collection: 'payments',
        data: { member: me.user.id, membership: membershipId, purpose: 'membership', amount: 500, currency: 'GBP', method, provider: method, status: 'pending', idempotencyKey: `verify-${method}-${Date.now()}` } as never,
      })
      const path = method === 'dummy' ? `/payments/dummy/${pending.id}/approve` : `/payments/square/${pending.id}/pay`
      const res = await rest('POST', path, { token: me.token, body: method === 'square' ? { sourceId: 'cnon:card-nonce-ok' } : {} })
      expect(res.status, method).toBe(403)
      expect((await payload.findByID({ collection: 'payments', id: pending.id, depth: 0 })).status).toBe('pending')
      await payload.update({ collection: 'payments', id: pending.id, data: { status: 'cancelled' } as never })
    }
    expect(((await payload.findByID({ collection: 'memberships', id: membershipId, depth: 0 })) as Membership).status).toBe('awaiting_payment')

    // the treasurer records their cash
    const cash = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membershipId, method: 'cash', amount: 500 } })
    expect(cash.status, JSON.stringify(cash.body)).toBe(201)
    expect(((await payload.findByID({ collection: 'memberships', id: membershipId, depth: 0 })) as Membership).status).toBe('active')
  })

  it('a verified member applies and pays', async () => {
    const me = await createUser(payload, ['member'])
    const applied = await rest('POST', '/memberships?depth=0', { token: me.token, body: { tier: personal.id } })
    expect(applied.status).toBe(201)
    const paying = await rest('POST', '/payments/checkout', { token: me.token, body: { membership: applied.body.doc.id, provider: 'dummy' } })
    expect(paying.status).toBe(201)
  })
})

// signing in with the password is never held up by the address
it('an unverified account signs in with its password', async () => {
  const data = signUp()
  expect((await rest('POST', '/users', { headers: from(), body: data })).status).toBe(201)
  const res = await rest('POST', '/users/login', { headers: from(), body: { email: data.email, password: data.password } })
  expect(res.status).toBe(200)
  expect(res.body.user.emailVerifiedAt ?? null).toBeNull()
})
