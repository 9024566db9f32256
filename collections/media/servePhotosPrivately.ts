import type { CollectionConfig } from 'payload'

import { privateFileResponse } from '../../hooks/uploads'

type UploadConfig = Exclude<NonNullable<CollectionConfig['upload']>, boolean>
type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * A profile photo (an image with an owner) is served with private headers: a shared cache must
 * never keep it, and it leaves no copy in the browser's cache. Runs after the collection's read
 * access (only its owner and staff get here) and after the missing-file check; site images are
 * left to Payload.
 */
export const servePhotosPrivately: UploadHandler = async (req, { doc, params }): Promise<Response> => {
  const owned = doc && typeof doc === 'object' && (doc as { owner?: unknown }).owner
  const collection = req.payload.collections[params.collection as 'media']?.config
  const staticDir = collection && typeof collection.upload === 'object' ? collection.upload.staticDir : undefined
  if (!owned || !staticDir) return undefined as unknown as Response
  return ((await privateFileResponse(staticDir, params.filename, 'image/jpeg')) ?? undefined) as unknown as Response
}
