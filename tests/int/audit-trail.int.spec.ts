/**
 * Audit history of people and payments (issue 15, point 11; hooks/auditTrail.ts): who changed
 * which field and when, in the change's own transaction, readable by admins only, never holding
 * a secret or a personal value.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tier } from '@payload-types'

import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, PASSWORD, rest } from './helpers/payload'

let payload: Payload
let tier: Tier
let admin: Awaited<ReturnType<typeof createUser>>
let treasurer: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin'])
  treasurer = await createUser(payload, ['treasurer'])
  tier = (await payload.create({ collection: 'tiers', data: { name: 'Audited', fee: 2000, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } })) as Tier
})

const trail = async (where: Record<string, unknown>) =>
  (await payload.find({ collection: 'audit-entries', where: where as never, sort: 'createdAt', depth: 0, limit: 100 })).docs as Array<Record<string, any>>

describe('audit trail', () => {
  it('records who changed a person, which fields and when; values only of their settings; never a secret', async () => {
    const { user, token } = await createUser(payload, ['member'])
    expect(await trail({ person: { equals: user.id } })).toMatchObject([{ operation: 'create', actor: null, actorLabel: 'Hangar (system)' }])

    expect((await rest('PATCH', `/users/${user.id}`, { token: admin.token, body: { roles: ['member', 'events'], phone: '029 2018 0101' } })).status).toBe(200)
    expect((await rest('PATCH', `/users/${user.id}`, { token, body: { firstName: 'Renamed', password: 'a-brand-new-password-2026', currentPassword: PASSWORD } })).status).toBe(200)
    const entries = await trail({ person: { equals: user.id } })
    expect(entries.slice(1)).toMatchObject([
      { operation: 'update', actor: admin.user.id, actorLabel: admin.user.email, changes: [{ field: 'phone', redacted: true }, { field: 'roles', before: ['member'], after: ['member', 'events'] }] },
      { operation: 'update', actor: user.id, changes: expect.arrayContaining([{ field: 'firstName', redacted: true }, { field: 'password', redacted: true }]) },
    ])
    const text = JSON.stringify(entries)
    for (const secret of ['Renamed', '2018', 'a-brand-new-password', '"hash"', '"salt"', 'sessions']) expect(text).not.toContain(secret)
  })

  it('records payments as they are entered and refunded, with amounts and who did it', async () => {
    const { membership } = await memberWithMembership(payload, tier, { status: 'awaiting_payment', periodEnd: daysFrom(new Date(), 0) })
    const entered = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membership.id, method: 'cash', amount: 2000 } })
    expect(entered.status, JSON.stringify(entered.body)).toBe(201)
    const payment = entered.body.doc
    expect((await rest('POST', `/payments/${payment.id}/refund`, { token: treasurer.token, body: { amount: 500, reason: 'Overpaid' } })).status).toBe(200)
    const entries = await trail({ payment: { equals: payment.id } })
    expect(entries[0]).toMatchObject({ operation: 'create', actor: treasurer.user.id })
    expect(entries[0]!.changes).toEqual(expect.arrayContaining([{ field: 'amount', before: null, after: 2000 }]))
    const refund = entries.find((entry) => entry.operation === 'update' && (entry.changes as Array<{ field: string }>).some((change) => change.field === 'refunds'))
    expect(refund).toMatchObject({ actor: treasurer.user.id })
    expect(refund!.changes).toEqual(expect.arrayContaining([{ field: 'status', before: 'succeeded', after: 'partially_refunded' }]))
  })

  it('is read by admins only and written by nobody through the API', async () => {
    const { user, token } = await createUser(payload, ['member'])
    expect((await rest('GET', '/audit-entries', { token: admin.token })).body.totalDocs).toBeGreaterThan(0)
    for (const reader of [token, treasurer.token, undefined]) expect((await rest('GET', '/audit-entries', { token: reader })).status).toBe(403)
    const [entry] = await trail({ person: { equals: user.id } })
    expect((await rest('POST', '/audit-entries', { token: admin.token, body: { collection: 'users', document: user.id, operation: 'update' } })).status).toBe(403)
    expect((await rest('PATCH', `/audit-entries/${entry!.id}`, { token: admin.token, body: { summary: 'nothing happened' } })).status).toBe(403)
    expect((await rest('DELETE', `/audit-entries/${entry!.id}`, { token: admin.token })).status).toBe(403)
  })
})
