/**
 * Consent records (issue 15 point 6): sign-up accepts the privacy policy (version and time
 * recorded), raising the version asks the member again on the member site, opt-ins keep their
 * history, and the collection is append-only and private through REST.
 */
import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Consent, User } from '@payload-types'

import { acceptPrivacyPolicy, consentState, currentPolicyVersion, policyStatus, saveOptIns } from '@/privacy/consents'

import { bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let admin: { user: User; token: string }
let secretary: { user: User; token: string }
let superuser: { user: User; token: string }

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin', 'member'])
  secretary = await createUser(payload, ['secretary', 'member'])
  superuser = await createUser(payload, ['superuser', 'member'])
  await payload.updateGlobal({ slug: 'settings', data: { privacyPolicyVersion: '2026-01' } })
})

const signUp = (overrides: Record<string, unknown> = {}) => ({ email: uniqueEmail('joiner'), password: 'Joiner-password-2026', firstName: 'Jo', lastName: 'Iner', ...overrides })

async function consentsOf(person: number | string): Promise<Consent[]> {
  const { docs } = await payload.find({ collection: 'consents', where: { person: { equals: person } }, sort: 'givenAt', depth: 0, limit: 100 })
  return docs as Consent[]
}

/** A member signed up through REST, accepting the policy, and signed in. */
async function signedUpMember() {
  const data = signUp({ acceptPrivacyPolicy: true })
  expect((await rest('POST', '/users', { body: data })).status).toBe(201)
  const { token, user } = await payload.login({ collection: 'users', data: { email: data.email, password: data.password } })
  return { user: user as User, token: token! }
}

const requestAs = (user: User): Promise<PayloadRequest> => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

describe('sign-up accepts the privacy policy', () => {
  it('refuses a sign-up that does not accept the policy (REST), creating no account', async () => {
    for (const accept of [undefined, false, 'yes']) {
      const data = signUp(accept === undefined ? {} : { acceptPrivacyPolicy: accept })
      const res = await rest('POST', '/users', { body: data })
      expect(res.status).toBe(400)
      expect(JSON.stringify(res.body)).toMatch(accept === 'yes' ? /acceptPrivacyPolicy/ : /accept the privacy policy/)
      expect((await payload.count({ collection: 'users', where: { email: { equals: data.email } } })).totalDocs).toBe(0)
    }
  })

  it('refuses it through the join form’s path too (the Local API as a visitor)', async () => {
    const data = signUp()
    await expect(payload.create({ collection: 'users', data: data as never, overrideAccess: false, user: null })).rejects.toThrow(/accept the privacy policy|invalid/i)
    expect((await payload.count({ collection: 'users', where: { email: { equals: data.email } } })).totalDocs).toBe(0)
  })

  it('records the version in the settings and the time when the sign-up accepts', async () => {
    const before = Date.now()
    const { user } = await signedUpMember()
    const rows = await consentsOf(user.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'privacy_policy', granted: true, policyVersion: '2026-01', source: 'sign-up' })
    expect(new Date(rows[0]!.givenAt).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(new Date(rows[0]!.givenAt).getTime()).toBeLessThanOrEqual(Date.now())
  })

  it('staff adding a person need no acceptance, and no consent is invented for them', async () => {
    const res = await rest('POST', '/users', { token: admin.token, body: signUp() })
    expect(res.status).toBe(201)
    expect(await consentsOf(res.body.doc.id)).toHaveLength(0)
  })
})

describe('a new policy version', () => {
  it('asks a member who accepted an earlier version again, and accepting records it; the REST API is not blocked', async () => {
    const { user, token } = await signedUpMember()
    const req = await requestAs(user)
    const settings = await payload.findGlobal({ slug: 'settings' })
    expect(policyStatus(await consentState(req, user.id), currentPolicyVersion(settings))).toBe('accepted')

    const raised = await payload.updateGlobal({ slug: 'settings', data: { privacyPolicyVersion: '2026-06' } })
    expect(policyStatus(await consentState(req, user.id), currentPolicyVersion(raised))).toBe('outdated')
    // the member site asks; the API keeps working for integrations
    expect((await rest('GET', '/users/me', { token })).status).toBe(200)

    await acceptPrivacyPolicy(req, raised)
    const state = await consentState(req, user.id)
    expect(policyStatus(state, '2026-06')).toBe('accepted')
    expect(state.privacy_policy).toMatchObject({ policyVersion: '2026-06', source: 'portal', granted: true })
    // both acceptances are kept
    expect((await consentsOf(user.id)).map((c) => c.policyVersion)).toEqual(['2026-01', '2026-06'])
    await payload.updateGlobal({ slug: 'settings', data: { privacyPolicyVersion: '2026-01' } })
  })

  it('a person who never accepted a policy (added by staff) is shown as not having accepted it', async () => {
    const { user } = await createUser(payload, ['member'])
    expect(policyStatus(await consentState(await requestAs(user), user.id), '2026-01')).toBe('never')
  })

  it('anyone may read the current version, only a superuser may raise it', async () => {
    const anonymous = await rest('GET', '/globals/settings')
    expect(anonymous.body.privacyPolicyVersion).toBe('2026-01')
    const byAdmin = await rest('POST', '/globals/settings', { token: admin.token, body: { privacyPolicyVersion: '9' } })
    expect(byAdmin.status).toBe(403)
    expect((await payload.findGlobal({ slug: 'settings' })).privacyPolicyVersion).toBe('2026-01')
  })
})

describe('marketing and directory opt-ins', () => {
  it('each change appends a row; the latest row is the current choice', async () => {
    const { user, token } = await signedUpMember()
    const req = await requestAs(user)
    expect((await consentState(req, user.id)).marketing).toBeNull()

    expect(await saveOptIns(req, { marketing: true, directory: false })).toHaveLength(1) // "no" to the directory is the default: nothing to record
    expect(await saveOptIns(req, { marketing: true, directory: false })).toHaveLength(0) // unchanged
    expect(await saveOptIns(req, { marketing: false, directory: true })).toHaveLength(2)

    const state = await consentState(req, user.id)
    expect(state.marketing).toMatchObject({ granted: false, source: 'portal' })
    expect(state.directory).toMatchObject({ granted: true, source: 'portal' })

    // and through REST, cheaply: the latest record of each kind
    const current = await rest('GET', '/consents/current', { token })
    expect(current.status).toBe(200)
    expect(current.body.privacyPolicy).toMatchObject({ currentVersion: '2026-01', status: 'accepted' })
    expect(current.body.consents.marketing).toMatchObject({ granted: false, source: 'portal' })
    expect(current.body.consents.directory).toMatchObject({ granted: true })
    expect((await rest('GET', '/consents/current')).status).toBe(401)

    // the member reads their whole history through REST
    const mine = await rest('GET', '/consents?sort=givenAt&limit=100&depth=0', { token })
    expect(mine.status).toBe(200)
    expect(mine.body.docs.map((c: Consent) => [c.kind, c.granted])).toEqual([
      ['privacy_policy', true],
      ['marketing', true],
      ['marketing', false],
      ['directory', true],
    ])
  })

  it('a member cannot write, change or delete consents through REST, nor read another member’s', async () => {
    const { user, token } = await signedUpMember()
    const other = await signedUpMember()
    const [own] = await consentsOf(user.id)
    const [theirs] = await consentsOf(other.user.id)

    const posted = await rest('POST', '/consents', { token, body: { person: user.id, kind: 'privacy_policy', granted: true, policyVersion: '99' } })
    expect(posted.status).toBe(403)
    const changed = await rest('PATCH', `/consents/${own!.id}`, { token, body: { policyVersion: '99', granted: false } })
    expect([403, 404]).toContain(changed.status)
    const deleted = await rest('DELETE', `/consents/${own!.id}`, { token })
    expect([403, 404]).toContain(deleted.status)
    expect(await consentsOf(user.id)).toEqual([own])

    const single = await rest('GET', `/consents/${theirs!.id}`, { token })
    expect([403, 404]).toContain(single.status)
    const list = await rest('GET', `/consents?limit=1000&depth=0&where[person][equals]=${other.user.id}`, { token })
    expect(list.body.docs ?? []).toHaveLength(0)
  })

  it('nobody changes or deletes a record, not even a superuser; staff record a consent given elsewhere as theirs', async () => {
    const { user } = await signedUpMember()
    const [own] = await consentsOf(user.id)
    for (const staff of [superuser, admin]) {
      expect([403, 404]).toContain((await rest('PATCH', `/consents/${own!.id}`, { token: staff.token, body: { granted: false } })).status)
      expect([403, 404]).toContain((await rest('DELETE', `/consents/${own!.id}`, { token: staff.token })).status)
    }
    expect(await consentsOf(user.id)).toEqual([own])

    // the body cannot pass a staff entry off as the member's own, or backdate it
    const recorded = await rest('POST', '/consents', {
      token: secretary.token,
      body: { person: user.id, kind: 'marketing', granted: true, source: 'sign-up', givenAt: '2001-01-01T00:00:00.000Z', note: 'Paper form, 3 March' },
    })
    expect(recorded.status).toBe(201)
    expect(recorded.body.doc).toMatchObject({ source: 'admin', note: 'Paper form, 3 March' })
    expect(recorded.body.doc.recordedBy?.id ?? recorded.body.doc.recordedBy).toBe(secretary.user.id)
    expect(new Date(recorded.body.doc.givenAt).getFullYear()).toBeGreaterThan(2001)

    const all = await rest('GET', `/consents?limit=1000&depth=0&where[person][equals]=${user.id}`, { token: secretary.token })
    expect(all.body.docs).toHaveLength(2)
  })
})
