/**
 * Throttling of sign-in and the public forms (issue 12 point 10, SPEC §11): 429 with Retry-After,
 * per address and per account, and a flood from one address never locks the owner out elsewhere.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { PASSWORD, bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

let octet = 0
/** A fresh client address (the server stamps each request with its socket's address). */
const newAddress = () => `198.51.100.${++octet}`
const from = (address: string) => ({ 'x-hangar-peer-address': address })

const expectThrottled = (res: { status: number; body: any; headers: Headers }) => {
  expect(res.status).toBe(429)
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(res.body.errors[0].message).toMatch(/too many attempts/i)
}

async function inParallel<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++
        results[index] = await task(index)
      }
    }),
  )
  return results
}

describe('sign-in', () => {
  it('a 200-request flood of wrong passwords from one address gets 429s, and the owner still signs in from another', async () => {
    const { user } = await createUser(payload, ['member'])
    const attacker = from(newAddress())
    const started = Date.now()
    const flood = await inParallel(200, 20, () => rest('POST', '/users/login', { headers: attacker, body: { email: user.email, password: 'not-the-password' } }))
    const statuses = flood.map((res) => res.status)
    const throttled = statuses.filter((status) => status === 429).length
    console.log(`login flood: ${throttled} of 200 answered 429, ${statuses.filter((s) => s === 401).length} got 401 (${Date.now() - started} ms)`)
    expect(statuses.filter((status) => status === 401)).toHaveLength(5)
    expect(throttled).toBe(195)
    expectThrottled(flood.find((res) => res.status === 429)!)

    // the attacker's address stays throttled even with the right password…
    expectThrottled(await rest('POST', '/users/login', { headers: attacker, body: { email: user.email, password: PASSWORD } }))
    // …while the owner, from their own address, signs in
    const owner = await rest('POST', '/users/login', { headers: from(newAddress()), body: { email: user.email, password: PASSWORD } })
    expect(owner.status).toBe(200)
    expect(owner.body.token).toBeTruthy()
  })

  it('counts failures in a row: a success from the address starts the count again', async () => {
    const { user } = await createUser(payload, ['member'])
    const address = from(newAddress())
    const attempt = (password: string) => rest('POST', '/users/login', { headers: address, body: { email: user.email, password } })
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password')).status).toBe(401)
    expect((await attempt(PASSWORD)).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401)
    expectThrottled(await attempt('wrong-password'))
  })

  it('limits one address trying many accounts', async () => {
    const address = from(newAddress())
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) {
      statuses.push((await rest('POST', '/users/login', { headers: address, body: { email: uniqueEmail('guess'), password: 'password-guess' } })).status)
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true)
    expect(statuses[30]).toBe(429)
  })
})

describe('registration (anonymous POST /api/users)', () => {
  const signUp = (email = uniqueEmail('joiner')) => ({ email, password: 'Joiner-password-2026', firstName: 'Jo', lastName: 'Iner', acceptPrivacyPolicy: true })

  it('is throttled per address', async () => {
    const address = from(newAddress())
    for (let i = 0; i < 10; i++) expect((await rest('POST', '/users', { headers: address, body: signUp() })).status).toBe(201)
    const blocked = await rest('POST', '/users', { headers: address, body: signUp() })
    expectThrottled(blocked)
  })

  it('is throttled per email address, whichever address asks', async () => {
    const email = uniqueEmail('popular')
    for (let i = 0; i < 3; i++) expect((await rest('POST', '/users', { headers: from(newAddress()), body: signUp(email) })).status).toBe(201)
    expectThrottled(await rest('POST', '/users', { headers: from(newAddress()), body: signUp(email) }))
  })

  it('answers a filled honeypot as a success and creates nothing', async () => {
    const email = uniqueEmail('bot')
    const res = await rest('POST', '/users', { headers: from(newAddress()), body: { ...signUp(email), website: 'https://spam.example' } })
    expect(res.status).toBe(201)
    expect((await payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(0)
  })
})

describe('forgot-password and reset-password', () => {
  it('forgot-password is throttled per email address and per address', async () => {
    const { user } = await createUser(payload, ['member'])
    for (let i = 0; i < 3; i++) expect((await rest('POST', '/users/forgot-password', { headers: from(newAddress()), body: { email: user.email } })).status).toBe(200)
    expectThrottled(await rest('POST', '/users/forgot-password', { headers: from(newAddress()), body: { email: user.email } }))

    const address = from(newAddress())
    for (let i = 0; i < 10; i++) expect((await rest('POST', '/users/forgot-password', { headers: address, body: { email: uniqueEmail('nobody') } })).status).toBe(200)
    expectThrottled(await rest('POST', '/users/forgot-password', { headers: address, body: { email: uniqueEmail('nobody') } }))
  })

  it('forgot-password answers a filled honeypot as a success and sets no token', async () => {
    const { user } = await createUser(payload, ['member'])
    const res = await rest('POST', '/users/forgot-password', { headers: from(newAddress()), body: { email: user.email, website: 'x' } })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id: user.id, showHiddenFields: true })
    expect(stored.resetPasswordToken ?? null).toBeNull()
  })

  it('reset-password is throttled per address', async () => {
    const address = from(newAddress())
    for (let i = 0; i < 10; i++) {
      expect((await rest('POST', '/users/reset-password', { headers: address, body: { token: `guess-${i}`, password: 'Another-password-2026' } })).status).toBe(403)
    }
    expectThrottled(await rest('POST', '/users/reset-password', { headers: address, body: { token: 'guess-x', password: 'Another-password-2026' } }))
  })
})

describe('unlock', () => {
  it('is throttled per address even for an admin', async () => {
    const admin = await createUser(payload, ['admin', 'member'])
    const address = from(newAddress())
    const target = await createUser(payload, ['member'])
    for (let i = 0; i < 5; i++) expect((await rest('POST', '/users/unlock', { token: admin.token, headers: address, body: { email: target.user.email } })).status).toBe(200)
    expectThrottled(await rest('POST', '/users/unlock', { token: admin.token, headers: address, body: { email: target.user.email } }))
  })
})
