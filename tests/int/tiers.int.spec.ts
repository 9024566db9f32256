import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let adminToken: string

const tier = (overrides: Record<string, unknown> = {}) => ({
  name: `Tier ${Math.random().toString(36).slice(2, 8)}`,
  fee: 500,
  currency: 'GBP',
  period: 'rolling',
  kind: 'individual',
  graceDays: 30,
  ...overrides,
})

beforeAll(async () => {
  payload = await bootPayload()
  adminToken = (await createUser(payload, ['admin', 'member'])).token
})

const fieldsIn = (body: any) => body.errors[0].data.errors.map((e: { path: string }) => e.path)

describe('tiers', () => {
  it('an admin creates a calendar tier with its renewal date', async () => {
    const res = await rest('POST', '/tiers', {
      token: adminToken,
      body: tier({ name: 'Flying Club', period: 'calendar', renewalDay: 1, renewalMonth: '4', fee: 3500 }),
    })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ fee: 3500, currency: 'GBP', period: 'calendar', renewalDay: 1, renewalMonth: '4' })
  })

  it('refuses a fee that is not whole minor units, creating nothing', async () => {
    const before = (await payload.count({ collection: 'tiers' })).totalDocs
    for (const fee of [4.99, -100, 'five pounds']) {
      const res = await rest('POST', '/tiers', { token: adminToken, body: tier({ fee }) })
      expect(res.status).toBe(400)
      expect(fieldsIn(res.body)).toContain('fee')
    }
    expect((await payload.count({ collection: 'tiers' })).totalDocs).toBe(before)
  })

  it('refuses a calendar tier without a renewal date and an organisation without seats', async () => {
    const calendar = await rest('POST', '/tiers', { token: adminToken, body: tier({ period: 'calendar' }) })
    expect(calendar.status).toBe(400)
    expect(fieldsIn(calendar.body).sort()).toEqual(['renewalDay', 'renewalMonth'])

    const organisation = await rest('POST', '/tiers', { token: adminToken, body: tier({ kind: 'organisation' }) })
    expect(organisation.status).toBe(400)
    expect(fieldsIn(organisation.body)).toEqual(['seats'])
  })

  it('refuses a second tier with the same name', async () => {
    expect((await rest('POST', '/tiers', { token: adminToken, body: tier({ name: 'Student' }) })).status).toBe(201)
    const again = await rest('POST', '/tiers', { token: adminToken, body: tier({ name: 'Student' }) })
    expect(again.status).toBe(400)
  })

  it('shows visitors only public tiers that are still active, in sort order', async () => {
    await rest('POST', '/tiers', { token: adminToken, body: tier({ name: 'Z Retired', active: false, sortOrder: 1 }) })
    await rest('POST', '/tiers', { token: adminToken, body: tier({ name: 'Y Hidden', public: false, sortOrder: 2 }) })
    await rest('POST', '/tiers', { token: adminToken, body: tier({ name: 'B Second', sortOrder: 20 }) })
    await rest('POST', '/tiers', { token: adminToken, body: tier({ name: 'A First', sortOrder: 10 }) })

    const res = await rest('GET', '/tiers?limit=100')
    const names = res.body.docs.map((t: { name: string }) => t.name)
    expect(names).not.toContain('Z Retired')
    expect(names).not.toContain('Y Hidden')
    expect(names.indexOf('A First')).toBeLessThan(names.indexOf('B Second'))

    const all = await rest('GET', '/tiers?limit=100', { token: adminToken })
    expect(all.body.docs.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Z Retired', 'Y Hidden']))
  })
})
