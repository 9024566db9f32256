import type { Endpoint } from 'payload'

import type { Event, User } from '@payload-types'

import { mayReach } from '@/access/audience'
import { prefillAnswers } from '@/events/answers'
import type { EventQuestion } from '@/events/answers'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'

/** Profile fields a form may start from (a question named like one of them). */
const PROFILE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'address', 'town', 'county', 'postcode', 'country'] as const

/**
 * `GET /api/rsvps/prefill?event=:id` (the signed-in member): what the event's registration form
 * starts with — their latest earlier answer to a question of the same name, else their profile's
 * field of that name (src/events/answers.ts). Nothing is saved.
 */
export const prefillEndpoint: Endpoint = {
  path: '/prefill',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to register.', 401)
    const event = (await findOrRefuse(req, 'events', req.searchParams.get('event'), 'There is no such event.')) as Event
    if (event.status !== 'published' || !(await mayReach(req, event))) throw new RefusedError('There is no such event.', 404)
    const questions = (event.questions ?? []) as EventQuestion[]
    if (questions.length === 0) return Response.json({ event: event.id, answers: {} })
    const [earlier, profile] = await Promise.all([
      req.payload.find({ collection: 'rsvps', where: { member: { equals: req.user.id } }, sort: '-createdAt', limit: 20, depth: 0, req, overrideAccess: true, select: { answers: true } }),
      req.payload.findByID({ collection: 'users', id: req.user.id, depth: 0, req, overrideAccess: true }),
    ])
    const profileValues = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, (profile as User & Record<string, unknown>)[field]]))
    const answers = prefillAnswers(questions, earlier.docs.map((r) => r.answers as Record<string, unknown> | null), profileValues)
    return Response.json({ event: event.id, answers })
  },
}
