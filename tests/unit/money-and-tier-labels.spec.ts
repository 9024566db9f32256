import { describe, expect, it } from 'vitest'

import { formatMoney, isMinorUnits, majorToMinor } from '@/lib/money'
import { tierPriceLabel, tierTermsLabel } from '@/membership/tiers'

describe('money', () => {
  it('formats minor units without floating-point surprises', () => {
    expect(formatMoney({ amount: 500, currency: 'GBP' })).toBe('£5.00')
    expect(formatMoney({ amount: 10001, currency: 'GBP' })).toBe('£100.01')
    expect(formatMoney({ amount: 2500, currency: 'EUR' })).toBe('€25.00')
  })

  it('accepts only whole, non-negative minor units', () => {
    expect(isMinorUnits(0)).toBe(true)
    expect(isMinorUnits(4.99)).toBe(false)
    expect(isMinorUnits(-1)).toBe(false)
    expect(isMinorUnits('500')).toBe(false)
  })
})

describe('tier labels', () => {
  it('says what a tier costs and how it runs', () => {
    expect(tierPriceLabel({ fee: 2500, currency: 'GBP' })).toBe('£25.00 a year')
    expect(tierTermsLabel({ kind: 'individual', period: 'rolling' })).toBe('Individual · 12 months from joining')
    expect(tierTermsLabel({ kind: 'organisation', seats: 10, period: 'calendar', renewalDay: 1, renewalMonth: '4' })).toBe(
      'Organisation, up to 10 seat holders · renews every 1 April',
    )
  })
})

describe('majorToMinor (the Refund action’s amount)', () => {
  it('reads what a person types as minor units, without floats', () => {
    expect(majorToMinor('12.50')).toBe(1250)
    expect(majorToMinor('12.5')).toBe(1250)
    expect(majorToMinor('0,99')).toBe(99)
    expect(majorToMinor('7')).toBe(700)
    expect(majorToMinor('0.1')).toBe(10)
    for (const bad of ['', 'abc', '1.234', '-5', '0', '1e3']) expect(majorToMinor(bad)).toBeNull()
  })
})
