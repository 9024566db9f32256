import type { Payload } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import type { Payment, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { lockRow } from '@/lib/rowLock'

import { dummyPaymentsEnabled } from './provider'

/**
 * The dummy provider's outcome for a pending payment, chosen by the payment's owner:
 * approve (succeeded, which activates the membership) or decline (failed).
 */
export async function settleDummyPayment(
  payload: Payload,
  user: User | null | undefined,
  paymentId: number | string,
  outcome: 'approve' | 'decline',
): Promise<Payment> {
  if (!user) throw new RefusedError('Sign in to pay.', 401)
  if (!(await dummyPaymentsEnabled(payload))) throw new RefusedError('The test payment provider is turned off.', 400)

  const req = await createLocalReq({ user }, payload)
  const shouldCommit = await initTransaction(req)
  try {
    // the second of two simultaneous clicks waits here, then finds the payment settled
    await lockRow(req, 'payments', paymentId)
    const payment = (await payload.findByID({ collection: 'payments', id: paymentId, req, depth: 0, overrideAccess: true, disableErrors: true })) as Payment | null
    if (!payment || payment.method !== 'dummy') throw new RefusedError(`There is no test payment ${paymentId}.`, 404)
    if (idOf(payment.member) !== user.id) throw new RefusedError('This payment belongs to someone else.', 403)
    if (payment.status !== 'pending') throw new RefusedError(`This payment is already ${payment.status}.`, 409)

    const updated = (await payload.update({
      collection: 'payments',
      id: payment.id,
      data: outcome === 'approve' ? { status: 'succeeded', paidAt: new Date().toISOString() } : { status: 'failed' },
      req,
      overrideAccess: true,
      depth: 0,
    })) as Payment
    if (shouldCommit) await commitTransaction(req)
    return updated
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
