/**
 * Applying a succeeded membership payment: the membership is activated or extended exactly
 * once, in the same database transaction as the payment. The payment's `appliedAt` marker is
 * claimed with a single conditional UPDATE (`… WHERE applied_at IS NULL`), and every update of
 * a payment first takes its row lock (src/lib/rowLock.ts), so a retry, a re-save or a
 * concurrent request that comes second finds the marker set and does nothing.
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { PayloadRequest } from 'payload'

import type { Membership, Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { lockRow, transactionDb } from '@/lib/rowLock'
import { renewActiveMembership, transitionMembership } from '@/membership/transitions'

async function claimPayment(req: PayloadRequest, paymentId: number | string, at: Date): Promise<boolean> {
  const table = (req.payload.db as unknown as { tables: Record<string, Record<string, unknown>> }).tables.payments!
  const db = await transactionDb(req)
  const claimed = await db
    .update(table)
    .set({ appliedAt: at.toISOString() })
    .where(and(eq(table.id as never, paymentId), isNull(table.appliedAt as never)))
    .returning({ id: table.id })
  return claimed.length === 1
}

export async function applyMembershipPayment(req: PayloadRequest, payment: Payment): Promise<'applied' | 'already_applied' | 'not_applicable'> {
  if (payment.status !== 'succeeded' || payment.purpose !== 'membership' || !payment.membership) return 'not_applicable'
  if (payment.appliedAt) return 'already_applied'
  const paidAt = new Date(payment.paidAt ?? Date.now())
  if (!(await claimPayment(req, payment.id, new Date()))) return 'already_applied'

  await lockRow(req, 'memberships', idOf(payment.membership)!)
  const membership = (await req.payload.findByID({
    collection: 'memberships',
    id: idOf(payment.membership)!,
    req,
    depth: 0,
    overrideAccess: true,
  })) as Membership
  if (membership.status === 'active') {
    await renewActiveMembership(req, { membership, payment: String(payment.id), at: paidAt })
  } else {
    await transitionMembership(req, { membership, to: 'active', cause: 'payment', payment: String(payment.id), at: paidAt })
  }
  return 'applied'
}
