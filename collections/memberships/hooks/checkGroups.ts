import type { CollectionBeforeChangeHook } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { GROUP_LIST_FIELD, checkGroupList, normaliseEmail } from '@/membership/groups'

type Entry = { id?: string | null; email?: unknown; addedAt?: string | null; addedBy?: unknown }

/**
 * Keeps seat holders, household members and the household link consistent however they are
 * written (the contact's endpoints or an admin's form): emails normalised, no duplicates, no
 * more than the tier allows, and a household link only to the first membership of a
 * household of the same tier.
 */
export const checkGroups: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const touchesLists = Object.values(GROUP_LIST_FIELD).some((field) => field in data)
  const householdId = idOf(data.household)
  if (!touchesLists && householdId === undefined) return data

  const merged = { ...(originalDoc ?? {}), ...data } as Membership
  const tier = (await req.payload.findByID({ collection: 'tiers', id: idOf(merged.tier)!, req, depth: 0, overrideAccess: true })) as Tier
  const owner = (await req.payload.findByID({ collection: 'users', id: idOf(merged.member)!, req, depth: 0, overrideAccess: true, disableErrors: true })) as User | null
  const next: Record<string, unknown> = { ...data }

  for (const field of Object.values(GROUP_LIST_FIELD)) {
    if (!(field in data)) continue
    const entries = ((data[field] as Entry[] | null) ?? []).filter((entry) => entry && String(entry.email ?? '').trim() !== '')
    const problem = checkGroupList(tier, entries.map((entry) => entry.email), owner?.email)
    if (problem) throw new RefusedError(problem, 400)
    next[field] = entries.map((entry) => ({
      ...entry,
      email: normaliseEmail(entry.email),
      addedAt: entry.addedAt ?? new Date().toISOString(),
      addedBy: idOf(entry.addedBy) ?? req.user?.id ?? null,
    }))
  }

  if (householdId !== undefined && householdId !== idOf(originalDoc?.household)) {
    const lead = (await req.payload.findByID({ collection: 'memberships', id: householdId, req, depth: 0, overrideAccess: true, disableErrors: true })) as Membership | null
    if (tier.kind !== 'household') throw new RefusedError(`A ${tier.name} membership cannot belong to a household; only household tiers can.`, 400)
    if (!lead || idOf(lead.tier) !== tier.id) {
      throw new RefusedError(`A household link must name the first membership of a ${tier.name} household.`, 400)
    }
    if (idOf(lead.household) !== undefined || lead.id === originalDoc?.id) {
      throw new RefusedError('Link to the household’s first membership, not to another member of it.', 400)
    }
    if (idOf(lead.member) === idOf(merged.member)) throw new RefusedError('A member cannot join their own household twice.', 400)
  }
  return next
}
