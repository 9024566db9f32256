import type { Payload } from 'payload'

import type { Payment, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { refuseUnverified } from '@/access/emailVerified'
import { RefusedError } from '@/lib/errors'
import { settle } from '@/payments/settle'

import { squareClient, squareRefusal } from './client'
import type { SquarePluginOptions } from './types'

export type ChargeResult = { payment: Payment; outcome: 'succeeded' | 'pending' | 'already_paid' }

/**
 * Charges the card token from the Web Payments SDK for a pending Square payment in our ledger.
 * The amount is the ledger's and the idempotency key is the payment's, so a double click, a
 * retry after a network error or a webhook racing this call charge the card once, and the
 * membership is activated once (the payment's applied marker).
 */
export async function chargeSquarePayment(
  payload: Payload,
  user: User | null | undefined,
  options: SquarePluginOptions,
  args: { payment: number | string; sourceId: unknown },
): Promise<ChargeResult> {
  if (!user) throw new RefusedError('Sign in to pay.', 401)
  refuseUnverified(user)
  if (!options.enabled) throw new RefusedError('Card payments are not available.', 400)
  if (typeof args.sourceId !== 'string' || !args.sourceId.trim() || args.sourceId.length > 500) {
    throw new RefusedError('The card form did not send a card token (sourceId).', 400)
  }
  const payment = (await payload.findByID({ collection: 'payments', id: args.payment, depth: 0, overrideAccess: true, disableErrors: true }).catch(() => null)) as Payment | null
  if (!payment || payment.method !== 'square') throw new RefusedError(`There is no card payment ${args.payment}.`, 404)
  if (idOf(payment.member) !== user.id) throw new RefusedError('This payment belongs to someone else.', 403)
  if (payment.status === 'succeeded') return { payment, outcome: 'already_paid' }
  if (payment.status !== 'pending') throw new RefusedError(`This payment is ${payment.status}; start a new one from your account.`, 409)

  const client = await squareClient(options)
  const customerId = await ensureCustomer(payload, client, user)
  let squarePayment
  try {
    ;({ payment: squarePayment } = await client.payments.create({
      sourceId: args.sourceId,
      idempotencyKey: payment.idempotencyKey,
      amountMoney: { amount: BigInt(payment.amount), currency: payment.currency },
      locationId: options.locationId,
      customerId,
      referenceId: String(payment.id),
      autocomplete: true,
      note: `Hangar payment ${payment.id}`,
    }))
  } catch (error) {
    const refusal = squareRefusal(error)
    if (refusal?.code === 'IDEMPOTENCY_KEY_REUSED') {
      // A second click sent a new card token for a payment already under way: the first one decides.
      const current = (await payload.findByID({ collection: 'payments', id: payment.id, depth: 0, overrideAccess: true })) as Payment
      if (current.status === 'succeeded') return { payment: current, outcome: 'already_paid' }
      throw new RefusedError('This payment is already being processed. Check your account in a moment.', 409)
    }
    if (refusal) {
      const failed = await settle(payload, payment.id, { status: 'failed', failureReason: `${refusal.detail} (${refusal.code})` })
      throw new RefusedError(`Your card was not charged: ${describeDecline(refusal.code, refusal.detail)}`, 402, { payment: failed.id, status: failed.status, code: refusal.code })
    }
    payload.logger.warn(`Square could not be reached for payment ${payment.id}: ${(error as Error).message}`)
    throw new RefusedError('Square could not be reached. If your card was charged, your account will show it within minutes; otherwise please try again.', 502)
  }

  const status = squarePayment?.status
  if (status === 'COMPLETED') {
    const updated = await settle(payload, payment.id, { status: 'succeeded', providerPaymentId: squarePayment!.id, providerCustomerId: customerId ?? null })
    return { payment: updated, outcome: updated.status === 'succeeded' ? 'succeeded' : 'pending' }
  }
  if (status === 'FAILED' || status === 'CANCELED') {
    const failed = await settle(payload, payment.id, { status: 'failed', providerPaymentId: squarePayment!.id, failureReason: `Square reports the payment ${status.toLowerCase()}` })
    throw new RefusedError('Your card was not charged: the payment did not go through.', 402, { payment: failed.id, status: failed.status })
  }
  // APPROVED or PENDING: Square completes it later and tells us by webhook.
  const pending = await settle(payload, payment.id, { providerPaymentId: squarePayment?.id ?? null, providerCustomerId: customerId ?? null })
  return { payment: pending, outcome: 'pending' }
}

/** The member's Square customer, created on their first card payment and kept on their account. */
async function ensureCustomer(payload: Payload, client: Awaited<ReturnType<typeof squareClient>>, user: User): Promise<string | undefined> {
  const stored = (await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: true })) as User & { squareCustomerId?: string | null }
  if (stored.squareCustomerId) return stored.squareCustomerId
  try {
    const { customer } = await client.customers.create({
      idempotencyKey: `hangar-customer-${user.id}`,
      emailAddress: stored.email,
      givenName: stored.firstName,
      familyName: stored.lastName,
      referenceId: String(user.id),
    })
    if (!customer?.id) return undefined
    await payload.update({ collection: 'users', id: user.id, data: { squareCustomerId: customer.id } as never, overrideAccess: true, depth: 0 })
    return customer.id
  } catch (error) {
    // The payment matters more than the customer record: pay without one, link it next time.
    payload.logger.warn(`Could not create a Square customer for user ${user.id}: ${(error as Error).message}`)
    return undefined
  }
}

function describeDecline(code: string, detail: string): string {
  const words: Record<string, string> = {
    GENERIC_DECLINE: 'your bank declined it.',
    CVV_FAILURE: 'the security code (CVV) was not accepted.',
    ADDRESS_VERIFICATION_FAILURE: 'the postcode did not match your card.',
    INSUFFICIENT_FUNDS: 'there are not enough funds on the card.',
    CARD_EXPIRED: 'the card has expired.',
    INVALID_EXPIRATION: 'the expiry date is not right.',
  }
  return words[code] ?? `${detail}.`
}
