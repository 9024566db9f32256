import type { CollectionBeforeValidateHook } from 'payload'

import type { Tier } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { refuseUnverified } from '@/access/emailVerified'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { householdListing } from '@/membership/groupMembers'
import { initialStatus } from '@/membership/lifecycle'
import { historyEntry, openKeyFor } from '@/membership/transitions'

/**
 * A new membership is an application: it belongs to the person applying (unless someone who
 * manages memberships makes it for a member), starts where the state machine says, and is
 * refused for a tier that takes no applications or that the member already holds. An
 * organisation membership names its organisation; a member whose email the first member of a
 * household listed joins that household.
 */
export const prepareApplication: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const actor = req.user as Actor
  const managesMemberships = !actor || reachesAll('memberships', actor, 'create')

  const member = managesMemberships ? (idOf(data.member) ?? actor?.id) : actor!.id
  if (member === undefined) throw new RefusedError('Say whose membership this is (member).', 400)
  // someone applying for themself confirms their email address first; staff applying for a member do not wait for it
  if (actor && member === actor.id) refuseUnverified(req.user)
  const tierId = idOf(data.tier)
  if (tierId === undefined) throw new RefusedError('Choose a tier (tier).', 400)

  const tier = (await req.payload
    .findByID({ collection: 'tiers', id: tierId, req, depth: 0, overrideAccess: true, disableErrors: true })
    .catch(() => null)) as Tier | null
  if (!tier) throw new RefusedError(`There is no tier ${tierId}.`, 400)
  if (!tier.active || (!managesMemberships && !tier.public)) {
    throw new RefusedError(`The ${tier.name} tier is not open for applications.`, 400)
  }

  const status = initialStatus(tier)
  const openKey = openKeyFor(status, member, tier.id)
  const existing = await req.payload.count({ collection: 'memberships', where: { openKey: { equals: openKey } }, req, overrideAccess: true })
  if (existing.totalDocs > 0) {
    throw new RefusedError(`This member already has an open ${tier.name} membership.`, 409)
  }

  // Someone the first member of a household has listed joins that household (and its discount).
  let household = managesMemberships ? idOf(data.household) : undefined
  if (household === undefined && tier.kind === 'household') {
    const person = await req.payload.findByID({ collection: 'users', id: member, req, depth: 0, overrideAccess: true, disableErrors: true })
    if (person) household = (await householdListing(req.payload, person, tier.id, req))?.id
  }
  const organisationName = typeof data.organisationName === 'string' ? data.organisationName.trim() : ''
  if (tier.kind === 'organisation' && !organisationName) {
    throw new RefusedError(`Name the organisation the ${tier.name} membership is for (organisationName).`, 400)
  }

  return {
    ...data,
    member,
    tier: tier.id,
    household: household ?? null,
    organisationName: tier.kind === 'organisation' ? organisationName : null,
    status,
    openKey,
    history: [historyEntry({ from: null, to: status, cause: managesMemberships && actor?.id !== member ? 'admin' : 'member', actor: actor?.id })],
  }
}
