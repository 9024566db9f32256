import type { CollectionSlug, DataFromCollectionSlug, PayloadRequest } from 'payload'

import { idOf } from '@/access/collectionAccess'

import { eq, isPostgres, tableOf, transactionDb } from './db'
import { RefusedError } from './errors'
import { rememberExists } from './knownDocuments'
import { serialise } from './transaction'

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
  rememberExists(req, collection, (doc as { id: number | string }).id)
  return doc as DataFromCollectionSlug<S>
}

/** Ids are serial integers; anything else names no row. */
export const isRowId = (id: unknown): id is number | string => /^\d{1,15}$/.test(String(id))

/**
 * Locks one document's row until the request's transaction ends: `SELECT … FOR UPDATE` on
 * Postgres, the keyed lock `collection:id` on SQLite. Payload reads a document, runs hooks and
 * writes it whole; two updates that both read first would otherwise lose one of them.
 */
export async function lockRow(req: PayloadRequest, collection: CollectionSlug, id: unknown): Promise<void> {
  if (!isRowId(id)) return
  if (isPostgres(req.payload)) {
    const table = tableOf(req.payload, collection)
    const db = await transactionDb(req)
    await db.select({ id: table.id }).from(table).where(eq(table.id, Number(id))).for('update')
    return
  }
  await serialise(req, `${collection}:${id}`)
}

/**
 * The one "lock the row, read it, or refuse" (inside `inTransaction`): the document `id` names,
 * locked as `lockRow` does and then read, so what is read is what the previous holder committed.
 */
export async function findLocked<S extends CollectionSlug>(
  req: PayloadRequest,
  collection: S,
  id: unknown,
  message: string,
  status: 400 | 404 = 404,
): Promise<DataFromCollectionSlug<S>> {
  const key = idOf(id)
  if (!isRowId(key)) throw new RefusedError(message, status)
  await lockRow(req, collection, key)
  return findOrRefuse(req, collection, key, message, status)
}
