import type { CollectionBeforeChangeHook } from 'payload'

import type { Shift } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { loadRole } from '@/volunteering/standing'
import { shiftLabel } from '@/volunteering/roster'

/** A shift ends after it starts, needs at least one person, and never needs fewer than are on it. */
export const prepareShift: CollectionBeforeChangeHook<Shift> = async ({ data, originalDoc, req }) => {
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
  return { ...data, title: shiftLabel({ startsAt }, role), openPlaces: Math.max(0, needed - assigned.length) }
}
