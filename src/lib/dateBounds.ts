import { addHours } from 'date-fns/addHours'
import { endOfDay } from 'date-fns/endOfDay'
import { UTCDate } from '@date-fns/utc'

/**
 * Bounds on dates people type, where a wrong value is clearly a mistake (a certificate issued in
 * 2031, a birth in 1850). Pure: `now` is passed in. "Today" allows for the furthest time zone
 * ahead of UTC, so a date picked as today anywhere is never refused as future.
 */

export const EARLIEST_YEAR = 1900

const time = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null
  const t = value instanceof Date ? value.getTime() : new Date(String(value)).getTime()
  return Number.isNaN(t) ? null : t
}

/** The latest moment that is still "today" somewhere (UTC+14). */
const latestToday = (now: Date) => addHours(endOfDay(new UTCDate(now)), 14).getTime()

/** A day is in the future when it has not begun anywhere yet. */
export const isFutureDay = (value: unknown, now: Date = new Date()): boolean => {
  const t = time(value)
  return t !== null && t > latestToday(now)
}

/** A moment (with a time) is in the future: a few minutes' clock drift are forgiven. */
export const isFutureMoment = (value: unknown, now: Date = new Date()): boolean => {
  const t = time(value)
  return t !== null && t > now.getTime() + 5 * 60_000
}

export const isBeforeEarliestYear = (value: unknown): boolean => {
  const t = time(value)
  return t !== null && new Date(t).getUTCFullYear() < EARLIEST_YEAR
}

/** Whether `later` is strictly after `earlier` (true when either is missing: nothing to compare). */
export const isAfter = (later: unknown, earlier: unknown): boolean => {
  const a = time(later)
  const b = time(earlier)
  return a === null || b === null || a > b
}

/** Whether `later` is on or after `earlier` (true when either is missing). */
export const isOnOrAfter = (later: unknown, earlier: unknown): boolean => {
  const a = time(later)
  const b = time(earlier)
  return a === null || b === null || a >= b
}

export const isDate = (value: unknown): boolean => time(value) !== null
