import fs from 'node:fs/promises'
import path from 'node:path'

import type { CollectionBeforeOperationHook, CollectionConfig, CollectionSlug } from 'payload'

import { RefusedError } from '@/lib/errors'

type UploadConfig = Exclude<NonNullable<CollectionConfig['upload']>, boolean>
type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * A file cut off at the upload limit, or of `maxBytes` or more, is refused with 413, not stored.
 * (A file the reader cut off at the limit arrives exactly `maxBytes` long.)
 */
export const refuseFilesLargerThan =
  (maxBytes: number): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    const file = req.file as { truncated?: boolean; size?: number } | undefined
    if ((operation === 'create' || operation === 'update') && file && (file.truncated || (file.size ?? 0) >= maxBytes)) {
      throw new RefusedError(`The file is larger than ${maxBytes / 1024 / 1024} MB.`, 413)
    }
    return args
  }

/** Types a browser shows safely in a tab: raster images and PDF. Everything else downloads. */
const SHOWN_INLINE = /^(image\/(png|jpeg|webp|gif|avif)|application\/pdf)$/i

/**
 * Headers for a served upload (SPEC §11): never sniffed into another type, downloaded unless it
 * is an image or a PDF (an uploaded HTML or SVG file never runs on our origin), and, for private
 * files, never kept by a shared cache or the browser.
 */
export function uploadFileHeaders(headers: Headers, { privateFile }: { privateFile: boolean }): Headers {
  const type = (headers.get('Content-Type') ?? '').split(';')[0]!.trim()
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Content-Disposition', SHOWN_INLINE.test(type) ? 'inline' : 'attachment')
  if (privateFile) headers.set('Cache-Control', 'private, no-store')
  return headers
}

/**
 * A file whose record exists but whose bytes are gone (a restore without the upload folder, a
 * file removed by hand) is a 404, not Payload's 500. Runs before Payload's own file handler,
 * after the collection's read access, so it tells nothing to someone who may not read it.
 */
export const refuseMissingFile: UploadHandler = async (req, { params }): Promise<Response> => {
  const collection = req.payload.collections[params.collection as CollectionSlug]?.config
  const staticDir = collection && typeof collection.upload === 'object' ? collection.upload.staticDir : undefined
  // resolving to no Response lets Payload serve the file
  if (!staticDir) return undefined as unknown as Response
  const dir = path.resolve(staticDir)
  const file = path.resolve(dir, params.filename)
  if (!file.startsWith(dir + path.sep)) return undefined as unknown as Response // Payload refuses it with 400
  const found = await fs.stat(file).catch(() => null)
  if (found?.isFile()) return undefined as unknown as Response
  return Response.json({ errors: [{ message: 'There is no such file.' }] }, { status: 404, headers: { 'X-Content-Type-Options': 'nosniff' } })
}

/** The serving settings every upload collection shares. */
export function servedUploads({ privateFile }: { privateFile: boolean }): Pick<UploadConfig, 'handlers' | 'modifyResponseHeaders'> {
  return {
    handlers: [refuseMissingFile],
    modifyResponseHeaders: ({ headers }) => uploadFileHeaders(headers, { privateFile }),
  }
}

/**
 * A stored file answered privately (never kept by a shared or browser cache), for uploads whose
 * access was decided by the caller; null when the name leaves the folder or the file is gone.
 */
export async function privateFileResponse(staticDir: string, filename: string, mimeType: string): Promise<Response | null> {
  const dir = path.resolve(staticDir)
  const file = path.resolve(dir, filename)
  if (!file.startsWith(dir + path.sep)) return null
  const bytes = await fs.readFile(file).catch(() => null)
  if (!bytes) return null
  const headers = uploadFileHeaders(new Headers({ 'Content-Type': mimeType, 'Content-Length': String(bytes.byteLength) }), { privateFile: true })
  return new Response(new Uint8Array(bytes), { status: 200, headers })
}
