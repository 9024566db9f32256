import type { CollectionBeforeChangeHook } from 'payload'

import type { Shift } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { loadMember, loadRole } from '@/volunteering/standing'
import { shiftLabel, shiftProblems } from '@/volunteering/roster'

/**
 * A shift ends after it starts, needs at least one person, and never needs fewer than are on
 * it. Moving it, or giving it another role, must leave everyone on it eligible and on no other
 * shift at the same time; otherwise the change is refused with who and why.
 */
export const prepareShift: CollectionBeforeChangeHook<Shift> = async ({ data, operation, originalDoc, req }) => {
  const startsAt = data.startsAt ?? originalDoc?.startsAt
  const endsAt = data.endsAt ?? originalDoc?.endsAt
  if (!startsAt || !endsAt || Number.isNaN(new Date(startsAt).getTime()) || Number.isNaN(new Date(endsAt).getTime())) {
    throw new RefusedError('A shift needs a start and an end.', 400)
  }
  if (new Date(endsAt).getTime() <= new Date(startsAt).getTime()) throw new RefusedError('The shift must end after it starts.', 400)
  const needed = data.peopleNeeded ?? originalDoc?.peopleNeeded ?? 1
  const assigned = data.assigned ?? originalDoc?.assigned ?? []
  if (!Number.isInteger(needed) || needed < 1) throw new RefusedError('People needed: a whole number, 1 or more.', 400)
  if (!req.context.roster && needed < assigned.length) {
    throw new RefusedError(`${assigned.length} people are already on this shift; take some off before needing fewer.`, 409)
  }
  const roleId = data.role ?? originalDoc?.role
  if (roleId === undefined || roleId === null) throw new RefusedError('Choose the role this shift is for.', 400)
  const role = await loadRole(req, roleId)

  const moved =
    operation === 'update' &&
    (new Date(startsAt).getTime() !== new Date(originalDoc!.startsAt).getTime() ||
      new Date(endsAt).getTime() !== new Date(originalDoc!.endsAt).getTime() ||
      idOf(roleId) !== idOf(originalDoc!.role))
  // a shift already under way or over is only being corrected (its times, for the hours)
  const upcoming = new Date(startsAt).getTime() > Date.now()
  if (moved && upcoming && !req.context.roster && assigned.length > 0) {
    const proposed = { ...originalDoc!, ...data, startsAt, endsAt, role: role.id } as Shift
    const problems: string[] = []
    for (const row of assigned) problems.push(...(await shiftProblems(req, proposed, await loadMember(req, row.member))))
    if (problems.length > 0) throw new RefusedError(`The people on this shift could not all stay on it: ${problems.join('; ')}. Take them off first, or choose another time.`, 409, { problems })
  }
  return { ...data, title: shiftLabel({ startsAt }, role), openPlaces: Math.max(0, needed - assigned.length) }
}
