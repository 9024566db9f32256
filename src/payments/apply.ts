/**
 * Applying a succeeded membership payment: the membership is activated or extended exactly
 * once, in the same database transaction as the payment. The payment's `appliedAt` marker is
 * claimed with a single conditional UPDATE (`… WHERE applied_at IS NULL`), and every update of
 * a payment first takes its lock (membership, then payment: lockPayment.ts), so a retry, a
 * re-save or a concurrent request that comes second finds the marker set and does nothing.
 *
 * A payment pays for one period (`periodKey`). When it succeeds after another payment already
 * paid that period (two pending payments with different providers, or one started before a
 * manual entry), it is not applied: it is cancelled with the reason, the money is given back
 * through its provider, and staff are told.
 */
import type { PayloadRequest } from 'payload'

import type { Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueStaffEmail } from '@/email/queue'
import { memberVariables, paymentVariables } from '@/email/variables'
import { and, eq, isNull, tableOf, transactionDb } from '@/lib/db'
import { findLocked } from '@/lib/findOrRefuse'
import { renewActiveMembership, transitionMembership } from '@/membership/transitions'

import { periodKeyOf } from './ledger'
import { paymentProvider } from './provider'

export async function claimPayment(req: PayloadRequest, paymentId: number | string, at: Date): Promise<boolean> {
  const table = tableOf(req.payload, 'payments')
  const db = await transactionDb(req)
  const claimed = await db
    .update(table)
    .set({ appliedAt: at.toISOString() })
    .where(and(eq(table.id, paymentId), isNull(table.appliedAt)))
    .returning({ id: table.id })
  return claimed.length === 1
}

export async function applyMembershipPayment(req: PayloadRequest, payment: Payment): Promise<'applied' | 'already_applied' | 'not_applicable' | 'cancelled'> {
  if (payment.status !== 'succeeded' || payment.purpose !== 'membership' || !payment.membership) return 'not_applicable'
  if (payment.appliedAt) return 'already_applied'
  const paidAt = new Date(payment.paidAt ?? Date.now())

  const membership = await findLocked(req, 'memberships', payment.membership, `There is no membership ${idOf(payment.membership)}.`)
  if (payment.periodKey && payment.periodKey !== periodKeyOf(membership)) {
    await cancelAsAlreadyPaid(req, payment)
    return 'cancelled'
  }
  if (!(await claimPayment(req, payment.id, new Date()))) return 'already_applied'
  if (membership.status === 'active') {
    await renewActiveMembership(req, { membership, payment: String(payment.id), at: paidAt })
  } else {
    await transitionMembership(req, { membership, to: 'active', cause: 'payment', payment: String(payment.id), at: paidAt })
  }
  return 'applied'
}

/** The payment that paid `periodKey` already (applied), for the reason given to staff. */
async function paidBy(req: PayloadRequest, payment: Payment): Promise<Payment | undefined> {
  const { docs } = await req.payload.find({
    collection: 'payments',
    where: { and: [{ periodKey: { equals: payment.periodKey } }, { appliedAt: { exists: true } }, { id: { not_equals: payment.id } }] },
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  return docs[0]
}

async function cancelAsAlreadyPaid(req: PayloadRequest, payment: Payment): Promise<void> {
  const other = await paidBy(req, payment)
  await cancelWithRefund(
    req,
    payment,
    other
      ? `The membership period was already paid by payment ${other.id}${other.receiptNumber ? ` (receipt ${other.receiptNumber})` : ''}.`
      : 'The membership period this payment was for had already been paid.',
    'Period already paid',
  )
}

/**
 * A succeeded payment that cannot be applied (its period was paid, its event place is gone) is
 * cancelled with `why`, its money given back through its provider when it has one, and staff told.
 */
export async function cancelWithRefund(req: PayloadRequest, payment: Payment, why: string, refundReason: string): Promise<void> {
  const reasons = [why]
  const refunds = [...(payment.refunds ?? [])]
  const provider = paymentProvider(payment.method)
  if (provider?.refund) {
    try {
      const done = await provider.refund({
        payload: req.payload,
        payment,
        amount: payment.amount,
        reason: refundReason,
        idempotencyKey: `${payment.idempotencyKey}:already-paid`,
      })
      refunds.push({ amount: payment.amount, at: new Date().toISOString(), reason: refundReason, providerRefundId: done.providerRefundId, status: done.status })
      reasons.push(`Refunded in full through ${provider.label} (refund ${done.providerRefundId}, ${done.status}).`)
    } catch (error) {
      const message = (error as { errors?: Array<{ detail?: string }> }).errors?.[0]?.detail ?? (error as Error).message
      reasons.push(`${provider.label} did not make the refund (${message}): refund ${payment.amount} minor units by hand.`)
    }
  } else {
    reasons.push('No money was taken through a provider that can refund it; nothing to give back automatically.')
  }
  const cancelReason = reasons.join(' ')
  await req.payload.update({
    collection: 'payments',
    id: payment.id,
    data: { status: 'cancelled', cancelReason, refunds },
    req,
    overrideAccess: true,
    depth: 0,
  })
  const member = await req.payload.findByID({ collection: 'users', id: idOf(payment.member)!, req, depth: 0, overrideAccess: true })
  await queueStaffEmail(req, {
    template: 'admin-payment-cancelled',
    variables: { member: memberVariables(member), payment: paymentVariables(payment), reason: cancelReason },
    related: { relationTo: 'payments', value: payment.id },
  })
}
