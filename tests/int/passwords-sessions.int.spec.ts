/**
 * Passwords and sessions (issue 12 point 15, SPEC §11): at least 12 characters and not a common
 * password, on registration, change and reset; a reset or change ends the account's other sessions.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { PASSWORD, bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

let octet = 0
const from = () => ({ 'x-hangar-peer-address': `203.0.113.${++octet}` })

const signIn = async (email: string, password = PASSWORD) => {
  const res = await rest('POST', '/users/login', { headers: from(), body: { email, password } })
  return { status: res.status, token: res.body.token as string }
}
const whoIs = async (token: string) => (await rest('GET', '/users/me', { token })).body.user?.email ?? null

const expectPasswordRefused = (res: { status: number; body: any }, message: RegExp) => {
  expect(res.status).toBe(400)
  const errors = res.body.errors[0].data.errors as Array<{ path: string; message: string }>
  expect(errors.map((error) => error.path)).toEqual(['password'])
  expect(errors[0]!.message).toMatch(message)
}

describe('password rules', () => {
  const signUp = (password: string) => ({ email: uniqueEmail('joiner'), password, firstName: 'Jo', lastName: 'Iner', acceptPrivacyPolicy: true })

  it('registration refuses a short or common password (400 naming the password) and creates nothing', async () => {
    const short = signUp('abc')
    expectPasswordRefused(await rest('POST', '/users', { headers: from(), body: short }), /at least 12 characters/)
    const common = signUp('password1234')
    expectPasswordRefused(await rest('POST', '/users', { headers: from(), body: common }), /too common/)
    expectPasswordRefused(await rest('POST', '/users', { headers: from(), body: signUp('qwertyuiop123') }), /too common/)
    for (const email of [short.email, common.email]) {
      expect((await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(0)
    }
    expect((await rest('POST', '/users', { headers: from(), body: signUp('Harbour-lights-at-dusk') })).status).toBe(201)
  })

  it('a password change is held to the same rules, and the old password keeps working when refused', async () => {
    const { user, token } = await createUser(payload, ['member'])
    expectPasswordRefused(await rest('PATCH', `/users/${user.id}`, { token, body: { password: 'short' } }), /at least 12/)
    expectPasswordRefused(await rest('PATCH', `/users/${user.id}`, { token, body: { password: 'abcdefghijkl' } }), /too common/)
    expect((await signIn(user.email)).status).toBe(200)
  })

  it('the Local API is held to them too (seeds, scripts)', async () => {
    await expect(
      payload.create({ collection: 'users', data: { email: uniqueEmail('local'), password: '123456789012', firstName: 'L', lastName: 'Ocal', roles: ['member'] } }),
    ).rejects.toMatchObject({ status: 400 })
  })
})

describe('sessions end when the password changes', () => {
  it('a change by the owner keeps the session that made it and ends the others', async () => {
    const { user } = await createUser(payload, ['member'])
    const laptop = (await signIn(user.email)).token
    const phone = (await signIn(user.email)).token
    expect(await whoIs(phone)).toBe(user.email)

    const change = await rest('PATCH', `/users/${user.id}`, { token: laptop, body: { password: 'Rotor-blades-turning-2027' } })
    expect(change.status).toBe(200)
    expect(await whoIs(laptop)).toBe(user.email)
    expect(await whoIs(phone)).toBeNull()
    expect((await signIn(user.email)).status).toBe(401)
    expect((await signIn(user.email, 'Rotor-blades-turning-2027')).status).toBe(200)
  })

  it('a change by an admin ends every session of the account', async () => {
    const admin = await createUser(payload, ['admin', 'member'])
    const { user } = await createUser(payload, ['member'])
    const session = (await signIn(user.email)).token
    expect((await rest('PATCH', `/users/${user.id}`, { token: admin.token, body: { password: 'Windsock-points-north-7' } })).status).toBe(200)
    expect(await whoIs(session)).toBeNull()
    expect(await whoIs(admin.token)).toBe(admin.user.email)
  })

  it('a reset ends every earlier session; the reset’s own token works, and the new password is checked', async () => {
    const { user } = await createUser(payload, ['member'])
    const before = [(await signIn(user.email)).token, (await signIn(user.email)).token]
    const token = await payload.forgotPassword({ collection: 'users', data: { email: user.email }, disableEmail: true })

    expectPasswordRefused(await rest('POST', '/users/reset-password', { headers: from(), body: { token, password: 'letmein' } }), /at least 12/)
    for (const old of before) expect(await whoIs(old)).toBe(user.email) // a refused reset changes nothing

    const reset = await rest('POST', '/users/reset-password', { headers: from(), body: { token, password: 'Tailwind-on-final-approach' } })
    expect(reset.status).toBe(200)
    for (const old of before) expect(await whoIs(old)).toBeNull()
    expect(await whoIs(reset.body.token)).toBe(user.email)
    expect((await signIn(user.email)).status).toBe(401)
    expect((await signIn(user.email, 'Tailwind-on-final-approach')).status).toBe(200)
  })
})
