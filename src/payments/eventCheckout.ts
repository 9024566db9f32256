/**
 * `POST /api/payments/checkout` `{ rsvp, provider }`: the registrant pays online for a place held
 * for them (purpose `event`). Under the registration's lock a second click continues the same
 * pending payment; the amount is the registration's amount due, never the browser's.
 */
import { randomUUID } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { Payment, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { PAYMENT_METHOD_LABELS } from '@/events/registrationStatus'
import type { RegistrationPaymentMethod } from '@/events/registrationStatus'
import { holdIsLive } from '@/events/reservations'
import { RefusedError } from '@/lib/errors'
import { findLocked, findOrRefuse } from '@/lib/findOrRefuse'
import { inTransaction } from '@/lib/transaction'

import type { CheckoutResult } from './checkout'
import type { PaymentProvider } from './provider'

export async function startEventCheckout(req: PayloadRequest, rsvpId: unknown, provider: PaymentProvider): Promise<CheckoutResult> {
  const member = req.user as User
  const seen = await findOrRefuse(req, 'rsvps', rsvpId, 'There is no such registration.')
  if (idOf(seen.member) !== member.id) throw new RefusedError('This registration belongs to someone else.', 403)
  const payment = await inTransaction(req, async () => {
    const rsvp = await findLocked(req, 'rsvps', seen.id, 'There is no such registration.')
    if (rsvp.registrationStatus !== 'payment_pending') {
      throw new RefusedError(`This registration is ${String(rsvp.registrationStatus ?? 'not one that takes payment').replace(/_/g, ' ')}; there is nothing to pay.`, 409)
    }
    if (rsvp.paymentMethod !== 'online') {
      const method = PAYMENT_METHOD_LABELS[rsvp.paymentMethod as RegistrationPaymentMethod] ?? rsvp.paymentMethod
      throw new RefusedError(`This event is not paid online (${method}): follow the event's payment instructions.`, 409)
    }
    if (!holdIsLive(rsvp.heldUntil, new Date())) throw new RefusedError('The place held for you has expired; register again if places are left.', 409)
    const event = await req.payload.findByID({ collection: 'events', id: idOf(rsvp.event)!, req, depth: 0, overrideAccess: true, select: { status: true } })
    if (event.status === 'cancelled') throw new RefusedError('This event has been cancelled: there is nothing to pay.', 409)
    const amount = rsvp.amountDue ?? 0
    const currency = rsvp.currency ?? 'GBP'
    const pending = await req.payload.find({
      collection: 'payments',
      where: { rsvp: { equals: rsvp.id }, method: { equals: provider.id }, status: { equals: 'pending' } },
      limit: 10,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const reusable = pending.docs.find((p) => p.amount === amount && p.currency === currency)
    if (reusable) return reusable
    return (await req.payload.create({
      collection: 'payments',
      data: {
        member: member.id,
        rsvp: rsvp.id,
        purpose: 'event',
        amount,
        currency,
        method: provider.id,
        provider: provider.id,
        status: 'pending',
        idempotencyKey: randomUUID(),
      },
      req,
      context: { onlineCheckout: true },
      overrideAccess: true,
      depth: 0,
    })) as Payment
  })
  const next = await provider.startCheckout({ payload: req.payload, payment, member })
  return { payment: { id: payment.id, amount: payment.amount, currency: payment.currency, status: payment.status, method: payment.method }, next }
}
