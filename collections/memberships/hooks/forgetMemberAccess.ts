import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Membership } from '@payload-types'

import { membershipsChanged } from '@/access/membership'

/**
 * Who is a member is kept for the rest of a request (src/access/membership.ts); a membership
 * written (a payment activating it, a seat added or taken away, a lapse) makes what was kept stale,
 * in this request and any other, so the next question reads the database again.
 */
export const forgetMemberAccess: CollectionAfterChangeHook<Membership> = ({ doc }) => {
  membershipsChanged()
  return doc
}

export const forgetMemberAccessOnDelete: CollectionAfterDeleteHook<Membership> = ({ doc }) => {
  membershipsChanged()
  return doc
}
