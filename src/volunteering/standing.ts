/**
 * Whether a member may hold a volunteer role, and on which days: a current membership, and a
 * verified certificate of every type the role requires, valid at the moments asked about. The
 * rules themselves are the pure functions of eligibility.ts; this module reads what they need.
 */
import type { PayloadRequest, Where } from 'payload'

import type { Certificate, CertificateType, User, VolunteerAssignment, VolunteerRole } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { formatDay } from '@/email/variables'
import { findOrRefuse } from '@/lib/findOrRefuse'
import { memberAccess } from '@/access/membership'

import type { CertificateFacts, MissingCertificate } from './eligibility'
import { certificateStatus, missingCertificates } from './eligibility'

const REASON_WORDS: Record<MissingCertificate['reason'], string> = {
  missing: 'is missing',
  expired: 'has expired',
  unverified: 'is not verified yet',
  not_yet_valid: 'is not valid yet',
}

export const displayName = (user: Pick<User, 'firstName' | 'lastName' | 'email'>) => `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim() || user.email

export const requiredTypeIds = (role: Pick<VolunteerRole, 'requiredCertificates'>) => (role.requiredCertificates ?? []).map((t) => idOf(t) as number)

export const loadRole = (req: PayloadRequest, id: unknown): Promise<VolunteerRole> => findOrRefuse(req, 'volunteer-roles', id, 'There is no such volunteer role.')

export const loadMember = (req: PayloadRequest, id: unknown): Promise<User> => findOrRefuse(req, 'users', id, 'There is no such member.')

/** Every certificate a member has on record, whatever its state. */
export async function certificatesOf(req: PayloadRequest, memberIds: Array<number | string>): Promise<Certificate[]> {
  if (memberIds.length === 0) return []
  const { docs } = await req.payload.find({
    collection: 'certificates',
    where: { member: { in: memberIds } },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
    select: { member: true, type: true, issuedOn: true, expiresOn: true, verified: true },
  })
  return docs as Certificate[]
}

export const factsOf = (certificate: Certificate): CertificateFacts => ({
  type: idOf(certificate.type)!,
  issuedOn: certificate.issuedOn,
  expiresOn: certificate.expiresOn,
  verified: certificate.verified,
})

async function typeNames(req: PayloadRequest, ids: Array<number | string>): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const { docs } = await req.payload.find({ collection: 'certificate-types', where: { id: { in: ids } }, pagination: false, depth: 0, req, overrideAccess: true })
  return new Map((docs as CertificateType[]).map((t) => [String(t.id), t.name]))
}

/** What stops `held` from covering the role at every one of `moments`, in words ("Fire training certificate has expired"). */
export async function certificateProblems(req: PayloadRequest, role: VolunteerRole, held: Certificate[], moments: Date[]): Promise<string[]> {
  const required = requiredTypeIds(role)
  const facts = held.map(factsOf)
  const byType = new Map<string, MissingCertificate>()
  for (const moment of moments) {
    for (const missing of missingCertificates(required, facts, moment)) if (!byType.has(String(missing.type))) byType.set(String(missing.type), missing)
  }
  if (byType.size === 0) return []
  const names = await typeNames(req, [...byType.keys()])
  return [...byType.values()].map((m) => `${names.get(String(m.type)) ?? 'A required'} certificate ${REASON_WORDS[m.reason]}`)
}

/**
 * Until when the member's certificates cover the role, from `now`: for each required type the
 * latest expiry among certificates valid now, and the earliest of those across types. Null when
 * nothing expires (or nothing is required); `now` itself when something is already missing.
 */
export function coveredUntil(role: VolunteerRole, held: Certificate[], now: Date): Date | null {
  let until: Date | null = null
  for (const type of requiredTypeIds(role)) {
    const valid = held.filter((c) => idOf(c.type) === type && certificateStatus(factsOf(c), now) === 'valid')
    if (valid.length === 0) return now
    if (valid.some((c) => !c.expiresOn)) continue
    const latest = new Date(Math.max(...valid.map((c) => new Date(c.expiresOn!).getTime())))
    if (!until || latest < until) until = latest
  }
  return until
}

/** Why a member may not take the role at these moments; empty when they may. */
export async function roleProblems(
  req: PayloadRequest,
  args: { member: User; role: VolunteerRole; moments: Date[]; needsAssignment?: boolean; held?: Certificate[] },
): Promise<string[]> {
  const { member, role, moments } = args
  const problems: string[] = []
  if (!(await memberAccess(req.payload, member, req)).isMember) problems.push(`${displayName(member)} has no active membership`)
  if (args.needsAssignment) {
    const where: Where = { and: [{ member: { equals: member.id } }, { role: { equals: role.id } }, { status: { equals: 'active' } }] }
    if ((await req.payload.count({ collection: 'volunteer-assignments', where, req, overrideAccess: true })).totalDocs === 0) {
      problems.push(`${displayName(member)} is not assigned to the ${role.name} role`)
    }
  }
  problems.push(...(await certificateProblems(req, role, args.held ?? (await certificatesOf(req, [member.id])), moments)))
  return problems
}

export type Standing = Pick<VolunteerAssignment, 'certificatesValidUntil' | 'certificateIssue'>

/** How the member's certificates (`held`) cover the role now, as an assignment stores it. */
export async function standingOf(req: PayloadRequest, role: VolunteerRole, held: Certificate[], now = new Date()): Promise<Standing> {
  const problems = await certificateProblems(req, role, held, [now])
  const until = coveredUntil(role, held, now)
  return { certificatesValidUntil: until ? until.toISOString() : null, certificateIssue: problems.length ? problems.join('; ') : null }
}

async function refresh(req: PayloadRequest, assignments: VolunteerAssignment[]) {
  const roles = new Map<number, VolunteerRole>()
  const certificates = await certificatesOf(req, [...new Set(assignments.map((a) => idOf(a.member)!))])
  for (const assignment of assignments) {
    const roleId = idOf(assignment.role) as number
    if (!roles.has(roleId)) roles.set(roleId, await loadRole(req, roleId))
    const held = certificates.filter((c) => idOf(c.member) === idOf(assignment.member))
    const standing = await standingOf(req, roles.get(roleId)!, held)
    if (standing.certificatesValidUntil === (assignment.certificatesValidUntil ?? null) && standing.certificateIssue === (assignment.certificateIssue ?? null)) continue
    await req.payload.update({ collection: 'volunteer-assignments', id: assignment.id, data: standing, req, overrideAccess: true, depth: 0, context: { standingOnly: true } })
  }
}

const assignmentsWhere = async (req: PayloadRequest, where: Where) =>
  (await req.payload.find({ collection: 'volunteer-assignments', where, pagination: false, depth: 0, req, overrideAccess: true })).docs as VolunteerAssignment[]

/** After a member's certificates change: their assignments' flags follow. */
export async function refreshStandingForMember(req: PayloadRequest, memberId: number) {
  await refresh(req, await assignmentsWhere(req, { member: { equals: memberId } }))
}

/** After a role's requirements change. */
export async function refreshStandingForRole(req: PayloadRequest, roleId: number) {
  await refresh(req, await assignmentsWhere(req, { role: { equals: roleId } }))
}

/** How an assignment stands today, for the admin list: fine, expiring within 30 days, or not covered. */
export function standingFlag(assignment: Standing & { status?: string | null }, now = new Date()): string {
  if (assignment.status === 'ended') return 'Ended'
  if (assignment.certificateIssue) return `Not covered: ${assignment.certificateIssue}`
  if (!assignment.certificatesValidUntil) return 'OK'
  const until = new Date(assignment.certificatesValidUntil)
  if (until <= now) return `Certificate expired on ${formatDay(until)}`
  if (until.getTime() - now.getTime() <= 30 * 86_400_000) return `Certificate expires on ${formatDay(until)}`
  return 'OK'
}
