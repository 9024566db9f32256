import fs from 'node:fs/promises'
import path from 'node:path'

import type { SanitizedCollectionConfig } from 'payload'

type UploadHandler = NonNullable<Exclude<SanitizedCollectionConfig['upload'], boolean>['handlers']>[number]

/**
 * A file a document names but the disk does not hold (deleted, not restored from a backup) is
 * 404; Payload answers it with a 500. Runs after Payload's access check, before it reads the disk.
 */
export const missingFileIsNotFound =
  (staticDir: string): UploadHandler =>
  (async (_req, { params }) => {
    const dir = path.resolve(staticDir)
    const file = path.resolve(dir, params.filename)
    if (!file.startsWith(dir + path.sep)) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
    try {
      await fs.stat(file)
      return // there: Payload serves it
    } catch {
      return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
    }
  }) as UploadHandler
