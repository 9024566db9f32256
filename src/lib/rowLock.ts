/**
 * Row locks for documents whose updates must not interleave (payments, memberships).
 *
 * Payload reads a document, runs hooks, then writes the whole document back. Two concurrent
 * updates of one row can therefore both start from the same old version, and the second write
 * silently undoes the first (a lost update). Taking `SELECT … FOR UPDATE` on the row inside the
 * transaction, before the document is read, makes such updates wait for each other and read
 * what the previous one committed. SQLite serialises writers on its own, so there it does nothing.
 */
import { sql } from 'drizzle-orm'
import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

export type DrizzleLike = {
  execute: (query: unknown) => Promise<unknown>
  update: (table: unknown) => {
    set: (values: Record<string, unknown>) => {
      where: (condition: unknown) => { returning: (fields: Record<string, unknown>) => Promise<unknown[]> }
    }
  }
}

/** The drizzle handle of the request's transaction (Payload keeps one session per transaction). */
export async function transactionDb(req: PayloadRequest): Promise<DrizzleLike> {
  const db = req.payload.db as unknown as { drizzle: DrizzleLike; sessions?: Record<string, { db: DrizzleLike }> }
  const id = req.transactionID ? await req.transactionID : undefined
  return (id !== undefined && db.sessions?.[String(id)]?.db) || db.drizzle
}

export async function lockRow(req: PayloadRequest, table: 'payments' | 'memberships' | 'events' | 'shifts' | 'users', id: number | string): Promise<void> {
  // ids are serial integers; anything else cannot name a row (the caller answers 404)
  if (req.payload.db.name !== 'postgres' || !/^\d+$/.test(String(id))) return
  const db = await transactionDb(req)
  await db.execute(sql`SELECT id FROM ${sql.identifier(table)} WHERE id = ${id} FOR UPDATE`)
}

/** A beforeOperation hook: updates and deletes of one document take its row lock first. */
export const lockBeforeWrite =
  (table: 'payments' | 'memberships'): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    const id = (args as { id?: number | string }).id
    if ((operation === 'update' || operation === 'delete') && id !== undefined && id !== null) await lockRow(req, table, id)
    return args
  }
