/**
 * `POST /api/payments/checkout` `{ membership, provider }`: the membership's owner starts an
 * online payment (`{ rsvp, provider }`: an event place, src/payments/eventCheckout.ts). Creates (or reuses) a pending ledger entry for the tier's price and asks the
 * provider what the browser needs next.
 */
import { randomUUID } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { Membership, Payment, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { refuseUnverified } from '@/access/emailVerified'
import { RefusedError } from '@/lib/errors'
import { findLocked, findOrRefuse } from '@/lib/findOrRefuse'
import { inTransaction } from '@/lib/transaction'
import type { MembershipStatus } from '@/membership/lifecycle'
import { membershipPrice } from '@/membership/groupMembers'
import { canPayNow } from '@/membership/lifecycle'

import type { CheckoutNext } from './provider'
import { startEventCheckout } from './eventCheckout'
import { discountFields, periodKeyOf } from './ledger'
import { paymentProvider, registeredProviders } from './provider'

export type CheckoutResult = {
  payment: Pick<Payment, 'id' | 'amount' | 'currency' | 'status' | 'method'>
  next: CheckoutNext
}

export async function startCheckout(
  req: PayloadRequest,
  body: { membership?: unknown; rsvp?: unknown; provider?: unknown },
): Promise<CheckoutResult> {
  const { payload, user } = req
  if (!user) throw new RefusedError('Sign in to pay.', 401)
  refuseUnverified(user as User)
  const provider = paymentProvider(body.provider)
  if (!provider) throw new RefusedError(`Unknown payment provider; use one of: ${registeredProviders().join(', ')}.`, 400)
  if (!(await provider.isEnabled(payload))) throw new RefusedError(`${provider.label} is not available.`, 400)

  // an event registration's place (purpose `event`), held for payment
  if (body.rsvp !== undefined && body.membership === undefined) return startEventCheckout(req, body.rsvp, provider)
  const membershipId = idOf(body.membership)
  if (membershipId === undefined) throw new RefusedError('Say which membership (membership) or event registration (rsvp) to pay for.', 400)
  const member = user as User
  const mayPay = (membership: Membership) => {
    if (idOf(membership.member) !== member.id) throw new RefusedError('This membership belongs to someone else.', 403)
    if (!canPayNow(membership.status as MembershipStatus, membership.periodEnd, new Date())) {
      throw new RefusedError(`A ${membership.status} membership cannot be paid for now.`, 409)
    }
  }
  // Refused and priced before the lock, from the membership as it was a moment ago (its tier,
  // household and the settings are read here, not while holding the lock)...
  const seen = await findOrRefuse(req, 'memberships', membershipId, `There is no membership ${membershipId}.`)
  mayPay(seen)
  const seenPrice = await membershipPrice(payload, seen, req)
  // ...then under the membership's lock: concurrent asks queue here, and each after the first
  // finds the payment the first one created (lockPayment.ts: membership first, then payment).
  const { membership, payment } = await inTransaction(req, async () => {
    const membership = await findLocked(req, 'memberships', membershipId, `There is no membership ${membershipId}.`)
    mayPay(membership)
    const samePricing = idOf(membership.tier) === idOf(seen.tier) && idOf(membership.household) === idOf(seen.household)
    const price = samePricing ? seenPrice : await membershipPrice(payload, membership, req)

    // Clicking "pay" twice continues the same payment instead of starting a second one, as long
    // as the price and the period it pays for have not changed in between (e.g. the household's
    // first member lapsed, or a manual entry paid the period).
    const periodKey = periodKeyOf(membership)
    const pending = await payload.find({
      collection: 'payments',
      where: { membership: { equals: membership.id }, method: { equals: provider.id }, status: { equals: 'pending' } },
      limit: 10,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const reusable = pending.docs.find((p) => p.amount === price.amount && p.currency === price.currency && (!p.periodKey || p.periodKey === periodKey))
    for (const stale of pending.docs) {
      if (stale !== reusable) {
        const why = stale.amount !== price.amount || stale.currency !== price.currency ? 'the price changed' : 'the period it was for was paid'
        await payload.update({ collection: 'payments', id: stale.id, data: { status: 'cancelled', notes: `Replaced: ${why} before it was paid.` }, req, overrideAccess: true, depth: 0 })
      }
    }
    const payment =
      reusable ??
      (await payload.create({
        collection: 'payments',
        data: {
          member: member.id,
          membership: membership.id,
          purpose: 'membership',
          amount: price.amount,
          currency: price.currency,
          ...discountFields(price),
          method: provider.id,
          provider: provider.id,
          status: 'pending',
          periodKey,
          idempotencyKey: randomUUID(),
        },
        req,
        context: { onlineCheckout: true },
        overrideAccess: true,
        depth: 0,
      }))
    return { membership, payment: payment as Payment }
  })

  const next = await provider.startCheckout({ payload, payment, membership, member })
  return { payment: { id: payment.id, amount: payment.amount, currency: payment.currency, status: payment.status, method: payment.method }, next }
}
