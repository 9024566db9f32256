/**
 * Files of upload collections (media, certificates) deleted in a transaction. Payload removes a
 * document's files as it deletes the row, before the transaction commits: were it then rolled back,
 * the rows would come back without their files. Held files are moved aside in their folder instead
 * (so Payload finds nothing to remove), deleted once the transaction commits and put back if it is
 * rolled back.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { whenSettled } from './transaction'

type UploadDoc = { filename?: string | null; sizes?: Record<string, { filename?: string | null } | null> | null }

/** Holds the files of the documents `where` selects until the request's transaction ends; returns how many files. */
export async function holdFilesUntilSettled(req: PayloadRequest, collection: CollectionSlug, where: Where): Promise<number> {
  const staticDir = req.payload.collections[collection]?.config.upload?.staticDir
  if (!staticDir) return 0
  const { docs } = await req.payload.find({ collection, where, depth: 0, pagination: false, overrideAccess: true, req })
  const names = (docs as UploadDoc[]).flatMap((doc) => [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)]).filter((name): name is string => Boolean(name))
  const moved: Array<{ from: string; to: string }> = []
  for (const name of new Set(names)) {
    const from = path.join(staticDir, path.basename(name))
    const to = path.join(staticDir, `.${path.basename(name)}.${randomUUID()}.held`)
    try {
      await fs.rename(from, to)
      moved.push({ from, to })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  if (moved.length > 0) {
    await whenSettled(req, async (committed) => {
      for (const { from, to } of moved) {
        if (committed) await fs.rm(to, { force: true })
        else await fs.rename(to, from)
      }
    })
  }
  return moved.length
}
