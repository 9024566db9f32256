/**
 * `POST /api/payments/:id/refund`: money given back, through the payment's provider (Square,
 * Stripe) or recorded by hand for cash, cheques and transfers. Under the payment's row lock,
 * so two refunds at once cannot give back more than was paid.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { Payment } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { inTransaction, systemRequest } from '@/lib/transaction'

import { lockPayment } from './lockPayment'

import { paymentProvider } from './provider'
import type { RefundEntry } from './refunds'
import { checkRefund, statusAfterRefunds } from './refunds'

export async function refundPayment(
  req: PayloadRequest,
  args: { payment: number | string; amount?: unknown; reason?: unknown },
): Promise<Payment> {
  const { payload, user } = req
  if (!user) throw new RefusedError('Sign in to refund a payment.', 401)
  if (!reachesAll('payments', user as Actor, 'update')) throw new RefusedError('Only the treasurer and admins can refund payments.', 403)
  if (args.reason !== undefined && args.reason !== null && typeof args.reason !== 'string') throw new RefusedError('"reason" must be text.', 400)
  const reason = (args.reason as string | undefined)?.trim() || null

  return inTransaction(req, async () => {
      const payment = await lockPayment(req, args.payment)
      const check = checkRefund(payment as Payment & { refunds: RefundEntry[] }, args.amount)
      if (!check.ok) throw new RefusedError(check.message, check.status)

      const refunds = [...(payment.refunds ?? [])]
      const provider = paymentProvider(payment.method)
      let entry: NonNullable<Payment['refunds']>[number] = { amount: check.amount, at: new Date().toISOString(), reason, by: user.id, status: 'completed' }
      if (provider?.refund) {
        try {
          const done = await provider.refund({ payload, payment, amount: check.amount, reason, idempotencyKey: `${payment.idempotencyKey}:refund:${refunds.length + 1}` })
          entry = { ...entry, providerRefundId: done.providerRefundId, status: done.status }
        } catch (error) {
          const message = (error as { errors?: Array<{ detail?: string }> }).errors?.[0]?.detail ?? (error as Error).message
          throw new RefusedError(`${provider.label} did not make the refund: ${message}`, 502)
        }
      }
      refunds.push(entry)
      return (await payload.update({
        collection: 'payments',
        id: payment.id,
        data: { refunds, status: statusAfterRefunds({ ...payment, refunds } as Payment & { refunds: RefundEntry[] }) as Payment['status'] },
        req,
        overrideAccess: true,
        depth: 0,
      })) as Payment
  })
}

/**
 * A refund the provider reports (a webhook): added to the payment's refunds, or its entry
 * updated when we asked for it, and the payment's status recounted. Idempotent by refund id.
 */
export async function recordProviderRefund(
  payload: Payload,
  paymentId: number,
  refund: { providerRefundId: string; amount: number; status: 'pending' | 'completed' | 'failed'; reason?: string | null },
): Promise<Payment> {
  return inTransaction(await systemRequest(payload), async (req) => {
      const current = await lockPayment(req, paymentId)
      const refunds = [...(current.refunds ?? [])]
      const known = refunds.findIndex((r) => r.providerRefundId === refund.providerRefundId)
      if (known >= 0) refunds[known] = { ...refunds[known]!, status: refund.status }
      else refunds.push({ amount: refund.amount, at: new Date().toISOString(), reason: refund.reason ?? 'Refunded at the provider', providerRefundId: refund.providerRefundId, status: refund.status })
      return (await payload.update({
        collection: 'payments',
        id: paymentId,
        data: { refunds, status: statusAfterRefunds({ ...current, refunds } as Payment & { refunds: RefundEntry[] }) as Payment['status'] },
        req,
        overrideAccess: true,
        depth: 0,
      })) as Payment
  })
}
