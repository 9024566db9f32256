/**
 * What the volunteering pages show: the coordinators' volunteer list (roles, certificate
 * standing, hours) and a member's own page (roles, certificates, shifts, availability, hours).
 */
import type { PayloadRequest } from 'payload'

import type { Availability, Certificate, CertificateType, Shift, User, VolunteerAssignment, VolunteerRole } from '@payload-types'

import { idOf } from '@/access/collectionAccess'

import { certificateStatus } from './eligibility'
import { volunteerHours } from './hours'
import { openShiftsFor } from './roster'
import { displayName, factsOf, standingFlag } from './standing'

export type VolunteerRow = {
  member: { id: number; name: string; email: string }
  roles: Array<{ assignment: number; name: string; flag: string }>
  certificates: 'ok' | 'attention'
  hours: number
  shifts: number
}

/** Everyone with an active role, by name, with each role's certificate flag and their hours. */
export async function volunteerList(req: PayloadRequest, now = new Date()): Promise<VolunteerRow[]> {
  const { docs } = await req.payload.find({ collection: 'volunteer-assignments', where: { status: { equals: 'active' } }, pagination: false, depth: 1, req, overrideAccess: true })
  const rows = new Map<number, VolunteerRow>()
  for (const assignment of docs as VolunteerAssignment[]) {
    const member = assignment.member as User
    const role = assignment.role as VolunteerRole
    if (typeof member !== 'object' || typeof role !== 'object') continue
    const row = rows.get(member.id) ?? { member: { id: member.id, name: displayName(member), email: member.email }, roles: [], certificates: 'ok', hours: 0, shifts: 0 }
    const flag = standingFlag(assignment, now)
    row.roles.push({ assignment: assignment.id, name: role.name, flag })
    if (flag !== 'OK') row.certificates = 'attention'
    rows.set(member.id, row)
  }
  const hours = await volunteerHours(req.payload, [...rows.keys()])
  for (const row of rows.values()) Object.assign(row, hours.get(row.member.id) ?? { hours: 0, shifts: 0 })
  return [...rows.values()].sort((a, b) => a.member.name.localeCompare(b.member.name))
}

export type MyVolunteering = {
  roles: Array<{ id: number; name: string; description: string | null; status: string; flag: string }>
  certificates: Array<{ id: number; type: string; issuedOn: string; expiresOn: string | null; status: string; reference: string | null; url: string | null }>
  upcoming: Array<{ id: number; title: string; role: string; startsAt: string; endsAt: string; location: string | null }>
  past: Array<{ id: number; title: string; startsAt: string; attended: boolean; hours: number }>
  open: Array<{ id: number; title: string; role: string; startsAt: string; endsAt: string; location: string | null; openPlaces: number }>
  availability: Availability | null
  hours: number
  roleChoices: Array<{ id: number; name: string }>
  certificateTypes: Array<{ id: number; name: string; validityMonths: number | null }>
}

const STATUS_WORDS = { valid: 'Valid', unverified: 'Awaiting verification', expired: 'Expired', not_yet_valid: 'Not valid yet' } as const

export async function myVolunteering(req: PayloadRequest, user: User, now = new Date()): Promise<MyVolunteering> {
  const find = <T>(args: Parameters<typeof req.payload.find>[0]) => req.payload.find({ ...args, req, overrideAccess: true, pagination: false } as never).then((r) => r.docs as T[])
  const [assignments, certificates, shifts, availability, roles, types] = await Promise.all([
    find<VolunteerAssignment>({ collection: 'volunteer-assignments', where: { member: { equals: user.id } }, depth: 1 }),
    find<Certificate>({ collection: 'certificates', where: { member: { equals: user.id } }, depth: 1, sort: '-issuedOn' }),
    find<Shift>({ collection: 'shifts', where: { 'assigned.member': { equals: user.id } }, depth: 1, sort: 'startsAt' }),
    find<Availability>({ collection: 'availability', where: { member: { equals: user.id } }, depth: 0 }),
    find<VolunteerRole>({ collection: 'volunteer-roles', depth: 0, sort: 'name' }),
    find<CertificateType>({ collection: 'certificate-types', depth: 0, sort: 'name' }),
  ])
  const mine = (shift: Shift) => (shift.assigned ?? []).find((row) => idOf(row.member) === user.id)
  const roleName = (shift: Shift) => (typeof shift.role === 'object' ? shift.role.name : '')
  const past = shifts.filter((s) => new Date(s.startsAt) <= now)
  const open = await openShiftsFor(req, user, now)
  return {
    roles: assignments.map((a) => {
      const role = a.role as VolunteerRole
      return { id: role.id, name: role.name, description: role.description ?? null, status: a.status, flag: standingFlag(a, now) }
    }).sort((a, b) => a.name.localeCompare(b.name)),
    certificates: certificates.map((c) => ({
      id: c.id,
      type: typeof c.type === 'object' ? c.type.name : '',
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn ?? null,
      status: STATUS_WORDS[certificateStatus(factsOf(c), now)],
      reference: c.reference ?? null,
      url: c.url ?? null,
    })),
    upcoming: shifts
      .filter((s) => new Date(s.startsAt) > now)
      .map((s) => ({ id: s.id, title: s.title ?? '', role: roleName(s), startsAt: s.startsAt, endsAt: s.endsAt, location: s.location ?? null })),
    past: past.map((s) => ({ id: s.id, title: s.title ?? '', startsAt: s.startsAt, attended: Boolean(mine(s)?.attended), hours: mine(s)?.attended ? (mine(s)?.hours ?? 0) : 0 })),
    open: open.map(({ shift, role }) => ({ id: shift.id, title: shift.title ?? '', role: role.name, startsAt: shift.startsAt, endsAt: shift.endsAt, location: shift.location ?? null, openPlaces: shift.openPlaces ?? 0 })),
    availability: availability[0] ?? null,
    hours: past.reduce((sum, s) => sum + (mine(s)?.attended ? (mine(s)?.hours ?? 0) : 0), 0),
    roleChoices: roles.map((r) => ({ id: r.id, name: r.name })),
    certificateTypes: types.map((t) => ({ id: t.id, name: t.name, validityMonths: t.validityMonths ?? null })),
  }
}
