import type { CollectionBeforeChangeHook } from 'payload'

import type { VolunteerAssignment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { certificatesOf, displayName, loadMember, loadRole, roleProblems, standingOf } from '@/volunteering/standing'

/**
 * A member takes a role only with a current membership and valid certificates of every type it
 * requires (SPEC §7); each refusal says why. Whatever changes, the assignment's certificate
 * standing (covered until, or what is missing) is recomputed for the admin list's flag.
 */
export const checkAssignment: CollectionBeforeChangeHook<VolunteerAssignment> = async ({ data, operation, originalDoc, req }) => {
  if (req.context.standingOnly) return data
  const memberId = idOf(data.member ?? originalDoc?.member)
  const roleId = idOf(data.role ?? originalDoc?.role)
  if (memberId === undefined) throw new RefusedError('Choose the member to assign.', 400)
  if (roleId === undefined) throw new RefusedError('Choose the role.', 400)
  const member = await loadMember(req, memberId)
  const role = await loadRole(req, roleId)
  const status = data.status ?? originalDoc?.status ?? 'active'
  const next: Partial<VolunteerAssignment> = { ...data, member: member.id, role: role.id, status }

  const changesWho = operation === 'create' || memberId !== idOf(originalDoc?.member) || roleId !== idOf(originalDoc?.role)
  const becomesActive = status === 'active' && (changesWho || originalDoc?.status !== 'active')
  if (changesWho) {
    const existing = await req.payload.find({
      collection: 'volunteer-assignments',
      where: { and: [{ member: { equals: member.id } }, { role: { equals: role.id } }, ...(operation === 'update' && originalDoc?.id !== undefined ? [{ id: { not_equals: originalDoc.id } }] : [])] },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    if (existing.docs.length > 0) throw new RefusedError(`${displayName(member)} already has the ${role.name} role${existing.docs[0]!.status === 'ended' ? ' (ended): reopen that assignment instead' : ''}.`, 409)
  }
  const held = await certificatesOf(req, [member.id])
  if (becomesActive) {
    const problems = await roleProblems(req, { member, role, moments: [new Date()], held })
    if (problems.length > 0) throw new RefusedError(`${displayName(member)} cannot take the ${role.name} role: ${problems.join('; ')}.`, 422, { problems })
    next.assignedBy = (req.user?.id as number | undefined) ?? originalDoc?.assignedBy ?? null
    next.assignedAt = new Date().toISOString()
  }
  return { ...next, ...(await standingOf(req, role, held)) }
}
