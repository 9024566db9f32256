import type { CollectionSlug, DataFromCollectionSlug, PayloadRequest } from 'payload'

import { idOf } from '@/access/collectionAccess'

import { RefusedError } from './errors'

/**
 * The document a request names (an id, or a populated relationship), read as the system in the
 * request's transaction; a missing id, an id of the wrong shape or an unknown one is refused
 * with `message` (404 unless said otherwise) rather than surfacing as a server error.
 */
export async function findOrRefuse<S extends CollectionSlug>(
  req: PayloadRequest,
  collection: S,
  id: unknown,
  message: string,
  status: 400 | 404 = 404,
): Promise<DataFromCollectionSlug<S>> {
  const key = idOf(id)
  const doc =
    key === undefined ? null : await req.payload.findByID({ collection, id: key, req, depth: 0, overrideAccess: true, disableErrors: true }).catch(() => null)
  if (!doc) throw new RefusedError(message, status)
  return doc as DataFromCollectionSlug<S>
}
