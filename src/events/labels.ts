import type { RegistrationState } from './registration'

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' })
const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })

/** "Thursday 12 March 2026, 7:00 pm" (UK time), or the day alone for all-day events. */
export function eventWhen(event: { startsAt: string; allDay?: boolean | null }): string {
  return (event.allDay ? day : when).format(new Date(event.startsAt))
}

export const STATE_LABELS: Record<RegistrationState, string> = {
  not_yet_open: 'Registration not open yet',
  open: 'Open for replies',
  full: 'Full',
  closed: 'Registration closed',
  in_progress: 'Happening now',
  finished: 'Finished',
}
