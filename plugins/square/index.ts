import type { Plugin } from 'payload'

import { registerPaymentEventHandler } from '@/payments/events'
import { registerPaymentProvider } from '@/payments/provider'

import { squarePayEndpoint } from './endpoints/pay'
import { squareWebhookEndpoint } from './endpoints/webhooks'
import { handleSquareEvent } from './events'
import { squareProvider } from './provider'
import type { SquarePluginOptions } from './types'

export type { SquarePluginOptions } from './types'
export { squareOptionsFromEnv } from './types'

/**
 * Square (SPEC §3), as a self-contained plugin in the shape of @payloadcms/plugin-stripe:
 * options in, config out. Adds the member's Square customer id to users, the card payment
 * endpoint to payments, the webhook endpoint, and registers the provider (checkout, refunds)
 * and the handler of Square's events in the webhook inbox.
 */
export const squarePlugin =
  (options: SquarePluginOptions): Plugin =>
  (config) => {
    registerPaymentProvider(squareProvider(options))
    registerPaymentEventHandler('square', handleSquareEvent)
    return {
      ...config,
      endpoints: [...(config.endpoints ?? []), squareWebhookEndpoint(options)],
      collections: (config.collections ?? []).map((collection) => {
        if (collection.slug === 'payments') return { ...collection, endpoints: [...(collection.endpoints || []), squarePayEndpoint(options)] }
        if (collection.slug === 'users') {
          return {
            ...collection,
            fields: [
              ...collection.fields,
              {
                name: 'squareCustomerId',
                label: 'Square customer id',
                type: 'text',
                index: true,
                access: { create: () => false, update: () => false },
                admin: { position: 'sidebar', readOnly: true, description: 'Linked on the first card payment.' },
              },
            ],
          }
        }
        return collection
      }),
    }
  }
