/**
 * Sign-in events (issue 17, point 6): every sign-in to an account, and every failed attempt, by
 * password, emailed link or emailed code, with the time and the client address. Recorded in
 * `sign-in-events` with the system's rights, outside the caller's transaction (unless given its
 * `req`), so a failure that rolls the caller back is still recorded; recording never makes a
 * sign-in fail.
 */
import type { Payload, PayloadRequest } from 'payload'
import { subDays } from 'date-fns/subDays'

import { drizzleOf, lt, tableOf } from '@/lib/db'

export const SIGN_IN_METHODS = ['password', 'link', 'code', 'renewal-link'] as const
export type SignInMethod = (typeof SIGN_IN_METHODS)[number]
export const SIGN_IN_METHOD_LABELS: Record<SignInMethod, string> = { password: 'Password', link: 'Emailed link', code: 'Emailed code', 'renewal-link': 'Renewal link, on a known browser' }

/** How long a sign-in is kept: a year answers "was that me?" and "who tried my account?"; the daily privacy run removes older ones. */
export const SIGN_IN_EVENTS_KEPT_DAYS = 365

/** How many of their recent sign-ins a member sees in the portal. */
export const RECENT_SIGN_INS_SHOWN = 10

export type SignInEvent = { person?: number | null; email?: string | null; method: SignInMethod; succeeded: boolean; address: string }

/**
 * `req`: only from inside the sign-in's own transaction (Payload's afterLogin hooks), whose write
 * to the account's row would otherwise make the event's reference to it wait for the sign-in to end.
 */
export async function recordSignIn(payload: Payload, event: SignInEvent, req?: PayloadRequest): Promise<void> {
  try {
    await payload.create({
      collection: 'sign-in-events',
      data: { person: event.person ?? null, email: event.email?.slice(0, 254) ?? null, method: event.method, succeeded: event.succeeded, address: event.address.slice(0, 64) },
      overrideAccess: true,
      depth: 0,
      req,
    })
  } catch (error) {
    payload.logger.error({ err: error }, 'Recording a sign-in failed')
  }
}

/** The account an email names, for recording a failed attempt against it (null: no such account). */
export async function accountIdOf(payload: Payload, email: string): Promise<number | null> {
  const found = await payload.db.findOne({ collection: 'users', where: { email: { equals: email.trim().toLowerCase() } } })
  return (found?.id as number | undefined) ?? null
}

/** Removes the sign-ins older than SIGN_IN_EVENTS_KEPT_DAYS (the daily privacy run): one statement. */
export async function pruneSignInEvents(payload: Payload, now = new Date()): Promise<number> {
  const t = tableOf(payload, 'sign_in_events')
  const removed = await drizzleOf(payload)
    .delete(t)
    .where(lt(t.createdAt, subDays(now, SIGN_IN_EVENTS_KEPT_DAYS).toISOString()))
    .returning({ id: t.id })
  return removed.length
}
