/**
 * Volunteer hours from attended shifts, summed in the database (one GROUP BY over the shift
 * roster table), not by loading every shift.
 */
import type { Payload } from 'payload'

import { and, drizzleOf, eq, gte, inArray, lt, sql, tableOf } from '@/lib/db'

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

export type HoursPeriod = { from?: Date; to?: Date }

/** `member:role` for volunteerHoursByRole's map. */
export const memberRoleKey = (member: unknown, role: unknown) => `${String(member)}:${String(role)}`

/**
 * Hours and attended shifts per member and role (the shift's role), for the members asked for,
 * counting shifts that start within `period` (from inclusive, to exclusive) when given. One
 * GROUP BY over the roster joined to its shifts.
 */
export async function volunteerHoursByRole(payload: Payload, memberIds: Array<number | string>, period: HoursPeriod = {}): Promise<Map<string, VolunteerHours>> {
  if (memberIds.length === 0) return new Map()
  const roster = tableOf(payload, 'shifts_assigned')
  const shifts = tableOf(payload, 'shifts')
  const conditions = [eq(roster.attended, true), inArray(roster.member, memberIds.map(Number))]
  if (period.from) conditions.push(gte(shifts.startsAt, period.from.toISOString()))
  if (period.to) conditions.push(lt(shifts.startsAt, period.to.toISOString()))
  const rows = await drizzleOf(payload)
    .select({ member: roster.member, role: shifts.role, hours: sql`coalesce(sum(${roster.hours}), 0)`, shifts: sql`count(*)` })
    .from(roster)
    .innerJoin(shifts, eq(shifts.id, roster._parentID))
    .where(and(...conditions))
    .groupBy(roster.member, shifts.role)
  return new Map(rows.map((row) => [memberRoleKey(row.member, row.role), { hours: Number(row.hours), shifts: Number(row.shifts) }]))
}
