import type { Payload } from 'payload'

import type { Event, User } from '@payload-types'

import { isEventId } from './links'

/**
 * The event a member-site URL names, by id or by slug, as the reader may see it (access
 * applied), or null when there is none or they may not see it.
 */
export async function findEventForPage(payload: Payload, idOrSlug: string, user: User | null): Promise<Event | null> {
  if (!idOrSlug || idOrSlug.length > 300) return null
  const asUser = { depth: 0, overrideAccess: false, user: user ?? undefined } as const
  if (isEventId(idOrSlug)) {
    const byId = (await payload.findByID({ collection: 'events', id: idOrSlug, ...asUser, disableErrors: true }).catch(() => null)) as Event | null
    if (byId) return byId
  }
  const { docs } = await payload.find({ collection: 'events', where: { slug: { equals: idOrSlug } }, limit: 1, pagination: false, ...asUser })
  return (docs[0] as Event | undefined) ?? null
}

/**
 * Whether an address could name an event (an id or a slug), without asking the database: a
 * signed-out visitor is sent to sign in for any such address, so the answer never tells them
 * whether a members' event exists. Anything else is a 404.
 */
export function mayNameAnEvent(idOrSlug: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,199}$/i.test(idOrSlug)
}
