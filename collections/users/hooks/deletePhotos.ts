import type { CollectionBeforeDeleteHook } from 'payload'

import { deletePhotosOf } from '@/members/photo'

/**
 * What belongs to an account alone goes with it: its profile photos (they would otherwise lose
 * their owner and become public images) and its consent records (they name the person and make
 * no sense without them). Payments and memberships stay; erasure, not deletion, is how a member
 * leaves (src/privacy).
 */
export const deletePhotos: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await deletePhotosOf(req.payload, id, req)
  await req.payload.delete({ collection: 'consents', where: { person: { equals: id } }, overrideAccess: true, req })
}
