import { describe, expect, it } from 'vitest'

import { COUNTRY_OPTIONS, checkPhone, checkPostcode, countryCodeOf, displayPhone, phoneHref } from '@/lib/contactDetails'
import { isAfter, isBeforeEarliestYear, isFutureDay, isFutureMoment, isOnOrAfter } from '@/lib/dateBounds'

describe('phone numbers', () => {
  it('refuses text, too few digits and numbers no operator hands out', () => {
    for (const typed of ['not a phone!!', '12', '0000 000 0000', '07700 900123', 'call 029 2018 0101 please']) {
      const checked = checkPhone(typed, 'GB')
      expect(checked.ok, typed).toBe(false)
      if (!checked.ok) expect(checked.message).toMatch(/not a phone number.*United Kingdom/)
    }
  })

  it('reads national numbers with the given country and returns E.164', () => {
    expect(checkPhone('029 2018 0101', 'GB')).toEqual({ ok: true, value: '+442920180101' })
    expect(checkPhone('  (029) 2018-0101 ', 'GB')).toEqual({ ok: true, value: '+442920180101' })
    expect(checkPhone('0044 29 2018 0101', 'GB')).toEqual({ ok: true, value: '+442920180101' })
    expect(checkPhone('01 23 45 67 89', 'FR')).toEqual({ ok: true, value: '+33123456789' })
    expect(checkPhone('01 23 45 67 89', 'GB').ok).toBe(false)
    // a number with its country code is that country's wherever the organisation is
    expect(checkPhone('+44 29 2018 0101', 'FR')).toEqual({ ok: true, value: '+442920180101' })
  })

  it('shows numbers nationally in the organisation’s country and internationally otherwise', () => {
    expect(displayPhone('+442920180101', 'GB')).toBe('029 2018 0101')
    expect(displayPhone('+33123456789', 'GB')).toBe('+33 1 23 45 67 89')
    expect(displayPhone('+33123456789', 'FR')).toBe('01 23 45 67 89')
    expect(displayPhone('ring the clubhouse', 'GB')).toBe('ring the clubhouse')
    expect(displayPhone(null)).toBe('')
    expect(phoneHref('+442920180101')).toBe('tel:+442920180101')
  })
})

describe('postcodes', () => {
  it('normalises UK postcodes to their canonical form and refuses what is not one', () => {
    expect(checkPostcode('sw1a1aa', 'GB')).toEqual({ ok: true, value: 'SW1A 1AA' })
    expect(checkPostcode(' sa2   7ju ', 'GB')).toEqual({ ok: true, value: 'SA2 7JU' })
    const refused = checkPostcode('NOT A POSTCODE', 'GB')
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.message).toMatch(/not a postcode in the United Kingdom/)
    expect(checkPostcode('75008', 'GB').ok).toBe(false)
  })

  it('checks other countries’ postcodes by their own rules', () => {
    expect(checkPostcode('75008', 'FR')).toEqual({ ok: true, value: '75008' })
    expect(checkPostcode('7500', 'FR').ok).toBe(false)
    expect(checkPostcode('10115', 'DE')).toEqual({ ok: true, value: '10115' })
    expect(checkPostcode('90210', 'US')).toEqual({ ok: true, value: '90210' })
    expect(checkPostcode('SW1A 1AA', 'US').ok).toBe(false)
  })
})

describe('countries', () => {
  it('recognises codes, English names and what people write for the UK', () => {
    for (const typed of ['GB', 'gb', 'United Kingdom', 'uk', 'Wales', ' great  britain ']) expect(countryCodeOf(typed), typed).toBe('GB')
    expect(countryCodeOf('France')).toBe('FR')
    expect(countryCodeOf('Ireland')).toBe('IE')
    expect(countryCodeOf('Atlantis')).toBeNull()
    expect(countryCodeOf('')).toBeNull()
    expect(countryCodeOf(undefined)).toBeNull()
  })

  it('offers every country by name, the UK among them', () => {
    expect(COUNTRY_OPTIONS.find((o) => o.value === 'GB')?.label).toBe('United Kingdom')
    expect(COUNTRY_OPTIONS.length).toBeGreaterThan(200)
  })
})

describe('date bounds', () => {
  const now = new Date('2026-12-05T16:00:00.000Z')

  it('a day is in the future only once it has not begun anywhere on Earth', () => {
    expect(isFutureDay('2031-01-01', now)).toBe(true)
    expect(isFutureDay('2026-12-07', now)).toBe(true)
    expect(isFutureDay('2026-12-05', now)).toBe(false)
    expect(isFutureDay('2026-12-05T23:59:00.000Z', now)).toBe(false)
    // already the 6th in Kiribati
    expect(isFutureDay('2026-12-06T00:00:00.000Z', now)).toBe(false)
    expect(isFutureDay('2020-01-01', now)).toBe(false)
    expect(isFutureDay(null, now)).toBe(false)
  })

  it('a moment is in the future beyond a few minutes of clock drift', () => {
    expect(isFutureMoment('2026-12-05T16:03:00.000Z', now)).toBe(false)
    expect(isFutureMoment('2026-12-05T17:00:00.000Z', now)).toBe(true)
  })

  it('refuses years before 1900 and compares ranges', () => {
    expect(isBeforeEarliestYear('1899-12-31')).toBe(true)
    expect(isBeforeEarliestYear('1900-01-01')).toBe(false)
    expect(isAfter('2027-01-01', '2026-01-01')).toBe(true)
    expect(isAfter('2026-01-01', '2026-01-01')).toBe(false)
    expect(isOnOrAfter('2026-01-01', '2026-01-01')).toBe(true)
    expect(isAfter('2026-01-01', null)).toBe(true)
  })
})
