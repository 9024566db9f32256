import type { Endpoint } from 'payload'

import type { PaymentEvent } from '@payload-types'

import { hasRole } from '@/access/subjects'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { inTransaction } from '@/lib/transaction'
import { queueEventProcessing } from '@/payments/events'

/** `POST /api/payment-events/:id/replay` (admin, treasurer): processes a failed event again. */
export const replayEndpoint: Endpoint = {
  path: '/:id/replay',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to replay an event.', 401)
    if (!hasRole(req.user as Actor, 'superuser', 'admin', 'treasurer')) throw new RefusedError('Only admins and the treasurer can replay payment events.', 403)
    const id = req.routeParams?.id as string
    const event = (await req.payload.findByID({ collection: 'payment-events', id, depth: 0, overrideAccess: true, disableErrors: true }).catch(() => null)) as PaymentEvent | null
    if (!event) throw new RefusedError(`There is no payment event ${id}.`, 404)
    if (event.status !== 'failed') throw new RefusedError(`Only failed events are replayed; this one is ${event.status}.`, 409)
    await inTransaction(req, async (tx) => {
      await req.payload.update({ collection: 'payment-events', id: event.id, data: { status: 'received' }, req: tx, overrideAccess: true, depth: 0 })
      await queueEventProcessing(tx, event.id)
    })
    return Response.json({ message: 'The event will be processed again shortly.' }, { status: 202 })
  },
}
