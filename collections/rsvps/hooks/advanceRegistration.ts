import { randomInt } from 'node:crypto'

import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Event, Rsvp } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { loadRegistrant } from '@/events/registrant'
import { afterForm, COMPLETE, nextRegistrationStatus } from '@/events/registrationStatus'
import type { RegistrationPaymentMethod, RegistrationStatus, RegistrationTrigger } from '@/events/registrationStatus'
import { holdExpiresAt, paymentReferenceFor, registrationPrice } from '@/events/reservations'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'

/**
 * Keeps an RSVP's registration state (src/events/registrationStatus.ts) in step with its place.
 * Taking a place completes the form, then either registers (free, pay on the day) or holds the
 * place for payment: the amount due (the member's tier price when there is one), the hold's end
 * and, for bank transfers, a payment reference. Giving the place up cancels. The ledger, the
 * organiser and the reservation job change it by naming a trigger in `req.context.registrationTrigger`.
 */
export const advanceRegistration: CollectionBeforeChangeHook<Rsvp> = async ({ data, originalDoc, req }) => {
  const trigger = req.context.registrationTrigger as RegistrationTrigger | undefined
  const current = (originalDoc?.registrationStatus ?? null) as RegistrationStatus | null
  const wasGoing = originalDoc?.status === 'going'
  const going = data.status === 'going'
  const step = (from: RegistrationStatus, how: RegistrationTrigger): RegistrationStatus => {
    const next = nextRegistrationStatus(from, how)
    if (!next.ok) throw new RefusedError(next.message, 409)
    return next.to
  }

  if (trigger && current) {
    req.context.registrationTrigger = undefined
    if (req.context.placeNotFound) return data
    const to = step(current, trigger)
    return { ...data, registrationStatus: to, ...(COMPLETE.includes(to) || to === 'expired' ? { heldUntil: null } : {}) }
  }
  if (going && !wasGoing) return { ...data, ...(await holdPlace(req, data, originalDoc, current)) }
  if (data.status === 'waitlisted' && !wasGoing) {
    const formDone: RegistrationStatus = current === null || current === 'new' ? 'form_completed' : current === 'cancelled' || current === 'expired' ? step(current, 'register_again') : current
    return { ...data, registrationStatus: formDone }
  }
  if (!going && data.status !== 'waitlisted' && current && !['cancelled', 'expired'].includes(current)) {
    return { ...data, registrationStatus: step(current, 'cancel'), heldUntil: null }
  }
  return data
}

async function holdPlace(req: PayloadRequest, data: Partial<Rsvp>, originalDoc: Rsvp | undefined, current: RegistrationStatus | null): Promise<Partial<Rsvp>> {
  const eventId = idOf(data.event ?? originalDoc?.event)
  const event = (req.context.registrationEvent as Event | undefined)?.id === eventId ? (req.context.registrationEvent as Event) : await findOrRefuse(req, 'events', eventId, 'There is no such event.')
  let status: RegistrationStatus = current ?? 'new'
  if (status === 'new') status = nextRegistrationStatus('new', 'complete_form').ok ? 'form_completed' : status
  else if (status === 'cancelled' || status === 'expired') status = 'form_completed'
  if (status !== 'form_completed') return {}

  const method = (event.paymentMethod ?? 'free') as RegistrationPaymentMethod
  const memberId = idOf(data.member ?? originalDoc?.member)
  // a guest (no member) pays the event's price
  const tiers = memberId !== undefined && memberId !== null && (event.memberPrices ?? []).length > 0 && (event.price ?? 0) > 0 ? (await loadRegistrant(req, Number(memberId))).currentTiers : []
  const price = registrationPrice(event as Parameters<typeof registrationPrice>[0], tiers)
  const common = { amountDue: price.amount, currency: price.currency as Rsvp['currency'], paymentMethod: method }
  if (afterForm(method, price.amount) === 'confirm_free') return { ...common, registrationStatus: 'registered', heldUntil: null }
  return {
    ...common,
    registrationStatus: 'payment_pending',
    // a job acting for a given moment (the reservation release promoting the waitlist) holds from that moment
    heldUntil: holdExpiresAt(event, (req.context.registrationNow as Date | undefined) ?? new Date()).toISOString(),
    paymentReference: originalDoc?.paymentReference ?? paymentReferenceFor(event.id, randomInt(10_000_000, 99_999_999)),
  }
}
