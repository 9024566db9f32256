import type { PayloadRequest } from 'payload'

import type { Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { refuseUnverified } from '@/access/emailVerified'
import { RefusedError } from '@/lib/errors'
import { inTransaction } from '@/lib/transaction'
import { lockPayment } from '@/payments/lockPayment'

import { dummyPaymentsEnabled } from './provider'

/**
 * The dummy provider's outcome for a pending payment, chosen by the payment's owner:
 * approve (succeeded, which activates the membership) or decline (failed).
 */
export async function settleDummyPayment(
  req: PayloadRequest,
  paymentId: number | string,
  outcome: 'approve' | 'decline',
): Promise<Payment> {
  const { payload, user } = req
  if (!user) throw new RefusedError('Sign in to pay.', 401)
  if (outcome === 'approve') refuseUnverified(user)
  if (!(await dummyPaymentsEnabled(payload))) throw new RefusedError('The test payment provider is turned off.', 400)

  return inTransaction(req, async () => {
      // the second of two simultaneous clicks waits here, then finds the payment settled
      const payment = await lockPayment(req, paymentId, `There is no test payment ${paymentId}.`)
      if (payment.method !== 'dummy') throw new RefusedError(`There is no test payment ${paymentId}.`, 404)
      if (idOf(payment.member) !== user.id) throw new RefusedError('This payment belongs to someone else.', 403)
      if (payment.status !== 'pending') throw new RefusedError(`This payment is already ${payment.status}.`, 409)

      return (await payload.update({
        collection: 'payments',
        id: payment.id,
        data: outcome === 'approve' ? { status: 'succeeded', paidAt: new Date().toISOString() } : { status: 'failed' },
        req,
        overrideAccess: true,
        depth: 0,
      })) as Payment
  })
}
