import type { Plugin } from 'payload'

import { registerPaymentEventHandler } from '@/payments/events'
import { registerPaymentProvider } from '@/payments/provider'

import { stripeWebhookEndpoint } from './endpoints/webhooks'
import { stripeEventHandler } from './events'
import { stripeProvider } from './provider'
import type { StripeOptions } from './types'

export type { StripeOptions } from './types'
export { stripeOptionsFromEnv } from './types'

/**
 * Stripe Checkout (SPEC §3), as a plugin: adds the member's Stripe customer id to users and
 * the webhook endpoint, and registers the provider (Checkout Sessions, refunds) and the handler
 * of Stripe's events in the webhook inbox.
 *
 * Why not @payloadcms/plugin-stripe: its webhook route answers 200 before the event is handled
 * (an event that then fails is lost), answers 400 or 200 rather than 401 to a bad or missing
 * signature, and its customer sync calls api.stripe.com from hooks with no way to point it at
 * a test server. Hangar needs the opposite on all three, so it uses the `stripe` SDK directly.
 */
export const stripePayments =
  (options: StripeOptions): Plugin =>
  (config) => {
    registerPaymentProvider(stripeProvider(options))
    registerPaymentEventHandler('stripe', stripeEventHandler(options))
    return {
      ...config,
      endpoints: [...(config.endpoints ?? []), stripeWebhookEndpoint(options)],
      collections: (config.collections ?? []).map((collection) =>
        collection.slug === 'users'
          ? {
              ...collection,
              fields: [
                ...collection.fields,
                {
                  name: 'stripeCustomerId',
                  label: 'Stripe customer id',
                  type: 'text',
                  index: true,
                  access: { create: () => false, update: () => false },
                  admin: { position: 'sidebar', readOnly: true, description: 'Linked on the first Stripe payment.' },
                },
              ],
            }
          : collection,
      ),
    }
  }
