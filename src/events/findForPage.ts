import type { PayloadRequest } from 'payload'

import type { Event } from '@payload-types'

import { isEventId } from './links'

/**
 * The event a member-site URL names, by id or by slug, as the reader of the page's request may
 * see it (access applied), or null when there is none or they may not see it.
 */
export async function findEventForPage(req: PayloadRequest, idOrSlug: string): Promise<Event | null> {
  if (!idOrSlug || idOrSlug.length > 300) return null
  const asReader = { depth: 0, overrideAccess: false, req } as const
  if (isEventId(idOrSlug)) {
    const byId = (await req.payload.findByID({ collection: 'events', id: idOrSlug, ...asReader, disableErrors: true }).catch(() => null)) as Event | null
    if (byId) return byId
  }
  const { docs } = await req.payload.find({ collection: 'events', where: { slug: { equals: idOrSlug } }, limit: 1, pagination: false, ...asReader })
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
