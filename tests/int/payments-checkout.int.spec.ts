import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Tier, User } from '@payload-types'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let secretary: { user: User; token: string }

beforeAll(async () => {
  payload = await bootPayload()
  secretary = await createUser(payload, ['secretary', 'member'])
  personal = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

async function joiner() {
  const member = await createUser(payload, ['member'])
  const res = await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: personal.id } })
  return { ...member, membershipId: res.body.doc.id as number }
}

const checkout = (token: string | undefined, body: Record<string, unknown>) => rest('POST', '/payments/checkout', { token, body })
const membership = (id: number) => payload.findByID({ collection: 'memberships', id, depth: 0 }) as Promise<Membership>

describe('checkout with the dummy provider', () => {
  it('creates a pending payment for the tier price and points the browser at the approve/decline page', async () => {
    const me = await joiner()
    const res = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({ amount: 500, currency: 'GBP', status: 'pending', method: 'dummy' })
    expect(res.body.next).toEqual({ type: 'redirect', url: `/pay/dummy/${res.body.payment.id}` })

    // asking again continues the same payment
    const again = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    expect(again.body.payment.id).toBe(res.body.payment.id)
  })

  it('approving activates the membership; approving again is refused and changes nothing', async () => {
    const me = await joiner()
    const { body } = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    const approve = await rest('POST', `/payments/dummy/${body.payment.id}/approve`, { token: me.token })
    expect(approve.status).toBe(200)
    expect(approve.body.payment.status).toBe('succeeded')
    const active = await membership(me.membershipId)
    expect(active.status).toBe('active')
    expect(active.membershipNumber).toBeTruthy()

    const twice = await rest('POST', `/payments/dummy/${body.payment.id}/approve`, { token: me.token })
    expect(twice.status).toBe(409)
    expect((await membership(me.membershipId)).periodEnd).toBe(active.periodEnd)
  })

  it('two approvals racing extend the membership once', async () => {
    const me = await joiner()
    const { body } = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    const results = await Promise.all([
      rest('POST', `/payments/dummy/${body.payment.id}/approve`, { token: me.token }),
      rest('POST', `/payments/dummy/${body.payment.id}/approve`, { token: me.token }),
    ])
    expect(results.some((r) => r.status === 200)).toBe(true)
    expect(results.every((r) => r.status < 500)).toBe(true)
    const m = await membership(me.membershipId)
    expect(m.status).toBe('active')
    expect(m.history!.filter((h) => h.cause === 'payment'), JSON.stringify({ statuses: results.map((r) => [r.status, r.body]), history: m.history })).toHaveLength(1)
  })

  it('declining leaves the membership awaiting payment, and a new checkout starts a new payment', async () => {
    const me = await joiner()
    const first = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    const decline = await rest('POST', `/payments/dummy/${first.body.payment.id}/decline`, { token: me.token })
    expect(decline.status).toBe(200)
    expect(decline.body.payment.status).toBe('failed')
    expect((await membership(me.membershipId)).status).toBe('awaiting_payment')
    const second = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    expect(second.body.payment.id).not.toBe(first.body.payment.id)
  })

  it('refuses someone else’s membership (403), an unknown provider (400) and a membership not awaiting payment (409)', async () => {
    const me = await joiner()
    const other = await joiner()
    expect((await checkout(other.token, { membership: me.membershipId, provider: 'dummy' })).status).toBe(403)
    expect((await checkout(me.token, { membership: me.membershipId, provider: 'paypal' })).status).toBe(400)
    expect((await checkout(me.token, { provider: 'dummy' })).status).toBe(400)
    expect((await checkout(me.token, { membership: 999999, provider: 'dummy' })).status).toBe(404)
    expect((await checkout(undefined, { membership: me.membershipId, provider: 'dummy' })).status).toBe(401)

    await rest('POST', `/memberships/${me.membershipId}/transition`, { token: secretary.token, body: { to: 'cancelled', reason: 'Duplicate' } })
    expect((await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })).status).toBe(409)
    expect((await payload.count({ collection: 'payments', where: { membership: { equals: me.membershipId } } })).totalDocs).toBe(0)
  })

  it('only the payment’s owner can approve or decline it', async () => {
    const me = await joiner()
    const other = await joiner()
    const { body } = await checkout(me.token, { membership: me.membershipId, provider: 'dummy' })
    expect((await rest('POST', `/payments/dummy/${body.payment.id}/approve`, { token: other.token })).status).toBe(403)
    expect((await rest('POST', `/payments/dummy/${body.payment.id}/approve`)).status).toBe(401)
    expect((await rest('POST', `/payments/dummy/999999/approve`, { token: me.token })).status).toBe(404)
    expect((await membership(me.membershipId)).status).toBe('awaiting_payment')
  })
})

describe('malformed ids', () => {
  it('answers 404, not 500, for an id that is not a number', async () => {
    const me = await joiner()
    expect((await rest('POST', '/payments/dummy/not-a-number/approve', { token: me.token })).status).toBe(404)
    expect((await rest('POST', '/memberships/not-a-number/transition', { token: secretary.token, body: { to: 'cancelled', reason: 'x' } })).status).toBe(404)
  })
})
