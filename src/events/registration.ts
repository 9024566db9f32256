/**
 * An event's registration state (SPEC §6), derived from its dates and counts, in one pure
 * function: the event pages, RSVP endpoint and reminders all ask it.
 *
 *   not_yet_open → open ⇄ full → closed → in_progress → finished
 *
 * Registration closes at the closing date, or when the event starts if it has none.
 */
import { UTCDate } from '@date-fns/utc'
import { addDays } from 'date-fns/addDays'
import { startOfDay } from 'date-fns/startOfDay'

export const REGISTRATION_STATES = ['not_yet_open', 'open', 'full', 'closed', 'in_progress', 'finished'] as const
export type RegistrationState = (typeof REGISTRATION_STATES)[number]

export type EventTiming = {
  status?: 'draft' | 'published' | 'cancelled' | 'proposed' | string | null
  startsAt: Date | string
  endsAt?: Date | string | null
  allDay?: boolean | null
  registrationOpensAt?: Date | string | null
  registrationClosesAt?: Date | string | null
  /** Places, guests included; empty means unlimited. */
  capacity?: number | null
  waitlist?: boolean | null
}

export type Registration = {
  state: RegistrationState
  /** Places left for new RSVPs, or null when unlimited. */
  placesLeft: number | null
  /** Whether a new RSVP is taken as going. */
  canRsvp: boolean
  /** Whether a new RSVP is taken onto the waitlist instead. */
  canJoinWaitlist: boolean
}

const time = (value: Date | string) => new Date(value).getTime()

/** When the event is over: its end, the end of its day when all-day, or its start when it has no end. */
export function eventEnds(event: Pick<EventTiming, 'startsAt' | 'endsAt' | 'allDay'>): Date {
  if (event.endsAt) return new Date(event.endsAt)
  if (event.allDay) return addDays(startOfDay(new UTCDate(time(event.startsAt))), 1)
  return new Date(event.startsAt)
}

/** `going` counts the places taken (members and their guests) by RSVPs marked going. */
export function registrationState(event: EventTiming, going: number, now: Date): Registration {
  const capacity = event.capacity ?? null
  const placesLeft = capacity === null ? null : Math.max(0, capacity - going)
  const closed = (state: RegistrationState): Registration => ({ state, placesLeft, canRsvp: false, canJoinWaitlist: false })
  const at = now.getTime()

  if (at >= eventEnds(event).getTime()) return closed('finished')
  if (at >= time(event.startsAt)) return closed('in_progress')
  if (event.status !== 'published') return closed('closed')
  if (event.registrationOpensAt && at < time(event.registrationOpensAt)) return closed('not_yet_open')
  const closesAt = event.registrationClosesAt ? Math.min(time(event.registrationClosesAt), time(event.startsAt)) : time(event.startsAt)
  if (at >= closesAt) return closed('closed')
  if (placesLeft === 0) return { state: 'full', placesLeft, canRsvp: false, canJoinWaitlist: Boolean(event.waitlist) }
  return { state: 'open', placesLeft, canRsvp: true, canJoinWaitlist: false }
}
