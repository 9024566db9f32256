/**
 * An event's places, kept in one counter on the event and changed only by single conditional
 * UPDATE statements: `… SET places_taken = places_taken + n WHERE capacity IS NULL OR
 * places_taken + n <= capacity`. Atomic on SQLite and PostgreSQL alike, so no number of
 * simultaneous RSVPs can take more places than there are.
 */
import type { PayloadRequest } from 'payload'

import { sql, tableOf, transactionDb } from '@/lib/db'

const eventsTable = (req: PayloadRequest) => tableOf(req.payload, 'events')

/** Takes `places` if they are free; false when the event has not that many left. */
export async function claimPlaces(req: PayloadRequest, eventId: number, places: number): Promise<boolean> {
  const table = eventsTable(req)
  const db = await transactionDb(req)
  const rows = await db
    .update(table)
    .set({ placesTaken: sql`coalesce(${table.placesTaken}, 0) + ${places}` })
    .where(sql`${table.id} = ${eventId} AND (${table.capacity} IS NULL OR coalesce(${table.placesTaken}, 0) + ${places} <= ${table.capacity})`)
    .returning({ id: table.id })
  return rows.length === 1
}

export async function releasePlaces(req: PayloadRequest, eventId: number, places: number): Promise<void> {
  const table = eventsTable(req)
  const db = await transactionDb(req)
  await db
    .update(table)
    .set({ placesTaken: sql`CASE WHEN coalesce(${table.placesTaken}, 0) < ${places} THEN 0 ELSE coalesce(${table.placesTaken}, 0) - ${places} END` })
    .where(sql`${table.id} = ${eventId}`)
    .returning({ id: table.id })
}
