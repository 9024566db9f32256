/**
 * Whether a volunteer's recorded availability (SPEC §7) suits a shift, without a database:
 * date ranges when they can or cannot help, and the hours they are usually free each week.
 * Times are the organisation's local time (the airport's), not UTC.
 */
import type { Interval } from './eligibility'

export const ORGANISATION_TIME_ZONE = 'Europe/London'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export type WeeklySlot = { day: Weekday | string; from: string; to: string }
export type DateRange = { kind: 'available' | 'unavailable' | string; from: string | Date; to: string | Date; note?: string | null }
export type AvailabilityFacts = { weekly?: WeeklySlot[] | null; dates?: DateRange[] | null }

export type AvailabilityAnswer = { answer: 'available' | 'unavailable' | 'unknown'; reason: string }

/** "HH:MM", 00:00 to 24:00. */
export const isClockTime = (value: unknown): value is string => typeof value === 'string' && /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(value)

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))

type Local = { day: string; weekday: Weekday; minutes: number }

/** A moment as the calendar day (YYYY-MM-DD), weekday and minutes past midnight in `timeZone`. */
export function localTime(at: Date | string, timeZone = ORGANISATION_TIME_ZONE): Local {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  )
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).slice(0, 3).toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  }
}

/** The calendar day a date field holds (date-only fields are stored as a moment on that day, in UTC). */
const dayOf = (value: string | Date) => new Date(value).toISOString().slice(0, 10)

const dayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const showDay = (value: string | Date) => dayLabel.format(new Date(`${dayOf(value)}T12:00:00.000Z`))
const rangeLabel = (range: DateRange) => (dayOf(range.from) === dayOf(range.to) ? showDay(range.from) : `${showDay(range.from)} to ${showDay(range.to)}`)
const weekdayLabel = (day: string) => day.charAt(0).toUpperCase() + day.slice(1)

/**
 * Unavailable dates win over everything; then an "available" date range covering the shift;
 * then the weekly pattern (a slot on that weekday covering the whole shift). With nothing
 * recorded the answer is unknown, which coordinators see as such rather than as "no".
 */
export function availabilityFor(facts: AvailabilityFacts | null | undefined, shift: Interval, timeZone = ORGANISATION_TIME_ZONE): AvailabilityAnswer {
  const start = localTime(shift.startsAt, timeZone)
  // a shift ending at midnight belongs to the day it started
  const end = localTime(new Date(new Date(shift.endsAt).getTime() - 1), timeZone)
  const endMinutes = end.minutes + 1
  const touches = (range: DateRange) => dayOf(range.from) <= end.day && start.day <= dayOf(range.to)
  const covers = (range: DateRange) => dayOf(range.from) <= start.day && end.day <= dayOf(range.to)

  const away = (facts?.dates ?? []).find((range) => range.kind === 'unavailable' && touches(range))
  if (away) return { answer: 'unavailable', reason: `Not available ${rangeLabel(away)}${away.note ? ` (${away.note})` : ''}` }
  const free = (facts?.dates ?? []).find((range) => range.kind === 'available' && covers(range))
  if (free) return { answer: 'available', reason: `Available ${rangeLabel(free)}` }

  const weekly = facts?.weekly ?? []
  if (weekly.length === 0) return { answer: 'unknown', reason: 'No availability recorded' }
  const sameDay = start.day === end.day
  const slot = weekly.find((s) => sameDay && s.day === start.weekday && isClockTime(s.from) && isClockTime(s.to) && minutesOf(s.from) <= start.minutes && endMinutes <= minutesOf(s.to))
  if (slot) return { answer: 'available', reason: `Usually free ${weekdayLabel(slot.day)} ${slot.from}–${slot.to}` }
  return { answer: 'unavailable', reason: 'Not usually free at that time' }
}
