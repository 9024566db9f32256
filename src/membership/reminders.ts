/**
 * Renewal reminder planning (SPEC §5), pure. A reminder *step* is an offset in days from the
 * end of a period: -30 is thirty days before it, 0 the day it ends, 7 a week after. The ledger
 * (`reminders`) records each step sent for each (membership, period end), so this module only
 * has to say which step, if any, is due on a given day:
 *
 * - the latest step whose day has come (a missed run catches up with that one and skips older ones);
 * - nothing once that step, or the period's maximum number of reminders, has been sent;
 * - nothing for memberships that are not active or in grace (new, cancelled, lapsed), and
 *   nothing for a renewed membership, because its period end has moved on.
 */
import { UTCDate } from '@date-fns/utc'
import { addDays } from 'date-fns/addDays'
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays'
import { startOfDay } from 'date-fns/startOfDay'

import type { MembershipStatus } from './lifecycle'

/** 30, 14 and 7 days before the end, on the day, and 7 days after. */
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [-30, -14, -7, 0, 7]
export const DEFAULT_REMINDERS_PER_PERIOD = 5

/**
 * How long after its day the last step may still be caught up. Past that, the member is
 * "lapsed past the last step" and gets nothing more about this period.
 */
export const LAST_STEP_CATCH_UP_DAYS = 14

/** Only these get renewal reminders; a lapsed or cancelled member is past reminding. */
export const REMINDABLE_STATUSES: readonly MembershipStatus[] = ['active', 'grace']

export type ReminderSchedule = { offsets: readonly number[]; maxPerPeriod: number }

export type PlannedReminder = { step: string; offset: number; dueOn: Date }

const utcDay = (date: Date | string) => startOfDay(new UTCDate(typeof date === 'string' ? date : date.getTime()))

/** The ledger's name for a step: `before-30`, `on-the-day`, `after-7`. */
export function stepKey(offset: number): string {
  if (offset === 0) return 'on-the-day'
  return offset < 0 ? `before-${-offset}` : `after-${offset}`
}

/** Offsets as settings store them, cleaned: whole days, no duplicates, earliest first. */
export function normaliseOffsets(offsets: readonly unknown[]): number[] {
  const days = offsets.filter((value): value is number => Number.isInteger(value) && Math.abs(value as number) <= 366)
  return [...new Set(days)].sort((a, b) => a - b)
}

/** The day a step falls on for a period ending on `periodEnd`. */
export function stepDueOn(periodEnd: Date | string, offset: number): Date {
  return addDays(utcDay(periodEnd), offset)
}

/** The step to send on `today`, or null. `sent` are the step keys already in the ledger for this period end. */
export function planReminder(args: {
  status: MembershipStatus
  periodEnd: Date | string | null | undefined
  today: Date
  schedule: ReminderSchedule
  sent: readonly string[]
}): PlannedReminder | null {
  const { status, periodEnd, today, schedule, sent } = args
  if (!periodEnd || !REMINDABLE_STATUSES.includes(status)) return null
  if (sent.length >= schedule.maxPerPeriod) return null
  const day = utcDay(today)
  const due = normaliseOffsets(schedule.offsets).filter((offset) => stepDueOn(periodEnd, offset) <= day)
  const latest = due.at(-1)
  if (latest === undefined) return null
  // A later step already sent (the schedule was changed since) also means there is nothing to catch up.
  const sentOffsets = new Set(sent)
  if (due.some((offset) => offset >= latest && sentOffsets.has(stepKey(offset)))) return null
  const isLast = latest === normaliseOffsets(schedule.offsets).at(-1)
  if (isLast && differenceInCalendarDays(day, stepDueOn(periodEnd, latest)) > LAST_STEP_CATCH_UP_DAYS) return null
  return { step: stepKey(latest), offset: latest, dueOn: stepDueOn(periodEnd, latest) }
}

/**
 * The window of period ends that can have a step due on `today`: the daily run asks the
 * database only for memberships ending in it.
 */
export function dueWindow(today: Date, schedule: ReminderSchedule, daysAhead = 0): { from: Date; to: Date } {
  const offsets = normaliseOffsets(schedule.offsets)
  const day = utcDay(today)
  if (offsets.length === 0) return { from: day, to: addDays(day, -1) }
  // A step is due when periodEnd + offset <= day, so the earliest offset bounds how far ahead to
  // look; the last step, plus its catch-up days, bounds how far back. `to` is exclusive.
  return { from: addDays(day, -offsets.at(-1)! - LAST_STEP_CATCH_UP_DAYS), to: addDays(day, daysAhead - offsets[0]! + 1) }
}

export type DueStepRange = { step: string; offset: number; from: Date; to: Date }

/**
 * planReminder in the shape of a database query: the period ends for which each step is the one
 * due on `today`, as [from, to) ranges, one per step, disjoint. A step is the latest due when
 * its day has come and the next step's has not (for the last step: at most its catch-up days
 * ago), so the daily run can select exactly the memberships with a step due, and no others.
 * Whether that step or the period's maximum was already sent is left to the ledger.
 */
export function dueStepRanges(today: Date, schedule: ReminderSchedule): DueStepRange[] {
  const offsets = normaliseOffsets(schedule.offsets)
  const day = utcDay(today)
  // the step at `offset` has come when utcDay(periodEnd) <= day - offset, i.e. periodEnd < day - offset + 1
  const comeBefore = (offset: number) => addDays(day, 1 - offset)
  return offsets.map((offset, i) => {
    const next = offsets[i + 1]
    const from = next === undefined ? addDays(day, -offset - LAST_STEP_CATCH_UP_DAYS) : comeBefore(next)
    return { step: stepKey(offset), offset, from, to: comeBefore(offset) }
  })
}

/** "in 30 days", "tomorrow", "today", "yesterday", "7 days ago": how far the end is from the day sent. */
export function reminderWhen(periodEnd: Date | string, sentOn: Date): string {
  const days = differenceInCalendarDays(utcDay(periodEnd), utcDay(sentOn))
  if (days === 0) return 'today'
  if (days === 1) return 'tomorrow'
  if (days === -1) return 'yesterday'
  return days > 0 ? `in ${days} days` : `${-days} days ago`
}

export type PreviewCandidate = { id: number | string; status: MembershipStatus; periodEnd: string; sent: readonly string[] }
export type PreviewEntry = { on: Date; membership: number | string; step: string; offset: number; periodEnd: string }

/**
 * Who will get which reminder on which of the next `days` days, if nothing changes: each day
 * planned as the daily run would, counting what the earlier days of the preview would send.
 */
export function previewReminders(candidates: readonly PreviewCandidate[], today: Date, days: number, schedule: ReminderSchedule): PreviewEntry[] {
  const entries: PreviewEntry[] = []
  for (const candidate of candidates) {
    const sent = [...candidate.sent]
    for (let d = 0; d < days; d += 1) {
      const on = addDays(utcDay(today), d)
      const planned = planReminder({ status: candidate.status, periodEnd: candidate.periodEnd, today: on, schedule, sent })
      if (!planned) continue
      sent.push(planned.step)
      entries.push({ on, membership: candidate.id, step: planned.step, offset: planned.offset, periodEnd: candidate.periodEnd })
    }
  }
  return entries.sort((a, b) => a.on.getTime() - b.on.getTime() || String(a.membership).localeCompare(String(b.membership)))
}
