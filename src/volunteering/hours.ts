/**
 * Volunteer hours from attended shifts, summed in the database (one GROUP BY over the shift
 * roster table), not by loading every shift.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Payload } from 'payload'

type Column = unknown
type Db = {
  tables: Record<string, Record<string, Column>>
  drizzle: {
    select: (fields: Record<string, unknown>) => {
      from: (table: unknown) => { where: (condition: unknown) => { groupBy: (column: unknown) => Promise<Array<{ member: number | string; hours: unknown; shifts: unknown }>> } }
    }
  }
}

export type VolunteerHours = { hours: number; shifts: number }

/** Hours and attended shifts per member (all members with any, or those asked for). */
export async function volunteerHours(payload: Payload, memberIds?: Array<number | string>): Promise<Map<number, VolunteerHours>> {
  const db = payload.db as unknown as Db
  const roster = db.tables.shifts_assigned!
  if (memberIds && memberIds.length === 0) return new Map()
  const attended = eq(roster.attended as never, true)
  const rows = await db.drizzle
    .select({ member: roster.member, hours: sql`coalesce(sum(${roster.hours}), 0)`, shifts: sql`count(*)` })
    .from(roster)
    .where(memberIds ? and(attended, inArray(roster.member as never, memberIds.map(Number))) : attended)
    .groupBy(roster.member)
  return new Map(rows.map((row) => [Number(row.member), { hours: Number(row.hours), shifts: Number(row.shifts) }]))
}
