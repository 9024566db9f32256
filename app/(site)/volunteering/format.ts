/**
 * How the volunteering page writes dates and hours: British English, UK time (the airport's).
 * Date-only fields (issue and expiry dates, availability ranges) hold a moment on that day in
 * UTC, so the UK calendar day is the day that was entered.
 */
const TIME_ZONE = 'Europe/London'

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE })
const longDayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE })
const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE })
const dayKeyFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TIME_ZONE })

/** "31 January 2028", or "—" when there is no date. */
export const formatDay = (value?: string | null) => (value ? dayFormat.format(new Date(value)) : '—')

/** "Saturday 5 December 2026, 09:00 to 13:00" (or with both days when it runs past midnight). */
export function formatShiftTime(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const sameDay = dayKeyFormat.format(start) === dayKeyFormat.format(end)
  return sameDay
    ? `${longDayFormat.format(start)}, ${clockFormat.format(start)} to ${clockFormat.format(end)}`
    : `${longDayFormat.format(start)}, ${clockFormat.format(start)} to ${longDayFormat.format(end)}, ${clockFormat.format(end)}`
}

/** "1 hour", "4.5 hours". */
export const formatHours = (hours: number) => `${Number(hours.toFixed(2))} ${hours === 1 ? 'hour' : 'hours'}`

/** "2026-01-31": the value of an `<input type="date">` for a stored date-only field. */
export const dateInputValue = (value?: string | null) => (value ? new Date(value).toISOString().slice(0, 10) : '')
