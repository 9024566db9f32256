import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { recordPaymentEvent } from '@/payments/events'

import type { StripeOptions } from '../types'

/**
 * `POST /api/stripe/webhooks`: Stripe's events. The Stripe-Signature header is checked with the
 * SDK's static `Stripe.webhooks.constructEvent`, which needs the webhook secret alone (no API
 * key, no client), before anything is stored; a missing or bad one gets 401 and changes
 * nothing. Only a signature error is a 401: any other failure is the server's (5xx), so an
 * outage is never reported to Stripe as a forged event. The event is stored in the inbox before Stripe gets its 200, so none is lost, and a
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
      const { default: Stripe } = await import('stripe')
      let event: { id: string; type: string }
      try {
        event = Stripe.webhooks.constructEvent(body, signature, options.webhookSecret)
      } catch (error) {
        if (isSignatureError(error)) throw new RefusedError('The Stripe signature does not match.', 401)
        // signed by the secret's holder but not JSON: their mistake, not a forgery nor ours
        if (error instanceof SyntaxError) throw new RefusedError('The Stripe event is not JSON.', 400)
        throw error
      }
      const { duplicate } = await recordPaymentEvent(req.payload, { provider: 'stripe', eventId: event.id, type: event.type, body: event })
      return Response.json({ received: true, duplicate })
    },
  }
}

/** The SDK's verdict that the header does not sign the body (wrong secret, altered body, too old, malformed). */
function isSignatureError(error: unknown): boolean {
  const { type, name } = (error ?? {}) as { type?: string; name?: string }
  return type === 'StripeSignatureVerificationError' || name === 'StripeSignatureVerificationError'
}
