import { describe, expect, it } from 'vitest'

import { availabilityFor, isClockTime, localTime } from '@/volunteering/availability'
import { dueCertificateReminder } from '@/volunteering/reminders'

const shift = (startsAt: string, endsAt: string) => ({ startsAt, endsAt })

describe('localTime', () => {
  it('reads a moment in London time, summer and winter', () => {
    expect(localTime('2027-01-16T09:30:00.000Z')).toEqual({ day: '2027-01-16', weekday: 'sat', minutes: 9 * 60 + 30 })
    expect(localTime('2027-07-17T09:30:00.000Z')).toEqual({ day: '2027-07-17', weekday: 'sat', minutes: 10 * 60 + 30 })
    expect(localTime('2027-07-17T23:30:00.000Z')).toEqual({ day: '2027-07-18', weekday: 'sun', minutes: 30 })
  })
})

describe('isClockTime', () => {
  it('accepts HH:MM from 00:00 to 24:00 only', () => {
    for (const ok of ['00:00', '09:05', '23:59', '24:00']) expect(isClockTime(ok)).toBe(true)
    for (const bad of ['9:00', '24:01', '12:60', '0900', '', null, 900]) expect(isClockTime(bad)).toBe(false)
  })
})

describe('availabilityFor', () => {
  const saturdayMorning = shift('2027-01-16T09:00:00.000Z', '2027-01-16T13:00:00.000Z')
  const summerSaturday = shift('2027-07-17T08:00:00.000Z', '2027-07-17T12:00:00.000Z') // 09:00–13:00 BST

  it('is unknown when nothing is recorded', () => {
    expect(availabilityFor(null, saturdayMorning).answer).toBe('unknown')
    expect(availabilityFor({ weekly: [], dates: [] }, saturdayMorning).answer).toBe('unknown')
  })

  it('uses the weekly pattern in local time: a slot on that day must cover the whole shift', () => {
    expect(availabilityFor({ weekly: [{ day: 'sat', from: '09:00', to: '13:00' }] }, saturdayMorning)).toEqual({ answer: 'available', reason: 'Usually free Sat 09:00–13:00' })
    expect(availabilityFor({ weekly: [{ day: 'sat', from: '09:00', to: '13:00' }] }, summerSaturday).answer).toBe('available')
    expect(availabilityFor({ weekly: [{ day: 'sat', from: '10:00', to: '17:00' }] }, saturdayMorning).answer).toBe('unavailable')
    expect(availabilityFor({ weekly: [{ day: 'sun', from: '00:00', to: '24:00' }] }, saturdayMorning)).toEqual({ answer: 'unavailable', reason: 'Not usually free at that time' })
  })

  it('an evening shift ending at midnight fits a slot to 24:00', () => {
    expect(availabilityFor({ weekly: [{ day: 'sat', from: '18:00', to: '24:00' }] }, shift('2027-01-16T20:00:00.000Z', '2027-01-17T00:00:00.000Z')).answer).toBe('available')
  })

  it('dates when they cannot help win over everything; dates when they can cover a shift outside the weekly pattern', () => {
    const facts = {
      weekly: [{ day: 'sat', from: '08:00', to: '18:00' }],
      dates: [
        { kind: 'unavailable', from: '2027-01-15', to: '2027-01-16', note: 'Skiing' },
        { kind: 'available', from: '2027-01-01', to: '2027-01-31' },
      ],
    }
    expect(availabilityFor(facts, saturdayMorning)).toEqual({ answer: 'unavailable', reason: 'Not available 15 Jan 2027 to 16 Jan 2027 (Skiing)' })
    const tuesday = shift('2027-01-19T14:00:00.000Z', '2027-01-19T16:00:00.000Z')
    expect(availabilityFor(facts, tuesday)).toEqual({ answer: 'available', reason: 'Available 1 Jan 2027 to 31 Jan 2027' })
    // a shift running into an unavailable day is unavailable too
    expect(availabilityFor({ dates: [{ kind: 'unavailable', from: '2027-01-17', to: '2027-01-17' }] }, shift('2027-01-16T20:00:00.000Z', '2027-01-17T02:00:00.000Z')).answer).toBe('unavailable')
  })
})

describe('dueCertificateReminder', () => {
  const expires = new Date('2027-03-01T00:00:00.000Z')
  const day = (iso: string) => new Date(`${iso}T07:15:00.000Z`)
  const offsets = [60, 30, 7]

  it('nothing before the first step, then each step on its day', () => {
    expect(dueCertificateReminder(expires, day('2026-12-30'), offsets, [])).toBeNull()
    expect(dueCertificateReminder(expires, day('2026-12-31'), offsets, [])).toBe(60)
    expect(dueCertificateReminder(expires, day('2027-01-30'), offsets, [60])).toBe(30)
    expect(dueCertificateReminder(expires, day('2027-02-22'), offsets, [60, 30])).toBe(7)
  })

  it('never repeats a step, and sends only the latest when earlier ones were missed', () => {
    expect(dueCertificateReminder(expires, day('2027-01-05'), offsets, [60])).toBeNull()
    expect(dueCertificateReminder(expires, day('2027-02-25'), offsets, [])).toBe(7)
    expect(dueCertificateReminder(expires, day('2027-02-25'), offsets, [7])).toBeNull()
  })

  it('nothing once the certificate has expired, or with no offsets', () => {
    expect(dueCertificateReminder(expires, day('2027-03-01'), offsets, [])).toBeNull()
    expect(dueCertificateReminder(expires, day('2027-02-25'), [], [])).toBeNull()
  })
})
