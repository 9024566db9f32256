import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { bootPayload, rest } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

const firstUser = {
  email: 'chair@alliance.example',
  password: 'first-admin-password',
  'confirm-password': 'first-admin-password',
  firstName: 'Chris',
  lastName: 'Chair',
}

describe('the first account made in the admin panel', () => {
  it('becomes the superuser, whatever roles the form sent', async () => {
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(0)
    const res = await rest('POST', '/users/first-register', { body: { ...firstUser, roles: ['member'] } })
    expect(res.status).toBe(200)
    expect(res.body.user.roles).toEqual(['superuser'])
    expect(res.body.token).toBeTruthy()

    const me = await rest('GET', '/users/me', { token: res.body.token })
    expect(me.body.user.email).toBe(firstUser.email)
    expect(me.body.user.roles).toEqual(['superuser'])
    // made by whoever installs Hangar, not a self-registration: no link to confirm
    expect(me.body.user.emailVerifiedAt).toBeTruthy()
  })

  it('cannot be repeated once an account exists', async () => {
    const res = await rest('POST', '/users/first-register', {
      body: { ...firstUser, email: 'intruder@example.org' },
    })
    expect(res.status).toBe(403)
    expect((await payload.count({ collection: 'users', where: { email: { equals: 'intruder@example.org' } } })).totalDocs).toBe(0)
  })

  it('is not what self-registration does: a sign-up is a plain member', async () => {
    const res = await rest('POST', '/users', {
      body: { email: 'joiner@example.org', password: 'joiner-password', firstName: 'Jo', lastName: 'Iner', roles: ['superuser'], acceptPrivacyPolicy: true },
    })
    expect(res.status).toBe(201)
    const joined = await payload.find({ collection: 'users', where: { email: { equals: 'joiner@example.org' } }, depth: 0 })
    expect(joined.docs[0]!.roles).toEqual(['member'])
  })
})
