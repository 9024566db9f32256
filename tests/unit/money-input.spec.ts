import { describe, expect, it } from 'vitest'

import { currencySymbol, formatMinorForInput, parseMajorAmount } from '@/lib/money'

const minor = (text: string, currency?: string) => {
  const parsed = parseMajorAmount(text, currency)
  return parsed.ok ? parsed.minor : parsed.message
}

describe('amounts typed in pounds in the admin panel', () => {
  it('reads what a treasurer types as pence, without floats', () => {
    expect(minor('25')).toBe(2500)
    expect(minor('25.00')).toBe(2500)
    expect(minor('£25.00')).toBe(2500)
    expect(minor(' £ 25.5 ')).toBe(2550)
    expect(minor('1,250.50')).toBe(125050)
    expect(minor('£1,250,000.01')).toBe(125000001)
    expect(minor('0.29')).toBe(29) // 0.29 * 100 is 28.999… as a float
    expect(minor('GBP 100')).toBe(10000)
    expect(minor('0')).toBe(0) // complimentary
    expect(minor('€12.34', 'EUR')).toBe(1234)
  })

  it('refuses anything else in words, never as 0 or NaN', () => {
    for (const text of ['abc', '25p', '-5', '25.001', '12,50', '1,25.00', '£', '25..0', '1e3', '0x10', '25 00']) {
      const parsed = parseMajorAmount(text)
      expect(parsed.ok, text).toBe(false)
    }
    expect(minor('abc')).toBe('“abc” is not an amount: type it like £25.00 or 25.')
    expect(minor('  ')).toBe('Type the amount, e.g. £25.00.')
  })

  it('shows stored pence as pounds with the currency symbol, round-tripping through the parser', () => {
    expect(formatMinorForInput(10000)).toBe('£100.00')
    expect(formatMinorForInput(125050)).toBe('£1,250.50')
    expect(formatMinorForInput(2500, 'EUR')).toBe('€25.00')
    expect(formatMinorForInput(null)).toBe('')
    expect(minor(formatMinorForInput(125050))).toBe(125050)
    expect(currencySymbol('GBP')).toBe('£')
    expect(currencySymbol('USD')).toBe('US$')
  })
})
