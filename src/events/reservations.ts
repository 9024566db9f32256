/**
 * How long a place is held while its payment is pending (seed 004): `holdDays` from the
 * registration, but no longer than payments are taken — until registration closes plus the
 * payment grace days (bank transfers and cash still arrive after registration has closed).
 */
import { addDays } from 'date-fns/addDays'
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays'

export type HoldTerms = {
  startsAt: Date | string
  registrationClosesAt?: Date | string | null
  /** Days a place is held for payment; empty: until payments stop being taken. */
  holdDays?: number | null
  /** Days after registration closes in which payments for held places are still taken. */
  paymentGraceDays?: number | null
}

/** When registrations stop taking payments: closing (or the start) plus the grace days, never after the start. */
export function paymentsCloseAt(terms: HoldTerms): Date {
  const starts = new Date(terms.startsAt)
  const closes = terms.registrationClosesAt ? new Date(terms.registrationClosesAt) : starts
  const withGrace = addDays(closes, Math.max(0, terms.paymentGraceDays ?? 0))
  return withGrace.getTime() > starts.getTime() ? starts : withGrace
}

/** The moment a place held at `heldAt` is released unless paid for. */
export function holdExpiresAt(terms: HoldTerms, heldAt: Date): Date {
  const last = paymentsCloseAt(terms)
  if (!terms.holdDays || terms.holdDays <= 0) return last
  const byDays = addDays(heldAt, terms.holdDays)
  return byDays.getTime() < last.getTime() ? byDays : last
}

/** Whether a hold is still good at `now` (a payment for it is taken). */
export function holdIsLive(heldUntil: Date | string | null | undefined, now: Date): boolean {
  return !heldUntil || now.getTime() < new Date(heldUntil).getTime()
}

/** Whole days left on a hold, for the registrant's page and the "about to expire" email. */
export function holdDaysLeft(heldUntil: Date | string, now: Date): number {
  return Math.max(0, differenceInCalendarDays(new Date(heldUntil), now))
}

/**
 * A bank transfer's reference: short, unambiguous when read aloud or typed, and unique per
 * registration (the event's id and a random number under a unique index; the check letters catch
 * a mistyped digit).
 */
export function paymentReferenceFor(eventId: number, token: number): string {
  const body = `${eventId}-${token}`
  let sum = 0
  for (const ch of body) sum = (sum * 31 + ch.charCodeAt(0)) % 676
  const check = String.fromCharCode(65 + Math.floor(sum / 26), 65 + (sum % 26))
  return `EV${eventId}-${token}-${check}`
}

export type PricedEvent = {
  price?: number | null
  currency?: string | null
  memberPrices?: Array<{ tier: number | { id: number }; amount: number }> | null
}

/** What a registrant pays: the lowest price of a tier they are a member of, else the event's price. */
export function registrationPrice(event: PricedEvent, memberTiers: ReadonlyArray<number | string>): { amount: number; currency: string } {
  const tiers = memberTiers.map(Number)
  const memberAmounts = (event.memberPrices ?? [])
    .filter((row) => tiers.includes(typeof row.tier === 'object' ? row.tier.id : row.tier))
    .map((row) => row.amount)
  const base = event.price ?? 0
  return { amount: memberAmounts.length > 0 ? Math.min(...memberAmounts) : base, currency: event.currency ?? 'GBP' }
}

/** How long before a hold ends its registrant is reminded to pay (once). */
export const HOLD_REMINDER_HOURS = 48
/** A hold this new is not reminded about: the registrant has just been told what to pay and by when. */
export const HOLD_REMINDER_MIN_AGE_HOURS = 12

/**
 * Which holds are reminded about at `now`: still live, ending within HOLD_REMINDER_HOURS, and
 * taken at least HOLD_REMINDER_MIN_AGE_HOURS ago (a two-day hold is reminded after 12 hours, a
 * one-day hold never: its payment instructions are a few hours old).
 */
export function holdReminderWindow(now: Date): { endsAfter: Date; endsBefore: Date; takenBefore: Date } {
  return {
    endsAfter: now,
    endsBefore: new Date(now.getTime() + HOLD_REMINDER_HOURS * 3_600_000),
    takenBefore: new Date(now.getTime() - HOLD_REMINDER_MIN_AGE_HOURS * 3_600_000),
  }
}
