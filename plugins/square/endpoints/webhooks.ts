import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { recordPaymentEvent } from '@/payments/events'

import { verifySquareSignature } from '../client'
import type { SquarePluginOptions } from '../types'

/**
 * `POST /api/square/webhooks`: Square's event notifications. The signature (HMAC of the
 * notification URL and the exact body) is checked with the SDK's helper before anything is
 * stored; a bad one gets 401 and changes nothing. A redelivered event is acknowledged (200)
 * and not processed again.
 */
export function squareWebhookEndpoint(options: SquarePluginOptions): Endpoint {
  return {
    path: '/square/webhooks',
    method: 'post',
    // the signature covers the exact bytes: the API guard only limits their size (src/lib/apiGuard.ts)
    custom: { rawBody: true },
    handler: async (req) => {
      const body = (await req.text?.()) ?? ''
      const signature = req.headers.get('x-square-hmacsha256-signature') ?? ''
      if (!(await verifySquareSignature(options, body, signature))) throw new RefusedError('The Square signature is missing or does not match.', 401)

      let event: { event_id?: unknown; type?: unknown }
      try {
        event = JSON.parse(body)
      } catch {
        throw new RefusedError('The body is not valid JSON.', 400)
      }
      if (typeof event.event_id !== 'string' || typeof event.type !== 'string') throw new RefusedError('The event has no event_id or type.', 400)
      const { duplicate } = await recordPaymentEvent(req.payload, { provider: 'square', eventId: event.event_id, type: event.type, body: event })
      return Response.json({ received: true, duplicate })
    },
  }
}
