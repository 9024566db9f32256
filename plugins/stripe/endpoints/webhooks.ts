import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { recordPaymentEvent } from '@/payments/events'

import { stripeClient } from '../client'
import type { StripeOptions } from '../types'

/**
 * `POST /api/stripe/webhooks`: Stripe's events. The Stripe-Signature header is checked with the
 * SDK (`constructEvent`) before anything is stored; a missing or bad one gets 401 and changes
 * nothing. The event is stored in the inbox before Stripe gets its 200, so none is lost, and a
 * redelivered one is acknowledged without being processed again.
 */
export function stripeWebhookEndpoint(options: StripeOptions): Endpoint {
  return {
    path: '/stripe/webhooks',
    method: 'post',
    // the signature covers the exact bytes: the API guard only limits their size (src/lib/apiGuard.ts)
    custom: { rawBody: true },
    handler: async (req) => {
      const body = (await req.text?.()) ?? ''
      const signature = req.headers.get('stripe-signature') ?? ''
      if (!options.webhookSecret || !signature) throw new RefusedError('The Stripe signature is missing.', 401)
      let event: { id: string; type: string }
      try {
        event = (await stripeClient(options)).webhooks.constructEvent(body, signature, options.webhookSecret)
      } catch {
        throw new RefusedError('The Stripe signature does not match.', 401)
      }
      const { duplicate } = await recordPaymentEvent(req.payload, { provider: 'stripe', eventId: event.id, type: event.type, body: JSON.parse(body) })
      return Response.json({ received: true, duplicate })
    },
  }
}
