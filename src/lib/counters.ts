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
  return reserveSettingsCounter(req, counter, 1)
}

/**
 * Takes `count` numbers at once (an import numbering a batch of memberships): one UPDATE, and the
 * first of the run `first … first + count - 1` is returned.
 */
export async function reserveSettingsCounter(req: PayloadRequest, counter: SettingsCounter, count: number): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('Reserve at least one number.')
  const value = await updateCounter(req, counter, (column) => sql`coalesce(${column}, 0) + ${count}`)
  return value - count + 1
}

/**
 * Moves the counter up to `atLeast` when it is below it (numbers given in an imported file): the
 * numbers handed out next never repeat one already given.
 */
export async function raiseSettingsCounter(req: PayloadRequest, counter: SettingsCounter, atLeast: number): Promise<void> {
  await updateCounter(req, counter, (column) => sql`CASE WHEN coalesce(${column}, 0) < ${atLeast} THEN ${atLeast} ELSE ${column} END`)
}

async function updateCounter(req: PayloadRequest, counter: SettingsCounter, next: (column: unknown) => ReturnType<typeof sql>): Promise<number> {
  const table = tableOf(req.payload, 'settings')
  const column = table[counter]
  const update = async () => {
    const db = await transactionDb(req)
    const rows = (await db
      .update(table)
      .set({ [counter]: next(column) })
      .where(sql`true`)
      .returning({ value: column })) as { value: number }[]
    return rows[0]?.value
  }
  const value = (await update()) ?? (await req.payload.updateGlobal({ slug: 'settings', data: {}, req, depth: 0 }), await update())
  if (typeof value !== 'number') throw new Error('The settings counters are missing.')
  return value
}
