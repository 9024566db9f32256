import { describe, expect, it } from 'vitest'

import { describeDateRange, describeHistoryEntry, describePaymentStatus, describeQuestion, describeRefund, describeWeeklySlot } from '@/admin/describe'

const at = '2026-12-03T10:30:00.000Z'

describe('a membership history in words', () => {
  it('says what happened, by whom, when and why', () => {
    expect(describeHistoryEntry({ to: 'approved', at, cause: 'admin', reason: 'References checked' }, 'Alex Admin', 'UTC')).toBe(
      'Approved by Alex Admin on 3 Dec 2026: References checked',
    )
    expect(describeHistoryEntry({ to: 'active', at, cause: 'payment' }, null, 'UTC')).toBe('Activated by a payment on 3 Dec 2026')
    expect(describeHistoryEntry({ to: 'grace', at, cause: 'job' }, null, 'UTC')).toBe('Entered the grace period automatically on 3 Dec 2026')
    expect(describeHistoryEntry({ to: 'applied', at, cause: 'member' }, null, 'UTC')).toBe('Applied by the member on 3 Dec 2026')
    expect(describeHistoryEntry({ to: 'awaiting_payment', at, cause: 'system' }, 'Alex Admin', 'UTC')).toBe('Set to await payment automatically on 3 Dec 2026')
    expect(describeHistoryEntry({ to: 'cancelled', at, cause: 'admin', reason: 'Moved away' }, null, 'UTC')).toBe('Cancelled by staff on 3 Dec 2026: Moved away')
    expect(describeHistoryEntry({}, null)).toBe('Status changed')
  })
})

describe('a payment in words', () => {
  it('describes a refund with its amount in pounds, who gave it back and the provider’s outcome', () => {
    expect(describeRefund({ amount: 200, at, reason: 'Charged twice', providerRefundId: 'R-1', status: 'pending' }, 'GBP', 'Rita Refunds', 'UTC')).toBe(
      '£2.00 refunded by Rita Refunds on 3 Dec 2026: Charged twice (provider refund R-1, still pending)',
    )
    expect(describeRefund({ amount: 500, at, status: 'completed' }, 'EUR', null, 'UTC')).toBe('€5.00 refunded on 3 Dec 2026')
  })

  it('says where a payment stands in one sentence', () => {
    expect(describePaymentStatus({ status: 'succeeded', amount: 10000, currency: 'GBP', paidAt: at }, 'UTC')).toBe(
      'This payment has succeeded: £100.00 paid on 3 Dec 2026.',
    )
    expect(describePaymentStatus({ status: 'pending' })).toBe('This payment is pending: the money has not been confirmed yet.')
    expect(describePaymentStatus({ status: 'partially_refunded', amount: 500, refunded: 200 })).toBe(
      'This payment was refunded in part: £2.00 of £5.00 given back.',
    )
    expect(describePaymentStatus({ status: 'refunded', amount: 500, refunded: 500 })).toBe('This payment was refunded in full (£5.00).')
    expect(describePaymentStatus({ status: 'failed', failureReason: 'Card declined' })).toBe('This payment failed: Card declined. No money was taken.')
    expect(describePaymentStatus({})).toBeNull()
  })
})

describe('array rows in words', () => {
  it('names an RSVP question by its wording, kind and whether it must be answered', () => {
    expect(describeQuestion({ key: 'photoId', label: 'I will bring photo ID', kind: 'yes_no', required: true })).toBe('I will bring photo ID (yes or no, required)')
    expect(describeQuestion({ label: 'Meal', kind: 'choice', choices: ['Meat', 'Fish', 'Vegetarian'] })).toBe('Meal (choice of 3, optional)')
    expect(describeQuestion({ label: '  Dietary needs ', kind: 'text' })).toBe('Dietary needs (written answer, optional)')
    expect(describeQuestion({}, 1)).toBe('Question 2 (no wording yet)')
  })

  it('names a weekly slot by day and hours', () => {
    expect(describeWeeklySlot({ day: 'monday', from: '09:00', to: '17:00' })).toBe('Monday 09:00–17:00')
    expect(describeWeeklySlot({ day: 'saturday', from: '10:00' })).toBe('Saturday 10:00–…')
    expect(describeWeeklySlot({}, 2)).toBe('Slot 3 (no day yet)')
  })

  it('names dates someone can or cannot help, with the note', () => {
    expect(describeDateRange({ kind: 'unavailable', from: '2026-12-03T00:00:00.000Z', to: '2026-12-05T00:00:00.000Z', note: 'Holiday' }, 0, 'UTC')).toBe(
      'Cannot help 3 Dec 2026 – 5 Dec 2026: Holiday',
    )
    expect(describeDateRange({ kind: 'available', from: '2026-12-03T00:00:00.000Z', to: '2026-12-03T00:00:00.000Z' }, 0, 'UTC')).toBe('Can help 3 Dec 2026')
    expect(describeDateRange({ kind: 'available' }, 0)).toBe('Dates 1 (no first day yet)')
  })
})
