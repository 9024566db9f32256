import type { Payload } from 'payload'

import type { Payment } from '@payload-types'

import { inTransaction, systemRequest } from '@/lib/transaction'

import { lockPayment } from './lockPayment'

/**
 * An online payment's outcome, as the provider's response or its webhook reports it, written
 * under the payment's row lock. Only a pending payment changes status, so the webhook and the
 * response, whichever comes second, find the work done; succeeding activates the membership once.
 */
export async function settle(
  payload: Payload,
  id: number,
  change: { status?: 'succeeded' | 'failed'; providerPaymentId?: string | null; providerCustomerId?: string | null; failureReason?: string },
): Promise<Payment> {
  return inTransaction(await systemRequest(payload), async (req) => {
      const current = await lockPayment(req, id)
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
