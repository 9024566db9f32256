import type { Payload, Where } from 'payload'

import type { Payment, PaymentEvent } from '@payload-types'

import type { EventOutcome } from '@/payments/events'
import { recordProviderRefund } from '@/payments/refund'
import { settle } from '@/payments/settle'


type SquareMoney = { amount?: number | string; currency?: string }
type SquarePaymentObject = { id?: string; status?: string; reference_id?: string; amount_money?: SquareMoney }
type SquareRefundObject = { id?: string; status?: string; payment_id?: string; amount_money?: SquareMoney; reason?: string }

/** Our payment for a Square payment: by the id Square gave it, or by the reference we sent. */
async function findPayment(payload: Payload, squareId: string | undefined, reference?: string): Promise<Payment | null> {
  const or: Where[] = [...(squareId ? [{ providerPaymentId: { equals: squareId } }] : []), ...(reference && /^\d+$/.test(reference) ? [{ id: { equals: Number(reference) } }] : [])]
  if (or.length === 0) return null
  const { docs } = await payload.find({ collection: 'payments', where: { and: [{ method: { equals: 'square' } }, { or }] }, limit: 1, depth: 0, overrideAccess: true })
  return (docs[0] as Payment | undefined) ?? null
}

/** `payment.updated` and `refund.updated` from Square; anything else is recorded and ignored. */
export async function handleSquareEvent({ payload, event }: { payload: Payload; event: PaymentEvent }): Promise<EventOutcome> {
  const body = event.payload as { data?: { object?: { payment?: SquarePaymentObject; refund?: SquareRefundObject } } }
  if (event.type === 'payment.updated') return paymentUpdated(payload, body.data?.object?.payment ?? {})
  if (event.type === 'refund.updated' || event.type === 'refund.created') return refundUpdated(payload, body.data?.object?.refund ?? {})
  return { outcome: 'ignored', note: `Hangar does not act on ${event.type}.` }
}

async function paymentUpdated(payload: Payload, square: SquarePaymentObject): Promise<EventOutcome> {
  const payment = await findPayment(payload, square.id, square.reference_id)
  if (!payment) return { outcome: 'ignored', note: `No Hangar payment for Square payment ${square.id ?? '(no id)'}.` }
  if (square.amount_money && (Number(square.amount_money.amount) !== payment.amount || square.amount_money.currency !== payment.currency)) {
    return { outcome: 'ignored', note: `Square's amount (${square.amount_money.amount} ${square.amount_money.currency}) differs from payment ${payment.id}; check it by hand.` }
  }
  if (square.status === 'COMPLETED') {
    const settled = await settle(payload, payment.id, { status: 'succeeded', providerPaymentId: square.id })
    return { outcome: 'processed', note: settled.status === 'succeeded' ? undefined : `Payment ${payment.id} is ${settled.status}.` }
  }
  if (square.status === 'FAILED' || square.status === 'CANCELED') {
    await settle(payload, payment.id, { status: 'failed', providerPaymentId: square.id, failureReason: `Square reports the payment ${square.status.toLowerCase()}` })
    return { outcome: 'processed' }
  }
  await settle(payload, payment.id, { providerPaymentId: square.id })
  return { outcome: 'processed', note: `Square status ${square.status ?? 'unknown'}; waiting for completion.` }
}

async function refundUpdated(payload: Payload, square: SquareRefundObject): Promise<EventOutcome> {
  if (!square.id) return { outcome: 'ignored', note: 'The refund event has no refund id.' }
  const payment = await findPayment(payload, square.payment_id)
  if (!payment) return { outcome: 'ignored', note: `No Hangar payment for Square payment ${square.payment_id ?? '(none)'}.` }
  if (payment.status === 'pending') {
    // The refund arrived before the payment's own completion: try again once that has been processed.
    throw new Error(`Payment ${payment.id} is not yet known as paid; the refund will be applied after it.`)
  }
  const status = square.status === 'COMPLETED' ? 'completed' : square.status === 'FAILED' || square.status === 'REJECTED' ? 'failed' : 'pending'
  await recordProviderRefund(payload, payment.id, { providerRefundId: square.id, amount: Number(square.amount_money?.amount ?? 0), status, reason: square.reason ?? 'Refunded in Square' })
  return { outcome: 'processed' }
}
