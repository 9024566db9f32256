/**
 * Applying a succeeded event payment (purpose `event`): the registration it pays for becomes
 * registered, once (the payment's `appliedAt` marker, as for memberships), in the payment's
 * transaction and under the registration's lock (lockPayment.ts: registration, then payment).
 * A payment recorded by the organiser (cash, cheque, bank transfer) registers "without payment"
 * through the app. A payment arriving after the hold expired takes the place back when one is
 * free; when none is, or the registration was cancelled or paid already, the payment is cancelled
 * and refunded through its provider, and staff are told. So is a payment for an event that has
 * been cancelled.
 */
import type { PayloadRequest } from 'payload'

import type { Payment, Rsvp } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { nextRegistrationStatus } from '@/events/registrationStatus'
import type { RegistrationStatus } from '@/events/registrationStatus'
import { findLocked } from '@/lib/findOrRefuse'

import { cancelWithRefund, claimPayment } from './apply'

export async function applyEventPayment(req: PayloadRequest, payment: Payment): Promise<'applied' | 'already_applied' | 'not_applicable' | 'cancelled'> {
  if (payment.status !== 'succeeded' || payment.purpose !== 'event' || !payment.rsvp) return 'not_applicable'
  if (payment.appliedAt) return 'already_applied'
  const rsvp = await findLocked(req, 'rsvps', idOf(payment.rsvp), `There is no registration ${idOf(payment.rsvp)}.`)
  if (!(await claimPayment(req, payment.id, new Date()))) return 'already_applied'
  // nobody pays for an event that has been called off: money arriving afterwards goes back
  const event = await req.payload.findByID({ collection: 'events', id: idOf(rsvp.event)!, req, depth: 0, overrideAccess: true, select: { status: true } })
  if (event.status === 'cancelled') {
    await cancelWithRefund(req, payment, 'The event was cancelled before this payment arrived.', 'Event cancelled')
    return 'cancelled'
  }

  // pay on the day: the cash taken at check-in is the registration's payment; its state stays registered
  if (rsvp.registrationStatus === 'registered' && rsvp.paymentMethod === 'on_the_day' && !rsvp.payment) {
    await req.payload.update({ collection: 'rsvps', id: rsvp.id, data: { payment: payment.id }, req, overrideAccess: true, depth: 0 })
    return 'applied'
  }
  const trigger = payment.recordedBy ? 'mark_paid' : 'payment_succeeded'
  const status = (rsvp.registrationStatus ?? 'payment_pending') as RegistrationStatus
  if (!nextRegistrationStatus(status, trigger).ok) {
    await cancelWithRefund(req, payment, `The event registration was already ${status.replace(/_/g, ' ')} when this payment arrived.`, 'Registration not awaiting payment')
    return 'cancelled'
  }
  req.context.placeNotFound = false
  // read by the RSVP's hooks (advanceRegistration clears it): the change is the ledger's, not a new registration
  req.context.registrationTrigger = trigger
  const updated = (await req.payload.update({
    collection: 'rsvps',
    id: rsvp.id,
    data: { status: 'going', payment: payment.id },
    req,
    overrideAccess: true,
    depth: 0,
  })) as Rsvp
  if (req.context.placeNotFound || updated.status !== 'going') {
    req.context.placeNotFound = false
    await cancelWithRefund(req, payment, 'The place held for this payment had been released and the event is now full.', 'Event full')
    return 'cancelled'
  }
  return 'applied'
}
