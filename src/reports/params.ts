/**
 * The query of `GET /api/reports/:name` read and checked, as a pure function (the tier's existence
 * is checked by the endpoint, which has the database): a date range, a tier, a number of days
 * ahead, a date to count members at, the format, the table of a CSV export and the page of a list.
 * Dates are UTC days (`2026-03-31`) or ISO moments; a day as `to` includes that whole day.
 */
import { UTCDate } from '@date-fns/utc'
import { addDays } from 'date-fns/addDays'
import { differenceInCalendarMonths } from 'date-fns/differenceInCalendarMonths'
import { eachMonthOfInterval } from 'date-fns/eachMonthOfInterval'
import { isValid } from 'date-fns/isValid'
import { parseISO } from 'date-fns/parseISO'
import { startOfDay } from 'date-fns/startOfDay'
import { startOfMonth } from 'date-fns/startOfMonth'
import { subMonths } from 'date-fns/subMonths'

export const DEFAULT_DAYS_AHEAD = 30
export const MAX_DAYS_AHEAD = 366
/** The longest range a report covers: ten years of months is 120 rows. */
export const MAX_RANGE_MONTHS = 120
export const DEFAULT_PAGE_SIZE = 50
/** As every list of the API (src/lib/apiGuard.ts clamps `limit` to 100 before this sees it). */
export const MAX_PAGE_SIZE = 100

export type ReportQuery = {
  /** The first moment of the range. */
  from: Date
  /** The first moment after the range (the day after `to`, for a day). */
  until: Date
  /** What the reader asked for, as days: echoed in the answer and in a CSV file name. */
  fromDay: string
  toDay: string
  /** Members counted at this moment (the `members` report); `null`: now, from the statuses. */
  at: Date | null
  tier: number | null
  /** How far ahead "ending soon" and "shifts with places to fill" look. */
  days: number
  format: 'json' | 'csv'
  /** The table of a CSV export (each report names its tables); `null`: its first. */
  table: string | null
  limit: number
  page: number
  now: Date
}

export type ParsedQuery = { ok: true; query: ReportQuery } | { ok: false; message: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/
const WHOLE = /^\d{1,9}$/

const dayOf = (date: Date) => date.toISOString().slice(0, 10)

/** A day or an ISO moment; a day stands for its first moment (UTC). */
function parseDate(value: string): { date: Date; isDay: boolean } | null {
  const isDay = DAY.test(value)
  if (!isDay && !MOMENT.test(value)) return null
  const date = isDay ? new UTCDate(`${value}T00:00:00.000Z`) : parseISO(value)
  if (!isValid(date)) return null
  // parseISO rolls 2026-02-30 over to March: a day that does not exist is refused
  if (isDay && dayOf(date) !== value) return null
  return { date: new Date(date.getTime()), isDay }
}

function whole(raw: string | null, name: string, fallback: number, min: number, max: number): number | string {
  if (raw === null || raw === '') return fallback
  if (!WHOLE.test(raw) || Number(raw) < min || Number(raw) > max) return `"${name}" is a whole number from ${min} to ${max}.`
  return Number(raw)
}

export function parseReportQuery(params: URLSearchParams, now: Date = new Date()): ParsedQuery {
  const fail = (message: string): ParsedQuery => ({ ok: false, message })
  const today = startOfDay(new UTCDate(now))

  const rawTo = params.get('to')
  let until: Date
  if (rawTo) {
    const parsed = parseDate(rawTo)
    if (!parsed) return fail(`"to" is not a date: give a day as YYYY-MM-DD (or an ISO date and time), not "${rawTo}".`)
    until = parsed.isDay ? addDays(new UTCDate(parsed.date), 1) : parsed.date
  } else {
    until = addDays(today, 1)
  }
  const rawFrom = params.get('from')
  let from: Date
  if (rawFrom) {
    const parsed = parseDate(rawFrom)
    if (!parsed) return fail(`"from" is not a date: give a day as YYYY-MM-DD (or an ISO date and time), not "${rawFrom}".`)
    from = parsed.date
  } else {
    // the last twelve calendar months, this one included
    from = subMonths(startOfMonth(new UTCDate(until.getTime() - 1)), 11)
  }
  if (from.getTime() >= until.getTime()) return fail('"from" must be before "to".')
  if (differenceInCalendarMonths(new UTCDate(until), new UTCDate(from)) > MAX_RANGE_MONTHS) return fail(`A report covers at most ${MAX_RANGE_MONTHS / 12} years: narrow "from" and "to".`)

  const rawAt = params.get('at')
  let at: Date | null = null
  if (rawAt) {
    const parsed = parseDate(rawAt)
    if (!parsed) return fail(`"at" is not a date: give a day as YYYY-MM-DD (or an ISO date and time), not "${rawAt}".`)
    // a day means "at the end of that day"
    at = parsed.isDay ? addDays(new UTCDate(parsed.date), 1) : parsed.date
    if (at.getTime() >= now.getTime()) at = null
  }

  const rawTier = params.get('tier')
  let tier: number | null = null
  if (rawTier !== null && rawTier !== '') {
    if (!WHOLE.test(rawTier) || Number(rawTier) < 1) return fail(`"tier" is the id of a tier (a whole number), not "${rawTier}".`)
    tier = Number(rawTier)
  }

  const days = whole(params.get('days'), 'days', DEFAULT_DAYS_AHEAD, 1, MAX_DAYS_AHEAD)
  if (typeof days === 'string') return fail(days)
  const limit = whole(params.get('limit'), 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
  if (typeof limit === 'string') return fail(limit)
  const page = whole(params.get('page'), 'page', 1, 1, 1_000_000)
  if (typeof page === 'string') return fail(page)

  const format = params.get('format') || 'json'
  if (format !== 'json' && format !== 'csv') return fail(`"format" is json or csv, not "${format}".`)
  const table = params.get('table') || null

  return {
    ok: true,
    query: {
      from,
      until,
      fromDay: dayOf(from),
      toDay: dayOf(new Date(until.getTime() - 1)),
      at,
      tier,
      days,
      format,
      table,
      limit,
      page,
      now,
    },
  }
}

/** Every calendar month the range touches (`2026-01`, …), oldest first: a month with nothing is a row of zeros. */
export function monthsOf(query: Pick<ReportQuery, 'from' | 'until'>): string[] {
  const last = new UTCDate(query.until.getTime() - 1)
  return eachMonthOfInterval({ start: startOfMonth(new UTCDate(query.from)), end: last }).map((month) => new UTCDate(month).toISOString().slice(0, 7))
}
