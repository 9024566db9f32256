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
 * Whether any event has this id or slug, whoever may see it: a signed-out reader following a
 * link to a members' event is asked to sign in, but an address no event has is a 404.
 */
export async function eventExists(payload: Payload, idOrSlug: string): Promise<boolean> {
  if (!idOrSlug || idOrSlug.length > 300) return false
  const byId = isEventId(idOrSlug) && Number(idOrSlug) <= 2_147_483_647 ? [{ id: { equals: Number(idOrSlug) } }] : []
  const { totalDocs } = await payload.count({ collection: 'events', where: { or: [...byId, { slug: { equals: idOrSlug } }] }, overrideAccess: true })
  return totalDocs > 0
}
