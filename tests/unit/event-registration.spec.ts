import { describe, expect, it } from 'vitest'

import { eventEnds, registrationState } from '@/events/registration'

const meeting = {
  status: 'published',
  startsAt: '2027-03-10T18:30:00.000Z',
  endsAt: '2027-03-10T20:30:00.000Z',
  registrationOpensAt: '2027-02-01T09:00:00.000Z',
  registrationClosesAt: '2027-03-09T12:00:00.000Z',
  capacity: 20,
  waitlist: true,
}
const at = (iso: string) => new Date(iso)

describe('event registration state', () => {
  it('walks through not yet open, open, closed, in progress and finished by date', () => {
    expect(registrationState(meeting, 0, at('2027-01-31T09:00:00Z')).state).toBe('not_yet_open')
    expect(registrationState(meeting, 0, at('2027-02-01T09:00:00Z'))).toEqual({ state: 'open', placesLeft: 20, canRsvp: true, canJoinWaitlist: false })
    expect(registrationState(meeting, 0, at('2027-03-09T12:00:00Z')).state).toBe('closed')
    expect(registrationState(meeting, 0, at('2027-03-10T18:30:00Z')).state).toBe('in_progress')
    expect(registrationState(meeting, 0, at('2027-03-10T20:30:00Z')).state).toBe('finished')
  })

  it('is full when the places are taken, offering the waitlist only when the event has one', () => {
    expect(registrationState(meeting, 19, at('2027-02-10T09:00:00Z'))).toMatchObject({ state: 'open', placesLeft: 1, canRsvp: true })
    expect(registrationState(meeting, 20, at('2027-02-10T09:00:00Z'))).toEqual({ state: 'full', placesLeft: 0, canRsvp: false, canJoinWaitlist: true })
    expect(registrationState({ ...meeting, waitlist: false }, 25, at('2027-02-10T09:00:00Z'))).toMatchObject({ state: 'full', placesLeft: 0, canJoinWaitlist: false })
  })

  it('treats an empty capacity as unlimited, and closes at the start when there is no closing date', () => {
    const open = { ...meeting, capacity: null, registrationOpensAt: null, registrationClosesAt: null }
    expect(registrationState(open, 500, at('2027-03-10T18:29:00Z'))).toMatchObject({ state: 'open', placesLeft: null, canRsvp: true })
    expect(registrationState(open, 0, at('2027-03-10T18:30:00Z')).state).toBe('in_progress')
    // a closing date after the start still closes at the start
    expect(registrationState({ ...meeting, registrationClosesAt: '2027-03-11T00:00:00Z' }, 0, at('2027-03-10T18:30:00Z')).state).toBe('in_progress')
  })

  it('takes no RSVPs for drafts and cancelled events', () => {
    for (const status of ['draft', 'cancelled', 'proposed']) {
      expect(registrationState({ ...meeting, status }, 0, at('2027-02-10T09:00:00Z')), status).toMatchObject({ state: 'closed', canRsvp: false })
    }
  })

  it('ends an all-day event at the end of its day, and an event without an end at its start', () => {
    expect(eventEnds({ startsAt: '2027-06-05T00:00:00Z', allDay: true }).toISOString()).toBe('2027-06-06T00:00:00.000Z')
    expect(registrationState({ ...meeting, startsAt: '2027-06-05T00:00:00Z', endsAt: null, allDay: true }, 0, at('2027-06-05T15:00:00Z')).state).toBe('in_progress')
    expect(eventEnds({ startsAt: '2027-06-05T10:00:00Z' }).toISOString()).toBe('2027-06-05T10:00:00.000Z')
  })
})
