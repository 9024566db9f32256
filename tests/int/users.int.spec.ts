import type { Payload } from 'payload'
import { executeAuthStrategies } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { User } from '@payload-types'

import { userFromHeaders } from '@/lib/siteRequest'

import { SIGNED_IN_FIELDS, readSignedIn } from '../../collections/users/signedInStrategy'

import { PASSWORD, bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let superuser: { user: User; token: string }
let admin: { user: User; token: string }
let secretary: { user: User; token: string }
let member: { user: User; token: string }

beforeAll(async () => {
  payload = await bootPayload()
  superuser = await createUser(payload, ['superuser', 'member'])
  admin = await createUser(payload, ['admin', 'member'])
  secretary = await createUser(payload, ['secretary', 'member'])
  member = await createUser(payload, ['member'])
})

const signUp = (overrides: Record<string, unknown> = {}) => ({
  email: uniqueEmail('joiner'),
  password: 'joiner-password',
  firstName: 'Jo',
  lastName: 'Iner',
  acceptPrivacyPolicy: true,
  ...overrides,
})

const roleOf = async (id: number | string) => (await payload.findByID({ collection: 'users', id, depth: 0 })).roles

describe('self-registration (POST /api/users)', () => {
  it('creates a plain member, ignoring any roles in the body', async () => {
    const data = signUp({ roles: ['superuser', 'admin', 'treasurer'] })
    const res = await rest('POST', '/users', { body: data })
    expect(res.status).toBe(201)
    expect(res.body.doc).toBeUndefined() // an anonymous answer never carries the account
    const created = await payload.find({ collection: 'users', where: { email: { equals: data.email } }, depth: 0 })
    expect(await roleOf(created.docs[0]!.id)).toEqual(['member'])
  })

  it('refuses missing names and a bad email with 400, creating nothing', async () => {
    const before = (await payload.count({ collection: 'users' })).totalDocs
    const noName = await rest('POST', '/users', { body: signUp({ firstName: undefined, lastName: '' }) })
    expect(noName.status).toBe(400)
    expect(noName.body.errors[0].data.errors.map((e: { path: string }) => e.path).sort()).toEqual(['firstName', 'lastName'])
    const badEmail = await rest('POST', '/users', { body: signUp({ email: 'not-an-email' }) })
    expect(badEmail.status).toBe(400)
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(before)
  })

  it('makes no second account with the same email, answering as for a new one', async () => {
    const email = uniqueEmail('twice')
    const first = await rest('POST', '/users', { body: signUp({ email }) })
    expect(first.status).toBe(201)
    const again = await rest('POST', '/users', { body: signUp({ email: email.toUpperCase() }) })
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect((await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(1)
  })

  it('never exposes internal notes or another member to the new member', async () => {
    await payload.update({ collection: 'users', id: member.user.id, data: { internalNotes: 'Owes a key to the hangar' } })
    const self = await rest('GET', `/users/${member.user.id}`, { token: member.token })
    expect(self.status).toBe(200)
    expect(self.body).not.toHaveProperty('internalNotes')
    const other = await rest('GET', `/users/${admin.user.id}`, { token: member.token })
    expect([403, 404]).toContain(other.status)
    const bySecretary = await rest('GET', `/users/${member.user.id}`, { token: secretary.token })
    expect(bySecretary.body.internalNotes).toBe('Owes a key to the hangar')
  })
})

describe('a member on their own profile', () => {
  it('may change contact details but not their roles', async () => {
    const res = await rest('PATCH', `/users/${member.user.id}`, {
      token: member.token,
      body: { phone: '029 2018 0123', address: { town: 'Swansea', postcode: 'SA2 7JU' }, roles: ['admin'] },
    })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })
    expect(stored.phone).toBe('+442920180123')
    expect(stored.address?.postcode).toBe('SA2 7JU')
    expect(stored.roles).toEqual(['member'])
  })

  it('through the Local API acting for them, sees only themself', async () => {
    const found = await payload.find({ collection: 'users', overrideAccess: false, user: member.user, depth: 0 })
    expect(found.docs.map((d) => d.id)).toEqual([member.user.id])
  })
})

describe('granting roles', () => {
  it('an admin grants and removes staff roles', async () => {
    const target = await createUser(payload, ['member'])
    const grant = await rest('PATCH', `/users/${target.user.id}`, { token: admin.token, body: { roles: ['treasurer', 'member'] } })
    expect(grant.status).toBe(200)
    expect(await roleOf(target.user.id)).toEqual(['treasurer', 'member'])
    const revoke = await rest('PATCH', `/users/${target.user.id}`, { token: admin.token, body: { roles: ['member'] } })
    expect(revoke.status).toBe(200)
    expect(await roleOf(target.user.id)).toEqual(['member'])
  })

  it('an admin cannot grant superuser (403, nothing changes)', async () => {
    const target = await createUser(payload, ['member'])
    const res = await rest('PATCH', `/users/${target.user.id}`, { token: admin.token, body: { roles: ['superuser'] } })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toMatch(/superuser/)
    expect(await roleOf(target.user.id)).toEqual(['member'])

    const created = await rest('POST', '/users', { token: admin.token, body: signUp({ roles: ['superuser'] }) })
    expect(created.status).toBe(403)
  })

  it('an admin cannot change or delete a superuser account', async () => {
    const patch = await rest('PATCH', `/users/${superuser.user.id}`, { token: admin.token, body: { email: uniqueEmail('takeover') } })
    expect(patch.status).toBe(403)
    const del = await rest('DELETE', `/users/${superuser.user.id}`, { token: admin.token })
    expect(del.status).toBe(403)
    const stored = await payload.findByID({ collection: 'users', id: superuser.user.id, depth: 0 })
    expect(stored.email).toBe(superuser.user.email)
  })

  it('a secretary manages members but their role changes are ignored', async () => {
    const target = await createUser(payload, ['member'])
    const res = await rest('PATCH', `/users/${target.user.id}`, { token: secretary.token, body: { roles: ['admin'], lastName: 'Renamed' } })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id: target.user.id, depth: 0 })
    expect(stored.lastName).toBe('Renamed')
    expect(stored.roles).toEqual(['member'])
  })

  it('a superuser grants superuser, and cannot drop their own', async () => {
    const target = await createUser(payload, ['member'])
    const res = await rest('PATCH', `/users/${target.user.id}`, { token: superuser.token, body: { roles: ['superuser', 'member'] } })
    expect(res.status).toBe(200)
    expect(await roleOf(target.user.id)).toContain('superuser')

    const self = await rest('PATCH', `/users/${superuser.user.id}`, { token: superuser.token, body: { roles: ['member'] } })
    expect(self.status).toBe(403)
    expect(await roleOf(superuser.user.id)).toContain('superuser')
  })
})

describe('signing in', () => {
  it('after five wrong passwords from one address, that address waits (429) but the owner signs in from theirs', async () => {
    const { user } = await createUser(payload, ['member'])
    const stranger = { 'x-hangar-peer-address': '203.0.113.66' }
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await rest('POST', '/users/login', { headers: stranger, body: { email: user.email, password: 'wrong-password' } })
      expect(res.status).toBe(401)
    }
    const throttled = await rest('POST', '/users/login', { headers: stranger, body: { email: user.email, password: PASSWORD } })
    expect(throttled.status).toBe(429)
    expect(throttled.body.token).toBeUndefined()
    const owner = await rest('POST', '/users/login', { headers: { 'x-hangar-peer-address': '203.0.113.67' }, body: { email: user.email, password: PASSWORD } })
    expect(owner.status).toBe(200)
  })

  it('a signed-in request knows the person and their roles, /users/me and the member site still have the whole profile, and a signed-out token signs nothing in', async () => {
    const { user, token } = await createUser(payload, ['treasurer', 'member'], { phone: '07911 123456', address: { line1: '1 Runway Road', town: 'Aerodrome' } } as never)
    const headers = new Headers({ Authorization: `JWT ${token}` })
    // what API requests read (collections/users/signedInStrategy.ts): enough for access, not the profile
    const { user: apiUser } = await executeAuthStrategies({ headers, payload })
    expect(apiUser).toMatchObject({ id: user.id, email: user.email, roles: ['treasurer', 'member'], collection: 'users', _strategy: 'local-jwt' })
    expect((apiUser as unknown as User).phone).toBeUndefined()
    // the treasurer's role works through it: payments are theirs to read
    expect((await rest('GET', '/payments?limit=1', { token })).status).toBe(200)
    const me = await rest('GET', '/users/me', { token })
    expect(me.body.user).toMatchObject({ id: user.id, phone: '+447911123456', address: { line1: '1 Runway Road', town: 'Aerodrome' } })
    const page = await userFromHeaders(payload, headers)
    expect(page).toMatchObject({ id: user.id, phone: '+447911123456', address: { line1: '1 Runway Road' } })

    // a token that is not one signs nothing in, on either path, and is no error
    const forged = new Headers({ Authorization: 'JWT not.a.token' })
    expect((await executeAuthStrategies({ headers: forged, payload })).user).toBeNull()
    expect(await userFromHeaders(payload, forged)).toBeNull()
    expect((await rest('GET', '/users/me', { headers: { Authorization: 'JWT not.a.token' } })).status).toBe(200)

    expect((await rest('POST', '/users/logout', { token })).status).toBe(200)
    expect((await executeAuthStrategies({ headers, payload })).user).toBeNull()
    expect(await userFromHeaders(payload, headers)).toBeNull()
    expect((await rest('GET', '/users/me', { token })).body.user).toBeNull()
    expect((await rest('GET', '/payments?limit=1', { token })).status).toBe(403)
  })

  it('the signed-in person is read as Payload reads the same fields (roles and every session in order), and a deleted account signs nothing in', async () => {
    const { user, token } = await createUser(payload, ['treasurer', 'member'])
    const again = await rest('POST', '/users/login', { body: { email: user.email, password: PASSWORD } })
    expect(again.status).toBe(200)
    const { collection: _c1, ...asPayloadReads } = (await payload.findByID({ collection: 'users', id: user.id, depth: 0, select: SIGNED_IN_FIELDS })) as unknown as Record<string, unknown>
    const { collection: _c2, ...asSignedIn } = (await readSignedIn(payload, user.id)) as unknown as Record<string, unknown>
    expect((asPayloadReads.sessions as unknown[]).length).toBe(2)
    expect(asSignedIn).toEqual(asPayloadReads)
    expect(await readSignedIn(payload, 999_999_999)).toBeNull()

    const headers = new Headers({ Authorization: `JWT ${token}` })
    expect((await executeAuthStrategies({ headers, payload })).user).toMatchObject({ id: user.id, roles: ['treasurer', 'member'] })
    await payload.delete({ collection: 'users', id: user.id })
    expect((await executeAuthStrategies({ headers, payload })).user).toBeNull()
    expect((await rest('GET', '/payments?limit=1', { token })).status).toBe(403)
  })

  it('sets an HTTP-only cookie on success', async () => {
    const { user } = await createUser(payload, ['member'])
    const res = await rest('POST', '/users/login', { body: { email: user.email, password: PASSWORD } })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/payload-token=.+HttpOnly/i)
  })

  it('integrators authenticate with an API key and get the same access as the account', async () => {
    const integrator = await createUser(payload, ['treasurer', 'member'])
    const apiKey = 'a3f1c2d4-integration-key-0001'
    await payload.update({ collection: 'users', id: integrator.user.id, data: { enableAPIKey: true, apiKey } })

    const list = await rest('GET', '/users?limit=1', { apiKey })
    expect(list.status).toBe(200)
    expect(list.body.totalDocs).toBeGreaterThan(1)

    const write = await rest('PATCH', `/users/${member.user.id}`, { apiKey, body: { phone: '000' } })
    expect(write.status).toBe(403)

    const wrong = await rest('GET', '/users', { apiKey: 'not-a-key' })
    expect(wrong.status).toBe(403)
  })
})

describe('unlocking an account (POST /api/users/unlock)', () => {
  it('is refused to members, staff other than admins, and visitors (403)', async () => {
    const target = await createUser(payload, ['member'])
    const treasurer = await createUser(payload, ['treasurer', 'member'])
    for (const token of [member.token, secretary.token, treasurer.token, undefined]) {
      const res = await rest('POST', '/users/unlock', { token, body: { email: target.user.email } })
      expect(res.status).toBe(403)
      expect(res.body.errors[0].message).toBeTruthy()
    }
  })

  it('is allowed to admins and superusers', async () => {
    const target = await createUser(payload, ['member'])
    expect((await rest('POST', '/users/unlock', { token: admin.token, body: { email: target.user.email } })).status).toBe(200)
    expect((await rest('POST', '/users/unlock', { token: superuser.token, body: { email: target.user.email } })).status).toBe(200)
  })
})
