import type { Payload, PayloadRequest } from 'payload'

import type { Payment } from '@payload-types'

import { inTransaction, systemRequest } from '@/lib/transaction'

import { lockPayment } from './lockPayment'

/**
 * An online payment's outcome, as the provider's response or its webhook reports it, written
 * under the payment's row lock. Only a pending payment changes status, so the webhook and the
 * response, whichever comes second, find the work done; succeeding activates the membership once.
 * Money taken for a payment we had already called off (its event cancelled, its place released)
 * is given back, once.
 */
export async function settle(
  payload: Payload,
  id: number,
  change: { status?: 'succeeded' | 'failed'; providerPaymentId?: string | null; providerCustomerId?: string | null; failureReason?: string },
): Promise<Payment> {
  return inTransaction(await systemRequest(payload), async (req) => {
      const current = await lockPayment(req, id)
      if (current.status === 'cancelled' && change.status === 'succeeded') return giveBackTaken(req, current, change)
      if (current.status !== 'pending') return current
      const data: Record<string, unknown> = {}
      if (change.providerPaymentId) data.providerPaymentId = change.providerPaymentId
      if (change.providerCustomerId) data.providerCustomerId = change.providerCustomerId
      if (change.failureReason) data.failureReason = change.failureReason
      if (change.status) data.status = change.status
      if (change.status === 'succeeded') data.paidAt = new Date().toISOString()
      if (Object.keys(data).length === 0) return current
      return (await payload.update({ collection: 'payments', id, data, req, overrideAccess: true, depth: 0 })) as Payment
  })
}

/**
 * The provider took money for a payment Hangar had cancelled (the member kept the card form open):
 * it is refunded in full through the provider and staff are told (cancelWithRefund), once: a
 * second report finds the refund recorded.
 */
async function giveBackTaken(req: PayloadRequest, current: Payment, change: { providerPaymentId?: string | null; providerCustomerId?: string | null }): Promise<Payment> {
  if ((current.refunds ?? []).length > 0) return current
  const providerPaymentId = change.providerPaymentId ?? current.providerPaymentId
  if (providerPaymentId && providerPaymentId !== current.providerPaymentId) {
    await req.payload.update({ collection: 'payments', id: current.id, data: { providerPaymentId }, req, overrideAccess: true, depth: 0 })
  }
  // imported here: apply.ts reaches the providers, whose modules import this one
  const { cancelWithRefund } = await import('./apply')
  const why = `${current.cancelReason ?? 'This payment had been cancelled.'} The money was taken afterwards.`
  await cancelWithRefund(req, { ...current, providerPaymentId }, why, 'Payment had been cancelled')
  return (await req.payload.findByID({ collection: 'payments', id: current.id, req, depth: 0, overrideAccess: true })) as Payment
}
