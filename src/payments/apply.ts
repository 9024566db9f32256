/**
 * Applying a succeeded membership payment: the membership is activated or extended exactly
 * once, in the same database transaction as the payment. The payment's `appliedAt` marker is
 * claimed with a single conditional UPDATE (`… WHERE applied_at IS NULL`), so a retry, a
 * re-save or a concurrent request that comes second finds it claimed and does nothing.
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { PayloadRequest } from 'payload'

import type { Membership, Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { renewActiveMembership, transitionMembership } from '@/membership/transitions'

type DrizzleLike = {
  update: (table: unknown) => {
    set: (values: Record<string, unknown>) => {
      where: (condition: unknown) => { returning: (fields: Record<string, unknown>) => Promise<unknown[]> }
    }
  }
}

/** The drizzle handle of the request's transaction (Payload keeps one session per transaction). */
async function transactionDb(req: PayloadRequest): Promise<DrizzleLike> {
  const db = req.payload.db as unknown as { drizzle: DrizzleLike; sessions?: Record<string, { db: DrizzleLike }> }
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined && db.sessions?.[String(id)]?.db) || db.drizzle
}

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
