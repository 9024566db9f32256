import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { DEMO_ACCOUNTS, DEMO_ORGANISATION, DEMO_TIERS, seedDemoData } from '@/seed/demo'

import { bootPayload, rest } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

describe('demo data', () => {
  it('creates the organisation and the demo accounts, which can sign in', async () => {
    const report = await seedDemoData(payload)
    expect(report.created).toHaveLength(1 + DEMO_TIERS.length + DEMO_ACCOUNTS.length + 2)

    const settings = await payload.findGlobal({ slug: 'settings' })
    expect(settings.organisationName).toBe(DEMO_ORGANISATION.organisationName)
    expect(settings.membershipNumberPrefix).toBe('SASA-')

    const tiers = await rest('GET', '/tiers?sort=sortOrder')
    expect(tiers.body.docs.map((t: { name: string; fee: number; currency: string }) => [t.name, t.fee, t.currency])).toEqual([
      ['Personal', 500, 'GBP'],
      ['Aircraft Owners', 2500, 'GBP'],
      ['Corporate', 10000, 'GBP'],
    ])

    for (const account of DEMO_ACCOUNTS) {
      const res = await rest('POST', '/users/login', { body: { email: account.email, password: account.password } })
      expect(res.status).toBe(200)
      expect(res.body.user.roles).toEqual(account.roles)
    }

    const member = await rest('POST', '/users/login', { body: { email: 'member@hangar.test', password: 'hangar-member-demo' } })
    const memberships = await rest('GET', '/memberships?depth=0', { token: member.body.token })
    expect(memberships.body.docs).toHaveLength(1)
    expect(memberships.body.docs[0]).toMatchObject({ status: 'active', membershipNumber: 'SASA-000001' })

    // they volunteer: the Fire and General roles, covered by a verified certificate, and a fly-in shift
    const mine = await rest('GET', '/volunteer-assignments/me', { token: member.body.token })
    expect(mine.body.roles.map((r: { name: string; flag: string }) => [r.name, r.flag])).toEqual([
      ['Fire', 'OK'],
      ['General', 'OK'],
    ])
    expect(mine.body.upcoming).toHaveLength(1)
    expect(mine.body.open.map((s: { role: string }) => s.role).sort()).toEqual(['Fire', 'General'])
  })

  it('is idempotent: a second run changes nothing', async () => {
    const before = (await payload.count({ collection: 'users' })).totalDocs
    const report = await seedDemoData(payload)
    expect(report.created).toEqual([])
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(before)
    expect((await payload.count({ collection: 'tiers' })).totalDocs).toBe(DEMO_TIERS.length)
    expect((await payload.count({ collection: 'payments' })).totalDocs).toBe(1)
  })

  it('leaves a customised organisation name alone', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Gower Flying Club' } })
    await seedDemoData(payload)
    expect((await payload.findGlobal({ slug: 'settings' })).organisationName).toBe('Gower Flying Club')
  })
})
