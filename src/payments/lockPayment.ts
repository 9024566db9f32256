/**
 * The one order in which payment work locks rows: the payment's membership (or, for an event
 * payment, its registration) first, then the payment. Checkout (which looks for the membership's pending payment) and settling a payment
 * (which extends the membership) therefore queue behind each other and never wait on each other
 * in opposite orders.
 */
import type { PayloadRequest } from 'payload'

import type { Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { findLocked, findOrRefuse, lockRow } from '@/lib/findOrRefuse'

/** Locks the payment (after its membership) and reads it, or refuses with `message` (404). */
export async function lockPayment(req: PayloadRequest, id: unknown, message = `There is no payment ${String(id)}.`): Promise<Payment> {
  const unlocked = await findOrRefuse(req, 'payments', id, message)
  const membership = idOf(unlocked.membership)
  if (membership !== undefined) await lockRow(req, 'memberships', membership)
  // an event payment: its registration first, as the pay endpoint and the reservation job lock it
  const rsvp = idOf(unlocked.rsvp)
  if (rsvp !== undefined) await lockRow(req, 'rsvps', rsvp)
  return findLocked(req, 'payments', unlocked.id, message)
}

/** For the payments' lockBeforeWrite hook: the same order, and nothing refused (Payload answers a missing id). */
export async function lockPaymentRows(req: PayloadRequest, id: number | string): Promise<void> {
  await lockPayment(req, id).catch(() => undefined)
}
