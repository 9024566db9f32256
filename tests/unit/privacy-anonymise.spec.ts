import { describe, expect, it } from 'vitest'

import { anonymousIdentity, erasureDueAt, isErasedAddress, newErasureReference, personalValues, retentionCutoff, scrubText, settingOrDefault } from '@/privacy/anonymise'

describe('anonymous identity', () => {
  it('is a name, an undeliverable address and a label built on a short reference', () => {
    const reference = newErasureReference()
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(newErasureReference()).not.toBe(reference)
    expect(anonymousIdentity('7K2M9QAX')).toEqual({
      reference: '7K2M9QAX',
      firstName: 'Erased',
      lastName: 'member 7K2M9QAX',
      email: 'erased-7k2m9qax@erased.invalid',
      label: 'Erased member 7K2M9QAX',
    })
    expect(isErasedAddress('Erased-7K2M9QAX@ERASED.invalid')).toBe(true)
    expect(isErasedAddress('jo@example.org')).toBe(false)
    expect(isErasedAddress(null)).toBe(false)
  })
})

describe('scrubText', () => {
  const values = personalValues({ email: 'jo.newcomer@example.org', firstName: 'Jo', lastName: 'Newcomer', phone: '+447911123456' })

  it('replaces the whole name before its parts, whatever the case, and leaves short values alone', () => {
    expect(scrubText('Payment from Jo Newcomer (jo.newcomer@example.org, +447911123456). NEWCOMER paid.', values, 'Erased member X')).toBe(
      'Payment from Erased member X (Erased member X, Erased member X). Erased member X paid.',
    )
    // "Jo" alone is too short to rub out safely (it is in "journey")
    expect(scrubText('A journey with Jo', values, 'X')).toBe('A journey with Jo')
  })

  it('keeps null and empty as they are and treats values literally', () => {
    expect(scrubText(null, values, 'X')).toBeNull()
    expect(scrubText('', values, 'X')).toBe('')
    expect(scrubText('cost (a+b) today', ['(a+b)'], 'X')).toBe('cost X today')
  })
})

describe('when erasure and retention fall due', () => {
  it('an erasure request is due the configured days after it was made', () => {
    expect(erasureDueAt('2026-01-30T10:00:00.000Z', 30).toISOString()).toBe('2026-03-01T10:00:00.000Z')
    expect(erasureDueAt('2026-01-30T10:00:00.000Z', 0).toISOString()).toBe('2026-01-30T10:00:00.000Z')
  })

  it('retention reaches back whole calendar years, and is off at 0', () => {
    expect(retentionCutoff(new Date('2026-02-28T00:00:00.000Z'), 6)?.toISOString()).toBe('2020-02-28T00:00:00.000Z')
    expect(retentionCutoff(new Date('2026-02-28T00:00:00.000Z'), 0)).toBeNull()
  })

  it('settings fall back to their default when empty or not a whole number of at least 0', () => {
    expect(settingOrDefault(10, 30)).toBe(10)
    expect(settingOrDefault(0, 30)).toBe(0)
    for (const value of [null, undefined, -1, 2.5, '7']) expect(settingOrDefault(value, 30)).toBe(30)
  })
})

describe('who may erase (the matrix)', () => {
  it('admins and superusers, nobody else', async () => {
    const { canAuthOperation } = await import('@/access/resolve')
    expect(canAuthOperation('erase', { id: 1, roles: ['superuser'] })).toBe(true)
    expect(canAuthOperation('erase', { id: 1, roles: ['admin'] })).toBe(true)
    for (const role of ['secretary', 'treasurer', 'events', 'volunteers', 'member']) expect(canAuthOperation('erase', { id: 1, roles: [role] }), role).toBe(false)
    expect(canAuthOperation('erase', null)).toBe(false)
  })
})
