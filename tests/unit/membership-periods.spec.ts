import { describe, expect, it } from 'vitest'

import { graceEnds, nextRenewalDate, periodForPayment, periodStartingAt, statusOnDate } from '@/membership/periods'

const iso = (date: Date) => date.toISOString()
const rolling = { period: 'rolling' as const, graceDays: 30 }
const april = { period: 'calendar' as const, renewalDay: 1, renewalMonth: 4, graceDays: 14 }

describe('rolling periods', () => {
  it('run twelve calendar months from the payment', () => {
    const p = periodStartingAt(rolling, new Date('2026-11-21T10:15:00Z'))
    expect(iso(p.start)).toBe('2026-11-21T10:15:00.000Z')
    expect(iso(p.end)).toBe('2027-11-21T10:15:00.000Z')
  })

  it('keep 31 January on 31 January and clamp 29 February to 28 February', () => {
    expect(iso(periodStartingAt(rolling, new Date('2027-01-31T00:00:00Z')).end)).toBe('2028-01-31T00:00:00.000Z')
    expect(iso(periodStartingAt(rolling, new Date('2028-02-29T12:00:00Z')).end)).toBe('2029-02-28T12:00:00.000Z')
  })

  it('extend from the current end when renewed while active or in grace', () => {
    const early = periodForPayment({ tier: rolling, status: 'active', currentEnd: '2027-03-31T00:00:00Z', paidAt: '2027-03-01T09:00:00Z' })
    expect(iso(early.start)).toBe('2027-03-31T00:00:00.000Z')
    expect(iso(early.end)).toBe('2028-03-31T00:00:00.000Z')

    const late = periodForPayment({ tier: rolling, status: 'grace', currentEnd: '2027-03-31T00:00:00Z', paidAt: '2027-04-10T09:00:00Z' })
    expect(iso(late.start)).toBe('2027-03-31T00:00:00.000Z')
    expect(iso(late.end)).toBe('2028-03-31T00:00:00.000Z')
  })

  it('start again on the payment date after lapsing', () => {
    const p = periodForPayment({ tier: rolling, status: 'lapsed', currentEnd: '2026-01-31T00:00:00Z', paidAt: '2026-11-21T08:00:00Z' })
    expect(iso(p.start)).toBe('2026-11-21T08:00:00.000Z')
    expect(iso(p.end)).toBe('2027-11-21T08:00:00.000Z')
  })

  it('extending a 29 February end lands on 28 February', () => {
    const p = periodForPayment({ tier: rolling, status: 'active', currentEnd: '2028-02-29T00:00:00Z', paidAt: '2028-02-01T00:00:00Z' })
    expect(iso(p.end)).toBe('2029-02-28T00:00:00.000Z')
  })
})

describe('calendar periods', () => {
  it('run from joining to the next renewal date', () => {
    const p = periodStartingAt(april, new Date('2026-11-21T10:00:00Z'))
    expect(iso(p.end)).toBe('2027-04-01T00:00:00.000Z')
    expect(iso(periodStartingAt(april, new Date('2027-03-31T23:59:00Z')).end)).toBe('2027-04-01T00:00:00.000Z')
  })

  it('joining on the renewal day buys the whole coming year', () => {
    expect(iso(periodStartingAt(april, new Date('2027-04-01T08:00:00Z')).end)).toBe('2028-04-01T00:00:00.000Z')
  })

  it('renewing while active runs to the same date next year', () => {
    const p = periodForPayment({ tier: april, status: 'active', currentEnd: '2027-04-01T00:00:00Z', paidAt: '2027-03-10T00:00:00Z' })
    expect(iso(p.start)).toBe('2027-04-01T00:00:00.000Z')
    expect(iso(p.end)).toBe('2028-04-01T00:00:00.000Z')
  })

  it('clamps a 31st or 29 February renewal day to short months', () => {
    expect(iso(nextRenewalDate(new Date('2027-01-10T00:00:00Z'), 2, 29))).toBe('2027-02-28T00:00:00.000Z')
    expect(iso(nextRenewalDate(new Date('2028-01-10T00:00:00Z'), 2, 29))).toBe('2028-02-29T00:00:00.000Z')
    expect(iso(nextRenewalDate(new Date('2027-05-01T00:00:00Z'), 6, 31))).toBe('2027-06-30T00:00:00.000Z')
    const leapRenewal = { period: 'calendar' as const, renewalDay: 29, renewalMonth: 2 }
    const p = periodForPayment({ tier: leapRenewal, status: 'active', currentEnd: '2028-02-29T00:00:00Z', paidAt: '2028-02-20T00:00:00Z' })
    expect(iso(p.end)).toBe('2029-02-28T00:00:00.000Z')
  })

  it('refuses a calendar tier without a valid renewal date', () => {
    expect(() => periodStartingAt({ period: 'calendar', renewalDay: 1 }, new Date())).toThrow(/renewal day/)
    expect(() => periodStartingAt({ period: 'calendar', renewalDay: 32, renewalMonth: 1 }, new Date())).toThrow(RangeError)
  })
})

describe('expiry', () => {
  it('is active until the end, in grace for the grace days, then lapsed', () => {
    const end = '2027-03-31T00:00:00Z'
    expect(statusOnDate(rolling, end, new Date('2027-03-30T23:59:59Z'))).toBe('active')
    expect(statusOnDate(rolling, end, new Date('2027-03-31T00:00:00Z'))).toBe('grace')
    expect(iso(graceEnds(rolling, end))).toBe('2027-04-30T00:00:00.000Z')
    expect(statusOnDate(rolling, end, new Date('2027-04-29T23:59:59Z'))).toBe('grace')
    expect(statusOnDate(rolling, end, new Date('2027-04-30T00:00:00Z'))).toBe('lapsed')
    expect(statusOnDate({ period: 'rolling', graceDays: 0 }, end, new Date('2027-03-31T00:00:00Z'))).toBe('lapsed')
  })
})
