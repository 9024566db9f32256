import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Payment, Tier, User } from '@payload-types'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let treasurer: { user: User; token: string }
let secretary: { user: User; token: string }
let owners: Tier

beforeAll(async () => {
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { membershipNumberPrefix: 'SASA-' } })
  treasurer = await createUser(payload, ['treasurer', 'member'])
  secretary = await createUser(payload, ['secretary', 'member'])
  owners = (await payload.create({
    collection: 'tiers',
    data: { name: 'Aircraft Owners', fee: 2500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

async function awaitingPayment() {
  const applicant = await createUser(payload, ['member'])
  const res = await rest('POST', '/memberships?depth=0', { token: applicant.token, body: { tier: owners.id } })
  return { applicant, membershipId: res.body.doc.id as number }
}

const record = (token: string | undefined, body: Record<string, unknown>) => rest('POST', '/payments?depth=0', { token, body })
const membership = (id: number) => payload.findByID({ collection: 'memberships', id, depth: 0 }) as Promise<Membership>
const paymentsFor = (id: number) => payload.count({ collection: 'payments', where: { membership: { equals: id } } })

describe('manual payments (POST /api/payments)', () => {
  it('cash from the treasurer activates the membership, with a number, a period and a receipt', async () => {
    const { applicant, membershipId } = await awaitingPayment()
    const res = await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500 })
    expect(res.status).toBe(201)
    const payment = res.body.doc as Payment
    expect(payment).toMatchObject({ status: 'succeeded', amount: 2500, currency: 'GBP', method: 'cash', member: applicant.user.id })
    expect(payment.recordedBy).toBe(treasurer.user.id)
    expect(payment.receiptNumber).toMatch(/^R-\d{4}-\d{6}$/)
    expect(payment.appliedAt).toBeTruthy()

    const m = await membership(membershipId)
    expect(m.status).toBe('active')
    expect(m.membershipNumber).toMatch(/^SASA-\d{6}$/)
    expect(m.history!.at(-1)).toMatchObject({ from: 'awaiting_payment', to: 'active', cause: 'payment', payment: String(payment.id) })

    // the member sees their payment, without the treasurer's notes
    const mine = await rest('GET', '/payments', { token: applicant.token })
    expect(mine.body.docs.map((p: Payment) => p.id)).toEqual([payment.id])
  })

  it('the admin panel’s save (multipart _payload, lists sent as row counts) records cash; a list that is text is still 400', async () => {
    const { membershipId } = await awaitingPayment()
    const form = new FormData()
    // what the admin panel's form state holds for an empty, read-only list is its row count
    form.set('_payload', JSON.stringify({ membership: membershipId, method: 'cash', amount: 2500, refunds: 0 }))
    const saved = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: form })
    expect(saved.status, JSON.stringify(saved.body)).toBe(201)
    expect(saved.body.doc).toMatchObject({ status: 'succeeded', amount: 2500, refunds: [] })
    expect((await membership(membershipId)).status).toBe('active')

    const other = await awaitingPayment()
    const wrong = await record(treasurer.token, { membership: other.membershipId, method: 'cash', amount: 2500, refunds: 'none' })
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.body)).toMatch(/refunds must be a list/)
    expect((await paymentsFor(other.membershipId)).totalDocs).toBe(0)
  })

  it('an amount other than the price needs a reason; without one nothing is recorded', async () => {
    const { membershipId } = await awaitingPayment()
    const short = await record(treasurer.token, { membership: membershipId, method: 'cheque', amount: 2000 })
    expect(short.status).toBe(400)
    expect(short.body.errors[0].message).toMatch(/£20.00 differs from the price \(£25.00\)/)
    expect((await paymentsFor(membershipId)).totalDocs).toBe(0)
    expect((await membership(membershipId)).status).toBe('awaiting_payment')

    const explained = await record(treasurer.token, { membership: membershipId, method: 'cheque', amount: 2000, amountReason: 'Pensioner discount agreed by committee' })
    expect(explained.status).toBe(201)
    expect((await membership(membershipId)).status).toBe('active')
  })

  it('complimentary memberships are recorded at zero', async () => {
    const { membershipId } = await awaitingPayment()
    const res = await record(treasurer.token, { membership: membershipId, method: 'complimentary', amount: 0 })
    expect(res.status).toBe(201)
    expect((await membership(membershipId)).status).toBe('active')
  })

  it('refuses card methods, members, the secretary, bad amounts and unpayable memberships', async () => {
    const { applicant, membershipId } = await awaitingPayment()
    expect((await record(treasurer.token, { membership: membershipId, method: 'square', amount: 2500 })).status).toBe(400)
    expect((await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 25.5 })).status).toBe(400)
    expect((await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500, currency: 'EUR' })).status).toBe(400)
    expect((await record(treasurer.token, { method: 'cash', amount: 2500 })).status).toBe(400)
    expect((await record(applicant.token, { membership: membershipId, method: 'cash', amount: 2500 })).status).toBe(403)
    expect((await record(secretary.token, { membership: membershipId, method: 'cash', amount: 2500 })).status).toBe(403)
    expect((await record(undefined, { membership: membershipId, method: 'cash', amount: 2500 })).status).toBe(403)
    expect((await paymentsFor(membershipId)).totalDocs).toBe(0)

    await rest('POST', `/memberships/${membershipId}/transition`, { token: secretary.token, body: { to: 'cancelled', reason: 'Left the airport' } })
    const cancelled = await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500 })
    expect(cancelled.status).toBe(409)
    expect((await paymentsFor(membershipId)).totalDocs).toBe(0)
  })

  it('a renewal while active extends from the current end date, not from today', async () => {
    const { membershipId } = await awaitingPayment()
    await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500 })
    const first = await membership(membershipId)
    await record(treasurer.token, { membership: membershipId, method: 'bank_transfer', amount: 2500 })
    const renewed = await membership(membershipId)
    expect(renewed.status).toBe('active')
    expect(renewed.membershipNumber).toBe(first.membershipNumber)
    const firstEnd = new Date(first.periodEnd!)
    const newEnd = new Date(renewed.periodEnd!)
    expect(newEnd.getUTCFullYear()).toBe(firstEnd.getUTCFullYear() + 1)
    expect(newEnd.getUTCMonth()).toBe(firstEnd.getUTCMonth())
    expect(newEnd.getUTCDate()).toBe(firstEnd.getUTCDate())
    expect(renewed.history!.at(-1)).toMatchObject({ from: 'active', to: 'active', cause: 'payment', reason: 'Renewed' })
  })

  it('a recorded payment’s amount cannot be edited', async () => {
    const { membershipId } = await awaitingPayment()
    const res = await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500 })
    const edit = await rest('PATCH', `/payments/${res.body.doc.id}`, { token: treasurer.token, body: { amount: 1 } })
    expect(edit.status).toBe(409)
    const stored = await payload.findByID({ collection: 'payments', id: res.body.doc.id, depth: 0 })
    expect(stored.amount).toBe(2500)
  })
})

describe('a payment is applied exactly once', () => {
  it('re-saving the same payment many times at once never extends the membership again', async () => {
    const { membershipId } = await awaitingPayment()
    const res = await record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500 })
    const before = await membership(membershipId)

    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        rest('PATCH', `/payments/${res.body.doc.id}`, { token: treasurer.token, body: { notes: `re-save ${i}` } }),
      ),
    )
    expect(saves.map((s) => s.status)).toEqual(saves.map(() => 200))
    expect(saves.some((s) => s.status === 200)).toBe(true)
    const after = await membership(membershipId)
    expect(after.periodEnd).toBe(before.periodEnd)
    expect(after.history!.filter((h) => h.cause === 'payment')).toHaveLength(1)
  })

  it('two entries racing with the same idempotency key record one payment and extend once', async () => {
    const { membershipId } = await awaitingPayment()
    const body = { membership: membershipId, method: 'cash', amount: 2500, idempotencyKey: `till-${membershipId}` }
    const results = await Promise.all([record(treasurer.token, body), record(treasurer.token, body)])
    expect(results.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1)
    expect(results.every((r) => r.status < 500)).toBe(true)
    expect((await paymentsFor(membershipId)).totalDocs).toBe(1)
    const m = await membership(membershipId)
    expect(m.status).toBe('active')
    expect(m.history!.filter((h) => h.cause === 'payment')).toHaveLength(1)
  })
})

describe('numbers under load', () => {
  it('payments recorded at the same moment get distinct receipt and membership numbers', async () => {
    const memberships = await Promise.all(Array.from({ length: 4 }, () => awaitingPayment()))
    const results = await Promise.all(
      memberships.map(({ membershipId }) => record(treasurer.token, { membership: membershipId, method: 'cash', amount: 2500 })),
    )
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201])
    const receipts = new Set(results.map((r) => r.body.doc.receiptNumber))
    expect(receipts.size).toBe(4)
    const numbers = new Set(await Promise.all(memberships.map(async ({ membershipId }) => (await membership(membershipId)).membershipNumber)))
    expect(numbers.size).toBe(4)
  })
})
