/**
 * Counters that must never hand out the same number twice (membership and receipt numbers).
 * The increment is one `UPDATE … SET n = n + 1 RETURNING n` in the caller's transaction: atomic
 * on PostgreSQL (the row lock queues concurrent increments) and on SQLite alike, with no
 * read-then-write window.
 */
import type { PayloadRequest } from 'payload'

import { sql, tableOf, transactionDb } from './db'

export type SettingsCounter = 'lastMembershipNumber' | 'lastReceiptNumber'

export async function nextSettingsCounter(req: PayloadRequest, counter: SettingsCounter): Promise<number> {
  const table = tableOf(req.payload, 'settings')
  const column = table[counter]
  const increment = async () => {
    const db = await transactionDb(req)
    const rows = (await db
      .update(table)
      .set({ [counter]: sql`coalesce(${column}, 0) + 1` })
      .where(sql`true`)
      .returning({ value: column })) as { value: number }[]
    return rows[0]?.value
  }
  const value = (await increment()) ?? (await req.payload.updateGlobal({ slug: 'settings', data: {}, req, depth: 0 }), await increment())
  if (typeof value !== 'number') throw new Error('The settings counters are missing.')
  return value
}
