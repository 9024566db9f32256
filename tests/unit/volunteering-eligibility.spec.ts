import { describe, expect, it } from 'vitest'

import { certificateStatus, defaultExpiry, missingCertificates, shiftHours, shiftsOverlap } from '@/volunteering/eligibility'

const FIRE = 1
const RADIO = 2
const on = (iso: string) => new Date(`${iso}T12:00:00.000Z`)

describe('certificates', () => {
  it('expire after the type’s validity, clamping month ends', () => {
    expect(defaultExpiry('2026-01-31T00:00:00.000Z', 1)!.toISOString()).toBe('2026-02-28T00:00:00.000Z')
    expect(defaultExpiry('2024-02-29T00:00:00.000Z', 12)!.toISOString()).toBe('2025-02-28T00:00:00.000Z')
    expect(defaultExpiry('2026-05-10T00:00:00.000Z', 36)!.toISOString()).toBe('2029-05-10T00:00:00.000Z')
    expect(defaultExpiry('2026-05-10T00:00:00.000Z', null)).toBeNull()
  })

  it('count only when verified, issued and not expired on the day in question', () => {
    const cert = { type: FIRE, issuedOn: '2026-01-01T00:00:00.000Z', expiresOn: '2027-01-01T00:00:00.000Z', verified: true }
    expect(certificateStatus(cert, on('2026-06-01'))).toBe('valid')
    expect(certificateStatus(cert, on('2027-01-01'))).toBe('expired')
    expect(certificateStatus(cert, on('2025-12-31'))).toBe('not_yet_valid')
    expect(certificateStatus({ ...cert, verified: false }, on('2026-06-01'))).toBe('unverified')
    expect(certificateStatus({ ...cert, expiresOn: null }, on('2040-01-01'))).toBe('valid')
  })

  it('say which required certificates are missing on a shift’s date, and why', () => {
    const held = [
      { type: FIRE, issuedOn: '2025-01-01T00:00:00.000Z', expiresOn: '2026-07-01T00:00:00.000Z', verified: true },
      { type: RADIO, issuedOn: '2026-03-01T00:00:00.000Z', expiresOn: null, verified: false },
    ]
    expect(missingCertificates([FIRE], held, on('2026-06-30'))).toEqual([])
    // the same certificate, for a shift after it expires
    expect(missingCertificates([FIRE], held, on('2026-07-02'))).toEqual([{ type: FIRE, reason: 'expired' }])
    expect(missingCertificates([FIRE, RADIO, 3], held, on('2026-06-30'))).toEqual([
      { type: RADIO, reason: 'unverified' },
      { type: 3, reason: 'missing' },
    ])
    // a renewed certificate beside the expired one makes it valid again
    const renewed = [...held, { type: FIRE, issuedOn: '2026-06-15T00:00:00.000Z', expiresOn: '2027-06-15T00:00:00.000Z', verified: true }]
    expect(missingCertificates([FIRE], renewed, on('2026-07-02'))).toEqual([])
  })
})

describe('shifts', () => {
  const morning = { startsAt: '2026-08-01T08:00:00.000Z', endsAt: '2026-08-01T12:00:00.000Z' }
  it('overlap when they share any time; back-to-back shifts do not', () => {
    expect(shiftsOverlap(morning, { startsAt: '2026-08-01T11:00:00.000Z', endsAt: '2026-08-01T14:00:00.000Z' })).toBe(true)
    expect(shiftsOverlap(morning, { startsAt: '2026-08-01T09:00:00.000Z', endsAt: '2026-08-01T10:00:00.000Z' })).toBe(true)
    expect(shiftsOverlap(morning, { startsAt: '2026-08-01T12:00:00.000Z', endsAt: '2026-08-01T16:00:00.000Z' })).toBe(false)
    expect(shiftsOverlap(morning, { startsAt: '2026-08-02T08:00:00.000Z', endsAt: '2026-08-02T12:00:00.000Z' })).toBe(false)
  })

  it('credit hours to the quarter hour', () => {
    expect(shiftHours(morning)).toBe(4)
    expect(shiftHours({ startsAt: '2026-08-01T08:00:00.000Z', endsAt: '2026-08-01T10:20:00.000Z' })).toBe(2.25)
    expect(shiftHours({ startsAt: '2026-08-01T08:00:00.000Z', endsAt: '2026-08-01T07:00:00.000Z' })).toBe(0)
  })
})
