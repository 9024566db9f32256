/**
 * `POST /api/payments/checkout` `{ membership, provider }`: the membership's owner starts an
 * online payment. Creates (or reuses) a pending ledger entry for the tier's price and asks the
 * provider what the browser needs next.
 */
import { randomUUID } from 'node:crypto'

import type { Payload } from 'payload'

import type { Membership, Payment, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import type { MembershipStatus } from '@/membership/lifecycle'
import { membershipPrice } from '@/membership/groupMembers'
import { canPayNow } from '@/membership/lifecycle'

import type { CheckoutNext } from './provider'
import { discountFields } from './ledger'
import { paymentProvider, registeredProviders } from './provider'

export type CheckoutResult = {
  payment: Pick<Payment, 'id' | 'amount' | 'currency' | 'status' | 'method'>
  next: CheckoutNext
}

export async function startCheckout(
  payload: Payload,
  user: User | null | undefined,
  body: { membership?: unknown; provider?: unknown },
): Promise<CheckoutResult> {
  if (!user) throw new RefusedError('Sign in to pay.', 401)
  const provider = paymentProvider(body.provider)
  if (!provider) throw new RefusedError(`Unknown payment provider; use one of: ${registeredProviders().join(', ')}.`, 400)
  if (!(await provider.isEnabled(payload))) throw new RefusedError(`${provider.label} is not available.`, 400)

  const membershipId = idOf(body.membership)
  if (membershipId === undefined) throw new RefusedError('Say which membership to pay for (membership).', 400)
  const membership = (await payload.findByID({
    collection: 'memberships',
    id: membershipId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })) as Membership | null
  if (!membership) throw new RefusedError(`There is no membership ${membershipId}.`, 404)
  if (idOf(membership.member) !== user.id) throw new RefusedError('This membership belongs to someone else.', 403)
  if (!canPayNow(membership.status as MembershipStatus, membership.periodEnd, new Date())) {
    throw new RefusedError(`A ${membership.status} membership cannot be paid for now.`, 409)
  }
  const price = await membershipPrice(payload, membership)

  // Clicking "pay" twice continues the same payment instead of starting a second one, as long
  // as the price has not changed in between (e.g. the household's first member lapsed).
  const pending = await payload.find({
    collection: 'payments',
    where: { membership: { equals: membership.id }, method: { equals: provider.id }, status: { equals: 'pending' } },
    limit: 10,
    depth: 0,
    overrideAccess: true,
  })
  const reusable = (pending.docs as Payment[]).find((p) => p.amount === price.amount && p.currency === price.currency)
  for (const stale of pending.docs as Payment[]) {
    if (stale !== reusable) {
      await payload.update({ collection: 'payments', id: stale.id, data: { status: 'cancelled', notes: 'Replaced: the price changed before it was paid.' }, overrideAccess: true, depth: 0 })
    }
  }
  const payment =
    reusable ??
    ((await payload.create({
      collection: 'payments',
      data: {
        member: user.id,
        membership: membership.id,
        purpose: 'membership',
        amount: price.amount,
        currency: price.currency,
        ...discountFields(price),
        method: provider.id,
        provider: provider.id,
        status: 'pending',
        idempotencyKey: randomUUID(),
      },
      overrideAccess: true,
      depth: 0,
    })) as Payment)

  const next = await provider.startCheckout({ payload, payment, membership, member: user })
  return { payment: { id: payment.id, amount: payment.amount, currency: payment.currency, status: payment.status, method: payment.method }, next }
}
