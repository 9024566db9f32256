import type { TaskConfig } from 'payload'

import { processPaymentEvent } from '@/payments/events'

/** Processes one stored webhook event; a failure is retried with backoff (out-of-order events settle this way). */
export const processPaymentEventTask: TaskConfig<'processPaymentEvent'> = {
  slug: 'processPaymentEvent',
  label: 'Process a payment provider event',
  inputSchema: [{ name: 'event', type: 'number', required: true }],
  retries: { attempts: 8, backoff: { type: 'exponential', delay: 15_000 } },
  handler: async ({ input, req }) => {
    await processPaymentEvent(req.payload, input.event)
    return { output: {} }
  },
}
