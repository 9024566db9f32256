import type { Payload, Where } from 'payload'

import type { Payment, PaymentEvent } from '@payload-types'

import type { EventOutcome } from '@/payments/events'
import { recordProviderRefund } from '@/payments/refund'
import { settle } from '@/payments/settle'

import { stripeClient } from './client'
import type { StripeOptions } from './types'

type Session = { id?: string; client_reference_id?: string | null; payment_intent?: string | null; payment_status?: string; amount_total?: number; currency?: string }
type Charge = { payment_intent?: string | null; refunds?: { data?: Array<{ id: string; amount: number; status?: string; metadata?: { reason?: string } }> } }

async function findPayment(payload: Payload, ids: Array<string | null | undefined>, reference?: string | null): Promise<Payment | null> {
  const or: Where[] = ids.filter(Boolean).map((id) => ({ providerPaymentId: { equals: id } }))
  if (reference && /^\d+$/.test(reference)) or.push({ id: { equals: Number(reference) } })
  if (or.length === 0) return null
  const { docs } = await payload.find({ collection: 'payments', where: { and: [{ method: { equals: 'stripe' } }, { or }] }, limit: 1, depth: 0, overrideAccess: true })
  return (docs[0] as Payment | undefined) ?? null
}

/** Stripe's events in the inbox: Checkout outcomes and refunds. Anything else is recorded and ignored. */
export const stripeEventHandler =
  (options: StripeOptions) =>
  ({ payload, event }: { payload: Payload; event: PaymentEvent }): Promise<EventOutcome> =>
    handleStripeEvent(payload, event, options)

async function handleStripeEvent(payload: Payload, event: PaymentEvent, options: StripeOptions): Promise<EventOutcome> {
  const object = ((event.payload as { data?: { object?: unknown } }).data?.object ?? {}) as Session & Charge
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return sessionEvent(payload, event.type, object)
    case 'charge.refunded':
    case 'charge.refund.updated':
      return chargeRefunded(payload, object, options)
    default:
      return { outcome: 'ignored', note: `Hangar does not act on ${event.type}.` }
  }
}

async function sessionEvent(payload: Payload, type: string, session: Session): Promise<EventOutcome> {
  const payment = await findPayment(payload, [session.id, session.payment_intent], session.client_reference_id)
  if (!payment) return { outcome: 'ignored', note: `No Hangar payment for Stripe session ${session.id ?? '(no id)'}.` }
  if (session.amount_total !== undefined && (session.amount_total !== payment.amount || session.currency?.toUpperCase() !== payment.currency)) {
    return { outcome: 'ignored', note: `Stripe's amount (${session.amount_total} ${session.currency}) differs from payment ${payment.id}; check it by hand.` }
  }
  if (type === 'checkout.session.expired' || type === 'checkout.session.async_payment_failed') {
    await settle(payload, payment.id, { status: 'failed', failureReason: type === 'checkout.session.expired' ? 'The Stripe checkout expired unpaid' : 'The payment failed at Stripe' })
    return { outcome: 'processed' }
  }
  if (session.payment_status !== 'paid') return { outcome: 'processed', note: 'Checkout completed; the payment is still being confirmed.' }
  await settle(payload, payment.id, { status: 'succeeded', providerPaymentId: session.payment_intent ?? session.id })
  return { outcome: 'processed' }
}

async function chargeRefunded(payload: Payload, charge: Charge, options: StripeOptions): Promise<EventOutcome> {
  let payment = await findPayment(payload, [charge.payment_intent])
  if (!payment && charge.payment_intent) {
    // A refund can arrive before the checkout's completion told us the payment intent: ask Stripe whose it is.
    const intent = await (await stripeClient(options)).paymentIntents.retrieve(charge.payment_intent).catch(() => null)
    payment = await findPayment(payload, [], intent?.metadata?.payment_id)
  }
  if (!payment) return { outcome: 'ignored', note: `No Hangar payment for Stripe payment ${charge.payment_intent ?? '(none)'}.` }
  if (payment.status === 'pending') throw new Error(`Payment ${payment.id} is not yet known as paid; the refund will be applied after it.`)
  for (const refund of charge.refunds?.data ?? []) {
    const status = refund.status === 'succeeded' ? 'completed' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending'
    await recordProviderRefund(payload, payment.id, { providerRefundId: refund.id, amount: refund.amount, status, reason: refund.metadata?.reason ?? 'Refunded in Stripe' })
  }
  return { outcome: 'processed' }
}
