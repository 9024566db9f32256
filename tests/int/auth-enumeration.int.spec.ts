/**
 * Account enumeration (issue 12 point 11, SPEC §11): registration, sign-in, forgot-password and
 * the throttle say the same thing, in about the same time, whether or not an email has an account.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Notification } from '@payload-types'

import { PASSWORD, bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

let octet = 0
const from = () => ({ 'x-hangar-peer-address': `192.0.2.${++octet}` })

const notificationsTo = async (email: string, template: string) =>
  (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: email } }, { template: { equals: template } }] }, depth: 0 }))
    .docs as Notification[]

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now()
  const result = await task()
  return { ms: performance.now() - started, result }
}

describe('sign-in', () => {
  it('answers an unknown email and a wrong password alike, in about the same time', async () => {
    const { user } = await createUser(payload, ['member'])
    const login = (email: string) => rest('POST', '/users/login', { headers: from(), body: { email, password: 'a-wrong-password' } })
    // warm up both paths once
    await login(user.email)
    await login(uniqueEmail('nobody'))
    const existing: number[] = []
    const unknown: number[] = []
    let known: Awaited<ReturnType<typeof login>> | undefined
    let stranger: Awaited<ReturnType<typeof login>> | undefined
    for (let round = 0; round < 7; round++) {
      const a = await timed(() => login(user.email))
      const b = await timed(() => login(uniqueEmail('nobody')))
      existing.push(a.ms)
      unknown.push(b.ms)
      known = a.result
      stranger = b.result
    }
    console.log(
      `sign-in timing (${process.env.DATABASE_URL?.startsWith('postgres') ? 'Postgres' : 'SQLite'}): existing email median ${median(existing).toFixed(0)} ms, unknown email median ${median(unknown).toFixed(0)} ms`,
    )
    expect(known!.status).toBe(401)
    expect(stranger!.status).toBe(401)
    expect(stranger!.body).toEqual(known!.body)
    // without the equalising hash the unknown path is several times faster (738 vs 118 ms in the report)
    expect(median(unknown) * 3).toBeGreaterThan(median(existing))
  })

  it('the throttle answers an unknown email as it answers an account', async () => {
    const { user } = await createUser(payload, ['member'])
    const unknownEmail = uniqueEmail('nobody')
    const address = from()
    const answers: Array<{ status: number; body: unknown; retry: string | null }> = []
    for (const email of [user.email, unknownEmail]) {
      for (let i = 0; i < 5; i++) await rest('POST', '/users/login', { headers: address, body: { email, password: 'a-wrong-password' } })
      const res = await rest('POST', '/users/login', { headers: address, body: { email, password: 'a-wrong-password' } })
      answers.push({ status: res.status, body: res.body, retry: res.headers.get('retry-after') })
    }
    expect(answers[0]!.status).toBe(429)
    expect(answers[1]!.status).toBe(429)
    expect(answers[1]!.body).toEqual(answers[0]!.body)
    expect(Number(answers[1]!.retry)).toBeGreaterThan(0)
  })
})

describe('registration', () => {
  const signUp = (email: string) => ({ email, password: 'Joiner-password-2026', firstName: 'Jo', lastName: 'Iner', acceptPrivacyPolicy: true })

  it('answers an email that has an account as it answers a new one, and tells the owner instead', async () => {
    const { user: owner } = await createUser(payload, ['member'])
    const fresh = await rest('POST', '/users', { headers: from(), body: signUp(uniqueEmail('new')) })
    const taken = await rest('POST', '/users', { headers: from(), body: signUp(owner.email) })
    expect(fresh.status).toBe(201)
    expect(taken.body).toEqual(fresh.body)
    expect(taken.status).toBe(201)
    expect(taken.body).toEqual(fresh.body)
    expect(JSON.stringify(fresh.body)).not.toMatch(/"id"/)
    // the owner's account is untouched and they are told
    const [stored] = (await payload.find({ collection: 'users', where: { email: { equals: owner.email } }, depth: 0 })).docs
    expect(stored!.firstName).toBe(owner.firstName)
    const { token } = await payload.login({ collection: 'users', data: { email: owner.email, password: PASSWORD } })
    expect(token).toBeTruthy()
    const [notice] = await notificationsTo(owner.email, 'registration-attempt')
    expect(notice!.text).toMatch(/already have an account/)
    expect(notice!.text).toContain('/forgot-password')
  })

  it('reports invalid fields alike for both', async () => {
    const { user: owner } = await createUser(payload, ['member'])
    const fresh = await rest('POST', '/users', { headers: from(), body: { ...signUp(uniqueEmail('new')), firstName: '' } })
    const taken = await rest('POST', '/users', { headers: from(), body: { ...signUp(owner.email), firstName: '' } })
    expect(fresh.status).toBe(400)
    expect(taken.status).toBe(400)
    expect(taken.body).toEqual(fresh.body)
  })
})

describe('forgot-password', () => {
  it('answers alike for an account and an unknown email; only the account gets a link to the member site', async () => {
    const { user } = await createUser(payload, ['member'])
    const unknownEmail = uniqueEmail('nobody')
    const known = await timed(() => rest('POST', '/users/forgot-password', { headers: from(), body: { email: user.email } }))
    const stranger = await timed(() => rest('POST', '/users/forgot-password', { headers: from(), body: { email: unknownEmail } }))
    console.log(`forgot-password timing: existing ${known.ms.toFixed(0)} ms, unknown ${stranger.ms.toFixed(0)} ms`)
    expect(known.result.status).toBe(200)
    expect(stranger.result).toMatchObject({ status: known.result.status, body: known.result.body })

    await payload.jobs.run({ queue: 'email', limit: 20 })
    expect(await notificationsTo(unknownEmail, 'password-reset')).toHaveLength(0)
    const [mail] = await notificationsTo(user.email, 'password-reset')
    const stored = await payload.findByID({ collection: 'users', id: user.id, showHiddenFields: true })
    expect(stored.resetPasswordToken).toBeTruthy()
    expect(mail!.text).toContain(`/reset-password/${stored.resetPasswordToken}`)
    expect(mail!.text).not.toContain('/admin/reset')
  })

  it('refuses a missing email with 400 in Payload’s error shape', async () => {
    const res = await rest('POST', '/users/forgot-password', { headers: from(), body: {} })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toBeTruthy()
  })
})
