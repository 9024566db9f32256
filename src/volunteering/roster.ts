/**
 * Who is on a shift (SPEC §7). Every change goes through here, in a transaction that holds the
 * volunteer's lock and then the shift's (Postgres row locks, an in-process mutex on SQLite), so
 * simultaneous sign-ups can neither overfill a shift nor put one person on two overlapping shifts.
 */
import type { Payload, PayloadRequest, Where } from 'payload'

import type { Availability, Shift, User, VolunteerAssignment, VolunteerRole } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'
import { lockRow } from '@/lib/findOrRefuse'
import { inTransaction, serialise, systemRequest } from '@/lib/transaction'
import { currentMemberIds, memberAccess } from '@/access/membership'

import type { AvailabilityAnswer } from './availability'
import { availabilityFor } from './availability'
import { shiftHours } from './eligibility'
import { certificateProblems, certificatesOf, displayName, loadMember, loadRole, roleProblems } from './standing'

type Assigned = NonNullable<Shift['assigned']>[number]

/** Coordinators: whoever the matrix lets change every shift (the volunteers role, admins). */
export const coordinates = (user: Actor) => reachesAll('shifts', user, 'update')

export const assignedIds = (shift: Pick<Shift, 'assigned'>) => (shift.assigned ?? []).map((row) => idOf(row.member) as number)

export const loadShift = (req: PayloadRequest, id: unknown): Promise<Shift> => findOrRefuse(req, 'shifts', id, 'There is no such shift.')

/** The member's other shifts that overlap this one. */
export async function overlappingShifts(req: PayloadRequest, memberId: number, shift: Pick<Shift, 'id' | 'startsAt' | 'endsAt'>): Promise<Shift[]> {
  const where: Where = {
    and: [
      { 'assigned.member': { equals: memberId } },
      { id: { not_equals: shift.id } },
      { startsAt: { less_than: shift.endsAt } },
      { endsAt: { greater_than: shift.startsAt } },
    ],
  }
  return (await req.payload.find({ collection: 'shifts', where, pagination: false, depth: 0, req, overrideAccess: true })).docs as Shift[]
}

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })
export const shiftLabel = (shift: Pick<Shift, 'startsAt'>, role: Pick<VolunteerRole, 'name'> | null) => `${role?.name ?? 'Shift'} · ${when.format(new Date(shift.startsAt))}`

/** Why the member may not be put on the shift, in words; empty when they may. */
export async function shiftProblems(req: PayloadRequest, shift: Shift, member: User): Promise<string[]> {
  const role = await loadRole(req, shift.role)
  const problems = await roleProblems(req, { member, role, moments: [new Date(shift.startsAt), new Date(shift.endsAt)], needsAssignment: true })
  const clash = await overlappingShifts(req, member.id, shift)
  if (clash.length > 0) problems.push(`${displayName(member)} is already on an overlapping shift (${clash.map((s) => s.title).join(', ')})`)
  return problems
}

async function changeRoster<T>(payload: Payload, actor: User, keys: { member?: number; shift: number | string }, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  return inTransaction(await systemRequest(payload, actor), async (req) => {
    // the same order everywhere (volunteer, then shift), so two changes never wait on each other
    if (keys.member !== undefined) await serialise(req, `volunteer:${keys.member}`)
    await lockRow(req, 'shifts', keys.shift)
    return work(req)
  })
}

async function saveAssigned(req: PayloadRequest, shift: Shift, assigned: Assigned[]): Promise<Shift> {
  return (await req.payload.update({ collection: 'shifts', id: shift.id, data: { assigned }, req, overrideAccess: true, depth: 0, context: { roster: true } })) as Shift
}

/**
 * Puts a member on a shift: themself from the portal (`via: 'signup'`) or by a coordinator.
 * Refused when the shift has begun, is full, the member is not eligible on the shift's date,
 * or they are on an overlapping shift.
 */
export async function joinShift(payload: Payload, actor: User, shiftId: number | string, memberId: number | string, via: 'signup' | 'coordinator'): Promise<Shift> {
  if (!/^\d+$/.test(String(shiftId))) throw new RefusedError('There is no such shift.', 404)
  return changeRoster(payload, actor, { member: Number(memberId), shift: shiftId }, async (req) => {
    const shift = await loadShift(req, shiftId)
    const member = await loadMember(req, memberId)
    const who = via === 'signup' ? 'You are' : `${displayName(member)} is`
    if (assignedIds(shift).includes(member.id)) throw new RefusedError(`${who} already on this shift.`, 409)
    if (new Date(shift.startsAt).getTime() <= Date.now()) throw new RefusedError('This shift has already started.', 409)
    if ((shift.assigned ?? []).length >= shift.peopleNeeded) throw new RefusedError('This shift is full.', 409)
    const problems = await shiftProblems(req, shift, member)
    if (problems.length > 0) {
      const overlap = problems.some((p) => p.includes('overlapping shift'))
      throw new RefusedError(`${displayName(member)} cannot take this shift: ${problems.join('; ')}.`, overlap && problems.length === 1 ? 409 : 422, { problems })
    }
    const row: Assigned = { member: member.id, via, addedAt: new Date().toISOString(), addedBy: actor.id, attended: false, hours: null }
    return saveAssigned(req, shift, [...(shift.assigned ?? []), row])
  })
}

/** Takes a member off a shift: a coordinator at any time, the member themself until it starts. */
export async function leaveShift(payload: Payload, actor: User, shiftId: number | string, memberId: number | string, by: 'self' | 'coordinator'): Promise<Shift> {
  if (!/^\d+$/.test(String(shiftId))) throw new RefusedError('There is no such shift.', 404)
  return changeRoster(payload, actor, { member: Number(memberId), shift: shiftId }, async (req) => {
    const shift = await loadShift(req, shiftId)
    const id = Number(memberId)
    if (!assignedIds(shift).includes(id)) throw new RefusedError(by === 'self' ? 'You are not on this shift.' : 'That member is not on this shift.', 404)
    if (by === 'self' && new Date(shift.startsAt).getTime() <= Date.now()) throw new RefusedError('This shift has already started; ask a coordinator.', 409)
    return saveAssigned(req, shift, (shift.assigned ?? []).filter((row) => idOf(row.member) !== id))
  })
}

/** Records whether a member came, and the hours credited (the shift's length unless given). */
export async function recordAttendance(
  payload: Payload,
  actor: User,
  shiftId: number | string,
  memberId: number | string,
  attended: boolean,
  hours?: number,
): Promise<Shift> {
  if (!/^\d+$/.test(String(shiftId))) throw new RefusedError('There is no such shift.', 404)
  if (hours !== undefined && !(typeof hours === 'number' && Number.isFinite(hours) && hours >= 0 && hours <= 24)) throw new RefusedError('Hours: a number from 0 to 24.', 400)
  return changeRoster(payload, actor, { shift: shiftId }, async (req) => {
    const shift = await loadShift(req, shiftId)
    const id = Number(memberId)
    if (!assignedIds(shift).includes(id)) throw new RefusedError('That member is not on this shift.', 404)
    if (new Date(shift.startsAt).getTime() > Date.now()) throw new RefusedError('Attendance is recorded once the shift has started.', 409)
    const credited = attended ? (hours ?? shiftHours(shift)) : 0
    return saveAssigned(
      req,
      shift,
      (shift.assigned ?? []).map((row) => (idOf(row.member) === id ? { ...row, attended, hours: Math.round(credited * 4) / 4 } : row)),
    )
  })
}

export type Candidate = {
  member: { id: number; name: string; email: string }
  eligible: boolean
  problems: string[]
  availability: AvailabilityAnswer
  interested: boolean
  onShift: boolean
}

/**
 * Everyone who holds the shift's role, with whether they are eligible on its date, whether
 * their availability suits it and whether the role interests them: eligible and available
 * first. Coordinators filter this when filling the shift.
 */
export async function shiftCandidates(req: PayloadRequest, shift: Shift): Promise<Candidate[]> {
  const role = await loadRole(req, shift.role)
  const { docs: assignments } = await req.payload.find({
    collection: 'volunteer-assignments',
    where: { and: [{ role: { equals: role.id } }, { status: { equals: 'active' } }] },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const memberIds = [...new Set((assignments as VolunteerAssignment[]).map((a) => idOf(a.member) as number))]
  if (memberIds.length === 0) return []
  const [members, availability, certificates, clashing] = await Promise.all([
    req.payload.find({ collection: 'users', where: { id: { in: memberIds } }, pagination: false, depth: 0, req, overrideAccess: true }),
    req.payload.find({ collection: 'availability', where: { member: { in: memberIds } }, pagination: false, depth: 0, req, overrideAccess: true }),
    certificatesOf(req, memberIds),
    req.payload.find({
      collection: 'shifts',
      where: { and: [{ 'assigned.member': { in: memberIds } }, { id: { not_equals: shift.id } }, { startsAt: { less_than: shift.endsAt } }, { endsAt: { greater_than: shift.startsAt } }] },
      pagination: false,
      depth: 0,
      req,
      overrideAccess: true,
    }),
  ])
  const current = await currentMemberIds(req.payload, members.docs as User[], req)
  const availabilityOf = new Map((availability.docs as Availability[]).map((a) => [idOf(a.member), a]))
  const on = assignedIds(shift)
  const moments = [new Date(shift.startsAt), new Date(shift.endsAt)]
  const candidates: Candidate[] = []
  for (const member of members.docs as User[]) {
    const held = certificates.filter((c) => idOf(c.member) === member.id)
    const problems = await certificateProblems(req, role, held, moments)
    if (!current.has(member.id)) problems.unshift('No active membership')
    const clash = on.includes(member.id) ? [] : (clashing.docs as Shift[]).filter((s) => assignedIds(s).includes(member.id))
    if (clash.length > 0) problems.push(`On an overlapping shift (${clash.map((s) => s.title).join(', ')})`)
    const recorded = availabilityOf.get(member.id)
    candidates.push({
      member: { id: member.id, name: displayName(member), email: member.email },
      eligible: problems.length === 0,
      problems,
      availability: availabilityFor(recorded, shift),
      interested: (recorded?.interestedRoles ?? []).some((r) => idOf(r) === role.id),
      onShift: on.includes(member.id),
    })
  }
  const rank = (c: Candidate) => (c.eligible ? 0 : 4) + ({ available: 0, unknown: 1, unavailable: 2 } as const)[c.availability.answer] - (c.interested ? 0.5 : 0)
  return candidates.sort((a, b) => rank(a) - rank(b) || a.member.name.localeCompare(b.member.name))
}

/** Upcoming shifts with places left that the member could sign up for now. */
export async function openShiftsFor(req: PayloadRequest, member: User, now = new Date()): Promise<Array<{ shift: Shift; role: VolunteerRole }>> {
  const { docs: assignments } = await req.payload.find({
    collection: 'volunteer-assignments',
    where: { and: [{ member: { equals: member.id } }, { status: { equals: 'active' } }] },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const roleIds = (assignments as VolunteerAssignment[]).map((a) => idOf(a.role) as number)
  if (roleIds.length === 0) return []
  const { docs } = await req.payload.find({
    collection: 'shifts',
    where: { and: [{ role: { in: roleIds } }, { startsAt: { greater_than: now.toISOString() } }, { openPlaces: { greater_than: 0 } }] },
    sort: 'startsAt',
    limit: 100,
    depth: 0,
    req,
    overrideAccess: true,
  })
  // membership and certificates are read once; each shift then costs its overlap check
  if (!(await memberAccess(req.payload, member, req)).isMember) return []
  const held = await certificatesOf(req, [member.id])
  const roles = new Map<number, VolunteerRole>()
  const open: Array<{ shift: Shift; role: VolunteerRole }> = []
  for (const shift of docs as Shift[]) {
    if (assignedIds(shift).includes(member.id)) continue
    const roleId = idOf(shift.role) as number
    if (!roles.has(roleId)) roles.set(roleId, await loadRole(req, roleId))
    const role = roles.get(roleId)!
    if ((await certificateProblems(req, role, held, [new Date(shift.startsAt), new Date(shift.endsAt)])).length > 0) continue
    if ((await overlappingShifts(req, member.id, shift)).length > 0) continue
    open.push({ shift, role })
  }
  return open
}
