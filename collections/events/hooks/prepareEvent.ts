import type { CollectionBeforeValidateHook } from 'payload'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'

const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)

/** A slug from the title when none is given (made unique with the date), dates that make sense, and members' events as proposals. */
export const prepareEvent: CollectionBeforeValidateHook = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  const merged = { ...(originalDoc ?? {}), ...data }
  const next = { ...data }
  // A member without the events role proposes: the event waits, unseen, for staff to decide.
  if (operation === 'create' && req.user && !reachesAll('events', req.user as Actor, 'create')) {
    next.status = 'proposed'
    next.proposedBy = req.user.id
    next.placesTaken = 0
  }
  // The proposer changing their rejected proposal (access lets them reach nothing else) resubmits it:
  // it is a proposal again, for staff to decide; they never publish it themselves.
  if (operation === 'update' && req.user && !reachesAll('events', req.user as Actor, 'update')) {
    next.status = 'proposed'
    next.proposedBy = originalDoc?.proposedBy
    next.parent = originalDoc?.parent ?? null
  }
  if (!merged.slug && merged.title) {
    const day = merged.startsAt ? new Date(merged.startsAt).toISOString().slice(0, 10) : ''
    next.slug = [slugify(String(merged.title)), day].filter(Boolean).join('-')
  }
  if (merged.endsAt && merged.startsAt && new Date(merged.endsAt) < new Date(merged.startsAt)) throw new RefusedError('The event cannot end before it starts.', 400)
  if (merged.registrationOpensAt && merged.registrationClosesAt && new Date(merged.registrationClosesAt) < new Date(merged.registrationOpensAt)) {
    throw new RefusedError('Registration cannot close before it opens.', 400)
  }
  // a session belongs to one event that is not itself a session
  const parentId = idOf(merged.parent)
  if (parentId !== undefined) {
    if (operation === 'update' && originalDoc?.id !== undefined && String(parentId) === String(originalDoc.id)) throw new RefusedError('An event cannot be a session of itself.', 400)
    const parent = await findOrRefuse(req, 'events', parentId, 'The event this is a session of does not exist.', 400)
    if (parent.parent) throw new RefusedError('A session belongs to an event, not to another session.', 400)
    if (operation === 'update' && originalDoc?.id !== undefined && (await req.payload.count({ collection: 'events', where: { parent: { equals: originalDoc.id } }, req, overrideAccess: true })).totalDocs > 0) {
      throw new RefusedError('This event has sessions of its own, so it cannot be a session.', 400)
    }
  }
  return next
}
