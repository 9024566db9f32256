import type { PayloadRequest } from 'payload'

import type { Event, User } from '@payload-types'

import type { Answer, EventQuestion } from './answers'
import { prefillAnswers } from './answers'

/** Profile fields a form may start from (a question named like one of them). */
const PROFILE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'address', 'town', 'county', 'postcode', 'country'] as const

/**
 * What `event`'s registration form starts with for the member: their latest earlier answer to a
 * question of the same name, else their profile's field of that name (src/events/answers.ts).
 * Two indexed reads; nothing is saved.
 */
export async function prefillFor(req: PayloadRequest, event: Pick<Event, 'questions'>, memberId: number): Promise<Record<string, Answer>> {
  const questions = (event.questions ?? []) as EventQuestion[]
  if (questions.length === 0) return {}
  const [earlier, profile] = await Promise.all([
    req.payload.find({ collection: 'rsvps', where: { member: { equals: memberId } }, sort: '-createdAt', limit: 20, depth: 0, req, overrideAccess: true, select: { answers: true } }),
    req.payload.findByID({ collection: 'users', id: memberId, depth: 0, req, overrideAccess: true }),
  ])
  const profileValues = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, (profile as User & Record<string, unknown>)[field]]))
  return prefillAnswers(questions, earlier.docs.map((r) => r.answers as Record<string, unknown> | null), profileValues)
}
