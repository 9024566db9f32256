/**
 * Until when a membership card is good (pure, unit-tested): while the membership is active, to
 * the end of its paid period; in grace, to the end of the grace period (src/membership/periods.ts).
 * Any other status, or a date already past, gives no card.
 */
import type { MembershipStatus } from '@/membership/lifecycle'
import { ACCESS_STATUSES } from '@/membership/groups'
import type { TierPeriod } from '@/membership/periods'
import { graceEnds } from '@/membership/periods'

export function cardValidUntil(
  membership: { status: MembershipStatus | string | null | undefined; periodEnd: string | Date | null | undefined },
  tier: Pick<TierPeriod, 'graceDays'>,
  now: Date,
): Date | null {
  const { status, periodEnd } = membership
  if (!periodEnd || !ACCESS_STATUSES.includes(status as MembershipStatus)) return null
  const end = new Date(periodEnd)
  // an active membership past its end is in grace by the calendar (the daily job moves it there)
  const until = status === 'active' && end > now ? end : graceEnds({ period: 'rolling', graceDays: tier.graceDays }, end)
  return until > now ? until : null
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** A card's date as people read it ("31 March 2027", UTC like every date of the member site). */
export const cardDate = (date: Date | string) => dateFormat.format(new Date(date))

/** What the verify page and endpoint say, and nothing more. */
export function verdictMessage(validUntil: Date | null): string {
  return validUntil ? `Valid member until ${cardDate(validUntil)}` : 'Not valid'
}
