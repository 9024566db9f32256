/**
 * The test run's data encryption keys (src/privacy/fieldEncryption.ts) and a raw read of stored
 * columns, to show that the database holds no personal value in plain text.
 */
import type { Payload } from 'payload'

import { drizzleOf, eq, tableOf } from '@/lib/db'

/** 32 fixed bytes: every test process and the template database share the key. */
export const TEST_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64')

/** Columns of one row exactly as stored (no Payload hooks): `rawRow(payload, 'users', id, ['phone', 'address_line1'])`. */
export async function rawRow(payload: Payload, table: string, id: number, columns: string[]): Promise<Record<string, unknown>> {
  const t = tableOf(payload, table)
  const [row] = (await drizzleOf(payload)
    .select(Object.fromEntries(columns.map((column) => [column, t[column]])))
    .from(t)
    .where(eq(t.id, id))) as Array<Record<string, unknown>>
  if (!row) throw new Error(`No row ${id} in ${table}.`)
  return row
}
