import type { Payload } from 'payload'

import type { User } from '@payload-types'

import { siteUrl } from '@/email/queue'
import { RefusedError } from '@/lib/errors'
import type { PaymentProvider } from '@/payments/provider'

import { stripeClient, stripeRefusal } from './client'
import type { StripeOptions } from './types'

/**
 * Stripe behind Hangar's provider interface: a Checkout Session for the ledger's amount, made
 * with the payment's idempotency key (asking twice returns the same session), and refunds.
 * The payment succeeds when Stripe's `checkout.session.completed` webhook says it was paid.
 */
export function stripeProvider(options: StripeOptions): PaymentProvider {
  return {
    id: 'stripe',
    label: 'Card (Stripe)',
    isEnabled: async () => options.enabled,
    startCheckout: async ({ payload, payment, member }) => {
      const stripe = await stripeClient(options)
      try {
        const customer = await ensureCustomer(payload, stripe, member)
        const site = siteUrl()
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            customer,
            client_reference_id: String(payment.id),
            metadata: { payment_id: String(payment.id) },
            payment_intent_data: { metadata: { payment_id: String(payment.id) } },
            line_items: [{ quantity: 1, price_data: { currency: payment.currency.toLowerCase(), unit_amount: payment.amount, product_data: { name: payment.purpose === 'event' ? 'Event registration' : 'Membership' } } }],
            success_url: `${site}/pay/receipt/${payment.id}`,
            cancel_url: `${site}/account`,
          },
          { idempotencyKey: payment.idempotencyKey },
        )
        await payload.update({ collection: 'payments', id: payment.id, data: { providerPaymentId: session.id, providerCustomerId: customer }, overrideAccess: true, depth: 0 })
        if (!session.url) throw new Error('Stripe returned no checkout page.')
        return { type: 'redirect', url: session.url }
      } catch (error) {
        const refusal = stripeRefusal(error)
        throw new RefusedError(refusal ? `Stripe refused the payment: ${refusal.message}` : 'Stripe could not be reached. Please try again in a moment.', 502)
      }
    },
    refund: async ({ payment, amount, reason, idempotencyKey }) => {
      if (!payment.providerPaymentId?.startsWith('pi_')) throw new Error('This payment has no Stripe payment to refund yet.')
      const stripe = await stripeClient(options)
      const refund = await stripe.refunds.create(
        { payment_intent: payment.providerPaymentId, amount, ...(reason ? { metadata: { reason } } : {}) },
        { idempotencyKey },
      )
      return { providerRefundId: refund.id, status: refund.status === 'succeeded' ? 'completed' : 'pending' }
    },
  }
}

/** The member's Stripe customer, created on their first Stripe payment and kept on their account. */
async function ensureCustomer(payload: Payload, stripe: Awaited<ReturnType<typeof stripeClient>>, member: User): Promise<string> {
  const stored = (await payload.findByID({ collection: 'users', id: member.id, depth: 0, overrideAccess: true })) as User & { stripeCustomerId?: string | null }
  if (stored.stripeCustomerId) return stored.stripeCustomerId
  const customer = await stripe.customers.create(
    { email: stored.email, name: `${stored.firstName} ${stored.lastName}`, metadata: { hangar_user_id: String(stored.id) } },
    { idempotencyKey: `hangar-customer-${stored.id}` },
  )
  await payload.update({ collection: 'users', id: stored.id, data: { stripeCustomerId: customer.id } as never, overrideAccess: true, depth: 0 })
  return customer.id
}

