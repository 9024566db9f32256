import { randomUUID } from 'node:crypto'

import type { CollectionBeforeValidateHook } from 'payload'

import type { Membership, Tier } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { formatMoney, isMinorUnits } from '@/lib/money'
import { PAYABLE_STATUSES } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { membershipPrice } from '@/membership/groupMembers'
import { amountNeedsReason, discountFields, expectedManualAmount, isManualMethod } from '@/payments/ledger'

/**
 * `POST /api/payments` by a treasurer or admin is a manual entry (cash, cheque, bank transfer,
 * complimentary) for a membership: it is checked against the tier's price, recorded as
 * succeeded by the person entering it, and then activates the membership like any payment.
 * Calls without a user (the system: webhooks) and online checkouts (`context.onlineCheckout`,
 * made in the member's request) pass through.
 */
export const prepareManualEntry: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const withKey = { ...data, idempotencyKey: data.idempotencyKey || randomUUID() }
  // online checkouts and the organiser's "mark paid" on a registration (collections/rsvps/endpoints/pay.ts) check their own
  if (!req.user || req.context?.onlineCheckout || req.context?.eventPayment) return withKey

  if (!isManualMethod(data.method)) {
    throw new RefusedError('Record cash, cheque, bank transfer or complimentary here; card payments start at /api/payments/checkout.', 400)
  }
  const membershipId = idOf(data.membership)
  if (membershipId === undefined) throw new RefusedError('Say which membership this payment is for (membership).', 400)
  const membership = (await req.payload.findByID({
    collection: 'memberships',
    id: membershipId,
    req,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })) as Membership | null
  if (!membership) throw new RefusedError(`There is no membership ${membershipId}.`, 400)
  if (!PAYABLE_STATUSES.includes(membership.status as MembershipStatus)) {
    throw new RefusedError(`A ${membership.status} membership cannot take a payment.`, 409)
  }
  const tier = (await req.payload.findByID({ collection: 'tiers', id: idOf(membership.tier)!, req, depth: 0, overrideAccess: true })) as Tier
  const price = await membershipPrice(req.payload, membership, req)

  if (!isMinorUnits(data.amount)) throw new RefusedError('The amount is missing or is not an amount: give it in pounds and pence, e.g. £25.00 (through the API, in whole pence: 2500).', 400)
  const currency = data.currency ?? tier.currency
  if (currency !== tier.currency) throw new RefusedError(`The ${tier.name} tier is paid in ${tier.currency}.`, 400)
  const expected = expectedManualAmount(data.method, price.amount)
  if (amountNeedsReason(data.amount, expected, data.amountReason)) {
    throw new RefusedError(
      `${formatMoney({ amount: data.amount, currency })} differs from the price (${formatMoney({ amount: expected, currency })}): give a reason (amountReason).`,
      400,
    )
  }

  return {
    ...withKey,
    purpose: 'membership',
    member: idOf(membership.member),
    membership: membership.id,
    currency,
    ...(data.method === 'complimentary' ? {} : discountFields(price)),
    status: 'succeeded',
    paidAt: data.paidAt ?? new Date().toISOString(),
    recordedBy: req.user.id,
  }
}
