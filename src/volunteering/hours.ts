/**
 * Volunteer hours from attended shifts, summed in the database (one GROUP BY over the shift
 * roster table), not by loading every shift.
 */
import type { Payload } from 'payload'

import { and, drizzleOf, eq, inArray, sql, tableOf } from '@/lib/db'

export type VolunteerHours = { hours: number; shifts: number }

/** Hours and attended shifts per member (all members with any, or those asked for). */
export async function volunteerHours(payload: Payload, memberIds?: Array<number | string>): Promise<Map<number, VolunteerHours>> {
  const roster = tableOf(payload, 'shifts_assigned')
  if (memberIds && memberIds.length === 0) return new Map()
  const attended = eq(roster.attended, true)
  const rows = await drizzleOf(payload)
    .select({ member: roster.member, hours: sql`coalesce(sum(${roster.hours}), 0)`, shifts: sql`count(*)` })
    .from(roster)
    .where(memberIds ? and(attended, inArray(roster.member, memberIds.map(Number))) : attended)
    .groupBy(roster.member)
  return new Map(rows.map((row) => [Number(row.member), { hours: Number(row.hours), shifts: Number(row.shifts) }]))
}
