import type { CollectionBeforeDeleteHook } from 'payload'

import { deletePhotosOf } from '@/members/photo'

/** A deleted account's profile photos are deleted with it (they would otherwise lose their owner and become public). */
export const deletePhotos: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await deletePhotosOf(req.payload, id, req)
}
