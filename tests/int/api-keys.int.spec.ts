/**
 * Issue 12, point 6: an API key is readable by its owner alone — not through a list, select,
 * filter, sort, GraphQL or a populated relationship — and the data migration rotates every key.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { GRAPHQL_POST } from '@payloadcms/next/routes'

import { up as rotateMigrationUp } from '../../migrations/20261205_120000_rotate_api_keys'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
const SUPER_KEY = 'aaaa1111-superuser-known-key-0000'
const OTHER_KEY = 'zzzz9999-other-known-key-9999'
let superuser: { id: number | string; token: string }
let other: { id: number | string }
const tokens: Record<string, string> = {}

async function graphql(query: string, token?: string) {
  const { default: config } = await import('@payload-config')
  const request = new Request('http://localhost:3000/api/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    body: JSON.stringify({ query }),
  })
  const response = await GRAPHQL_POST(config)(request)
  return (await response.json()) as { data?: any; errors?: { message: string }[] }
}

/** What the key authenticates as: the user's id, or null when it is not (or no longer) a key. */
async function whoIs(apiKey: string) {
  const res = await rest('GET', '/users/me', { apiKey })
  expect(res.status).toBe(200)
  return res.body.user?.id ?? null
}

beforeAll(async () => {
  payload = await bootPayload()
  const su = await createUser(payload, ['superuser', 'member'], { enableAPIKey: true, apiKey: SUPER_KEY } as never)
  superuser = { id: su.user.id, token: su.token }
  const someone = await createUser(payload, ['member'], { enableAPIKey: true, apiKey: OTHER_KEY } as never)
  other = { id: someone.user.id }
  for (const role of ['admin', 'volunteers', 'secretary', 'member'] as const) {
    tokens[role] = (await createUser(payload, role === 'member' ? ['member'] : [role, 'member'])).token
  }
  // a payment recorded by the superuser, so population would carry their account
  await payload.create({
    collection: 'payments',
    data: { member: someone.user.id, amount: 500, currency: 'GBP', method: 'cash', purpose: 'donation', recordedBy: su.user.id } as never,
  })
})

describe('the owner', () => {
  it('reads their own key (as the admin panel shows it) and can sign in with it', async () => {
    const res = await rest('GET', `/users/${superuser.id}?depth=0`, { token: superuser.token })
    expect(res.status).toBe(200)
    expect(res.body.apiKey).toBe(SUPER_KEY)
    expect(res.body.enableAPIKey).toBe(true)
    expect(await whoIs(SUPER_KEY)).toBe(superuser.id)
  })

  it('does not read another account’s key, even as a superuser', async () => {
    const res = await rest('GET', `/users/${other.id}?depth=0`, { token: superuser.token })
    expect(res.status).toBe(200)
    expect(res.body).not.toHaveProperty('apiKey')
  })

  it('is the only one who can replace or revoke their key', async () => {
    const res = await rest('PATCH', `/users/${other.id}`, { token: tokens.admin, body: { enableAPIKey: false, apiKey: 'chosen-by-admin' } })
    expect(res.status).toBe(200)
    expect(await whoIs(OTHER_KEY)).toBe(other.id)
    expect(await whoIs('chosen-by-admin')).toBeNull()
  })
})

for (const role of ['admin', 'secretary', 'volunteers', 'member'] as const) {
  describe(`a ${role}`, () => {
    it('cannot read or select a superuser’s key', async () => {
      for (const path of [`/users?depth=0&limit=100`, `/users?select[apiKey]=true&select[enableAPIKey]=true&select[apiKeyIndex]=true&limit=100`, `/users/${superuser.id}?select[apiKey]=true`]) {
        const res = await rest('GET', path, { token: tokens[role] })
        const docs = res.body?.docs ?? (res.status === 200 ? [res.body] : [])
        expect(JSON.stringify(docs)).not.toContain(SUPER_KEY)
        for (const doc of docs.filter((d: { id: unknown }) => d.id === superuser.id || d.id === other.id)) {
          expect(doc).not.toHaveProperty('apiKey')
          expect(doc).not.toHaveProperty('apiKeyIndex')
        }
      }
    })

    it('cannot filter on the key (where[apiKey][like]) or its index', async () => {
      for (const field of ['apiKey', 'apiKeyIndex', 'enableAPIKey']) {
        const value = field === 'enableAPIKey' ? 'true' : SUPER_KEY.slice(0, 4)
        const res = await rest('GET', `/users?where[${field}][${field === 'enableAPIKey' ? 'equals' : 'like'}]=${value}&depth=0`, { token: tokens[role] })
        expect(res.status, `${field}`).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
        expect(res.body.errors?.[0]?.message).toBeTruthy()
      }
    })

    it('cannot sort by the key', async () => {
      for (const sort of ['apiKey', '-apiKey', 'apiKeyIndex']) {
        const res = await rest('GET', `/users?sort=${sort}&depth=0`, { token: tokens[role] })
        expect(res.status, sort).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
      }
    })

    it('cannot get the key through GraphQL', async () => {
      const read = await graphql(`{ Users(limit: 100) { docs { id apiKey enableAPIKey } } }`, tokens[role])
      expect(JSON.stringify(read)).not.toContain(SUPER_KEY)
      const filtered = await graphql(`{ Users(where: { apiKey: { like: "${SUPER_KEY.slice(0, 4)}" } }) { totalDocs } }`, tokens[role])
      expect(filtered.errors?.length).toBeGreaterThan(0)
      expect(filtered.data?.Users?.totalDocs ?? null).toBeNull()
    })

    it('cannot get the key through a populated relationship (payments.recordedBy)', async () => {
      const res = await rest('GET', `/payments?depth=2&limit=100`, { token: tokens[role] })
      expect(JSON.stringify(res.body)).not.toContain(SUPER_KEY)
    })
  })
}

describe('rotation (migration 20261205_120000_rotate_api_keys)', () => {
  it('replaces every key: a key used before no longer works, the owner reads the new one', async () => {
    const owner = await createUser(payload, ['member'], { enableAPIKey: true, apiKey: 'before-rotation-key-1234' } as never)
    expect(await whoIs('before-rotation-key-1234')).toBe(owner.user.id)
    const withoutKey = await createUser(payload, ['member'])

    await rotateMigrationUp({ payload, req: { payload } } as never)

    expect(await whoIs('before-rotation-key-1234')).toBeNull()
    expect(await whoIs(SUPER_KEY)).toBeNull()
    const mine = await rest('GET', `/users/${owner.user.id}?depth=0`, { token: owner.token })
    expect(mine.body.apiKey).toMatch(/^[0-9a-f-]{36}$/)
    expect(mine.body.apiKey).not.toBe('before-rotation-key-1234')
    expect(await whoIs(mine.body.apiKey)).toBe(owner.user.id)
    // an account that had no key still has none
    const none = await rest('GET', `/users/${withoutKey.user.id}?depth=0`, { token: withoutKey.token })
    expect(none.body.apiKey ?? null).toBeNull()
  })
})
