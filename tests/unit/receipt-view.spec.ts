import { describe, expect, it } from 'vitest'

import type { Membership, Payment } from '@payload-types'

import { receiptFileName, receiptView } from '@/payments/receipt'

const payment = (overrides: Partial<Payment> = {}): Payment =>
  ({
    id: 3,
    member: 1,
    membership: 7,
    amount: 3000,
    currency: 'GBP',
    method: 'stripe',
    status: 'succeeded',
    paidAt: '2026-12-05T10:00:00.000Z',
    receiptNumber: 'R-2026-000042',
    idempotencyKey: 'k',
    purpose: 'membership',
    createdAt: '2026-12-05T09:59:00.000Z',
    updatedAt: '2026-12-05T10:00:00.000Z',
    ...overrides,
  }) as Payment

const member = { firstName: 'Jo', lastName: 'Newcomer', email: 'jo@example.org' }
const membership = {
  id: 7,
  status: 'active',
  membershipNumber: 'HGR-000012',
  periodStart: '2026-12-05T00:00:00.000Z',
  periodEnd: '2027-12-05T00:00:00.000Z',
  history: [{ from: 'awaiting_payment', to: 'active', at: '2026-12-05T10:00:00.000Z', cause: 'payment', payment: '3' }],
} as Membership

describe('receipt view', () => {
  it('says what was paid, for what, how and when, in pounds', () => {
    const view = receiptView({ payment: payment(), member, membership, tier: { name: 'Aircraft Owners' }, organisationName: 'Severn Valley Flying Club' })
    expect(view).toMatchObject({
      organisationName: 'Severn Valley Flying Club',
      receiptNumber: 'R-2026-000042',
      date: '5 December 2026',
      statusLabel: 'Paid',
      memberName: 'Jo Newcomer',
      membership: { tier: 'Aircraft Owners', number: 'HGR-000012', status: 'Active', periodEnd: '5 December 2027', paidUntil: '5 December 2027' },
      amount: '£30.00',
      discount: null,
      method: 'Card (Stripe)',
      refunds: [],
      refundedTotal: null,
      keptTotal: null,
      fileName: 'receipt-R-2026-000042.pdf',
    })
  })

  it('lists refunds; one that did not go through is not counted as given back', () => {
    const view = receiptView({
      payment: payment({
        status: 'partially_refunded',
        refunds: [
          { amount: 1000, at: '2026-12-06T10:00:00.000Z', reason: 'Joined mid-season', status: 'completed' },
          { amount: 500, at: '2026-12-07T10:00:00.000Z', reason: null, status: 'failed' },
        ],
      }),
      member,
      membership: null,
      tier: null,
      organisationName: 'Club',
    })
    expect(view.statusLabel).toBe('Partly refunded')
    expect(view.membership).toBeNull()
    expect(view.refunds).toEqual([
      { date: '6 December 2026', amount: '£10.00', reason: 'Joined mid-season', status: 'Refunded' },
      { date: '7 December 2026', amount: '£5.00', reason: null, status: 'Did not go through' },
    ])
    expect(view.refundedTotal).toBe('£10.00')
    expect(view.keptTotal).toBe('£20.00')
  })

  it('an older payment’s receipt does not claim the period a later payment paid for', () => {
    const renewed = { ...membership, periodEnd: '2028-12-05T00:00:00.000Z', history: [...membership.history!, { from: 'active', to: 'active', at: '2027-11-01T10:00:00.000Z', cause: 'payment', payment: '9' }] } as Membership
    const older = receiptView({ payment: payment(), member, membership: renewed, tier: { name: 'Aircraft Owners' }, organisationName: 'Club' })
    expect(older.membership).toMatchObject({ periodEnd: '5 December 2028', paidUntil: null })
    const latest = receiptView({ payment: payment({ id: 9 }), member, membership: renewed, tier: { name: 'Aircraft Owners' }, organisationName: 'Club' })
    expect(latest.membership?.paidUntil).toBe('5 December 2028')
  })

  it('names a discount and makes a safe file name', () => {
    const view = receiptView({
      payment: payment({ amount: 2250, listAmount: 2500, discount: { amount: 250, reason: 'Household discount' } }),
      member: { firstName: '', lastName: '', email: 'only@example.org' },
      membership,
      tier: { name: 'Household' },
      organisationName: 'Club',
    })
    expect(view.discount).toBe('£25.00 less household discount')
    expect(view.memberName).toBe('only@example.org')
    expect(receiptFileName('R/2026 "42"')).toBe('receipt-R-2026-42-.pdf')
  })
})
