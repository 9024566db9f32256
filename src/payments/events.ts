/**
 * The webhook inbox (SPEC §3): every provider event is stored once, keyed by (provider, event
 * id), and processed by a retried job. Providers register a handler for their events; the
 * handler says whether an event was processed or ignored (and why), or throws to be retried.
 */
import type { Payload, PayloadRequest, Where } from 'payload'

import type { PaymentEvent } from '@payload-types'

import { isUniqueViolation } from '@/lib/errors'
import { inTransaction, serialise, systemRequest } from '@/lib/transaction'

export type PaymentEventProvider = 'square' | 'stripe'
export type EventOutcome = { outcome: 'processed' | 'ignored'; note?: string }
export type PaymentEventHandler = (args: { payload: Payload; event: PaymentEvent }) => Promise<EventOutcome>

const handlers = new Map<string, PaymentEventHandler>()

export function registerPaymentEventHandler(provider: PaymentEventProvider, handler: PaymentEventHandler): void {
  handlers.set(provider, handler)
}


/**
 * Stores a verified event and queues its processing, in one transaction. The same event
 * delivered again (providers retry) is recognised by its id and neither stored nor processed twice.
 */
export async function recordPaymentEvent(
  payload: Payload,
  event: { provider: PaymentEventProvider; eventId: string; type: string; body: unknown },
): Promise<{ duplicate: boolean; id?: number }> {
  const where: Where = { and: [{ provider: { equals: event.provider } }, { eventId: { equals: event.eventId } }] }
  try {
    return await inTransaction(await systemRequest(payload), async (req) => {
        await serialise(req, `payment-events:${event.provider}:${event.eventId}`)
        if ((await payload.count({ collection: 'payment-events', where, req, overrideAccess: true })).totalDocs > 0) return { duplicate: true }
        const stored = await payload.create({
          collection: 'payment-events',
          data: { provider: event.provider, eventId: event.eventId, type: event.type, payload: event.body as Record<string, unknown>, status: 'received', attempts: 0, receivedAt: new Date().toISOString() },
          req,
          overrideAccess: true,
          depth: 0,
        })
        await queueEventProcessing(req, stored.id)
        return { duplicate: false, id: stored.id }
    })
  } catch (error) {
    // the same event arriving twice at the same moment: the unique index keeps one
    if (isUniqueViolation(error)) return { duplicate: true }
    throw error
  }
}

export async function queueEventProcessing(req: PayloadRequest, id: number): Promise<void> {
  await req.payload.jobs.queue({ task: 'processPaymentEvent', queue: 'payments', input: { event: id }, req })
}

/** Runs the provider's handler for a stored event and records the outcome; throws to be retried. */
export async function processPaymentEvent(payload: Payload, id: number): Promise<PaymentEvent['status']> {
  const event = (await payload.findByID({ collection: 'payment-events', id, depth: 0, overrideAccess: true, disableErrors: true })) as PaymentEvent | null
  if (!event) return 'ignored'
  if (event.status === 'processed' || event.status === 'ignored') return event.status
  const attempts = (event.attempts ?? 0) + 1
  const handler = handlers.get(event.provider)
  try {
    if (!handler) throw new Error(`No handler for ${event.provider} events`)
    const { outcome, note } = await handler({ payload, event })
    await payload.update({
      collection: 'payment-events',
      id,
      data: { status: outcome, attempts, note: note ?? null, lastError: null, processedAt: new Date().toISOString() },
      overrideAccess: true,
      depth: 0,
    })
    return outcome
  } catch (error) {
    await payload.update({
      collection: 'payment-events',
      id,
      data: { status: 'failed', attempts, lastError: (error as Error).message?.slice(0, 2000) ?? String(error) },
      overrideAccess: true,
      depth: 0,
    })
    throw error
  }
}
