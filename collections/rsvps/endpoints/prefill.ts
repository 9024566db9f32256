import type { Endpoint } from 'payload'

import type { Event } from '@payload-types'

import { mayReach } from '@/access/audience'
import { prefillFor } from '@/events/prefill'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'

/**
 * `GET /api/rsvps/prefill?event=:id` (the signed-in member): what the event's registration form
 * starts with — their latest earlier answer to a question of the same name, else their profile's
 * field of that name (src/events/prefill.ts). Nothing is saved.
 */
export const prefillEndpoint: Endpoint = {
  path: '/prefill',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to register.', 401)
    const event = (await findOrRefuse(req, 'events', req.searchParams.get('event'), 'There is no such event.')) as Event
    if (event.status !== 'published' || !(await mayReach(req, event))) throw new RefusedError('There is no such event.', 404)
    return Response.json({ event: event.id, answers: await prefillFor(req, event, req.user.id as number) })
  },
}
