/**
 * Membership period arithmetic (SPEC §3), in UTC, with date-fns. Periods are half-open:
 * a membership is current from `start` up to, not including, `end`.
 *
 * - rolling: 12 calendar months from the start (31 Jan → 31 Jan; 29 Feb → 28 Feb next year).
 * - calendar: every membership renews on the tier's fixed day and month (e.g. 1 April); a new
 *   member pays for the time up to the next renewal date.
 * - Renewing while `active` or in `grace` extends from the current end date, so no days are
 *   lost or gained; after `lapsed` (or for a first payment) the new period starts on the
 *   payment date.
 */
import { UTCDate } from '@date-fns/utc'
import { addDays } from 'date-fns/addDays'
import { addMonths } from 'date-fns/addMonths'
import { getDaysInMonth } from 'date-fns/getDaysInMonth'
import { isAfter } from 'date-fns/isAfter'
import { isBefore } from 'date-fns/isBefore'
import { startOfDay } from 'date-fns/startOfDay'

import type { MembershipStatus } from './lifecycle'

export type PeriodKind = 'rolling' | 'calendar'

export type TierPeriod = {
  period: PeriodKind
  /** calendar tiers: the day of the month memberships renew on (1-31; clamped to short months) */
  renewalDay?: number | null
  /** calendar tiers: the month memberships renew in (1-12) */
  renewalMonth?: number | null
  graceDays?: number | null
}

export type Period = { start: Date; end: Date }

const utc = (date: Date | string) => new UTCDate(typeof date === 'string' ? date : date.getTime())

/** The renewal date of a calendar tier in a given year, clamping 29-31 to short months. */
export function renewalDateInYear(year: number, month: number, day: number): Date {
  const daysInMonth = getDaysInMonth(new UTCDate(year, month - 1, 1))
  return new UTCDate(year, month - 1, Math.min(day, daysInMonth))
}

/** The first renewal date strictly after `date` (start of its UTC day). */
export function nextRenewalDate(date: Date, month: number, day: number): Date {
  const from = utc(date)
  const thisYear = renewalDateInYear(from.getFullYear(), month, day)
  return isAfter(thisYear, from) ? thisYear : renewalDateInYear(from.getFullYear() + 1, month, day)
}

function assertCalendar(tier: TierPeriod): { month: number; day: number } {
  const month = tier.renewalMonth ?? 0
  const day = tier.renewalDay ?? 0
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 31) {
    throw new RangeError('A calendar tier needs a renewal day (1-31) and month (1-12).')
  }
  return { month, day }
}

/** The period a payment made at `start` buys when no current period is being extended. */
export function periodStartingAt(tier: TierPeriod, start: Date): Period {
  const from = utc(start)
  if (tier.period === 'calendar') {
    const { month, day } = assertCalendar(tier)
    return { start: from, end: nextRenewalDate(startOfDay(from), month, day) }
  }
  return { start: from, end: addMonths(from, 12) }
}

/** The period that follows one ending at `currentEnd` (renewal before lapse). */
export function periodFollowing(tier: TierPeriod, currentEnd: Date): Period {
  const start = utc(currentEnd)
  if (tier.period === 'calendar') {
    const { month, day } = assertCalendar(tier)
    return { start, end: renewalDateInYear(start.getFullYear() + 1, month, day) }
  }
  return { start, end: addMonths(start, 12) }
}

/**
 * The period a succeeded payment gives a membership: extends the current one while it is
 * active or in grace, otherwise starts on the payment date.
 */
export function periodForPayment(args: {
  tier: TierPeriod
  status: MembershipStatus
  currentEnd?: Date | string | null
  paidAt: Date | string
}): Period {
  const { tier, status, currentEnd, paidAt } = args
  if ((status === 'active' || status === 'grace') && currentEnd) {
    return periodFollowing(tier, utc(currentEnd))
  }
  return periodStartingAt(tier, utc(paidAt))
}

/** The end of the grace period that follows a period's end. */
export function graceEnds(tier: TierPeriod, end: Date | string): Date {
  return addDays(utc(end), Math.max(0, tier.graceDays ?? 0))
}

/** Which status the calendar says a paid-up membership should have at `now`. */
export function statusOnDate(tier: TierPeriod, end: Date | string, now: Date): 'active' | 'grace' | 'lapsed' {
  const endsAt = utc(end)
  if (isBefore(utc(now), endsAt)) return 'active'
  return isBefore(utc(now), graceEnds(tier, endsAt)) ? 'grace' : 'lapsed'
}


/** A tier as stored (renewal month comes from a select, as a string) in the shape used here. */
export function toTierPeriod(tier: {
  period?: string | null
  renewalDay?: number | null
  renewalMonth?: string | number | null
  graceDays?: number | null
}): TierPeriod {
  return {
    period: tier.period === 'calendar' ? 'calendar' : 'rolling',
    renewalDay: tier.renewalDay ?? null,
    renewalMonth: tier.renewalMonth == null ? null : Number(tier.renewalMonth),
    graceDays: tier.graceDays ?? 0,
  }
}
