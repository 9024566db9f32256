/**
 * Seat holders and households in the database: adding and removing people, the price a
 * household member pays, who gets member access through an organisation. The rules are in
 * groups.ts and pricing.ts; this is the glue that reads and writes memberships.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, siteUrl } from '@/email/queue'
import { membershipVariables } from '@/email/variables'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'

import { ACCESS_STATUSES, GROUP_EDITABLE_STATUSES, GROUP_LIST_FIELD, checkGroupAddition, isGroupKind, normaliseEmail } from './groups'
import type { GroupKind } from './groups'
import type { MembershipStatus } from './lifecycle'
import type { MembershipPrice } from './pricing'
import { priceFor } from './pricing'

type GroupEntry = {
  email: string
  addedAt?: string | null
  addedBy?: number | User | null
}

const listOf = (membership: Membership, kind: GroupKind): GroupEntry[] =>
  ((membership as unknown as Record<string, GroupEntry[] | null | undefined>)[GROUP_LIST_FIELD[kind]] ?? []).map((entry) => ({
    email: entry.email,
    addedAt: entry.addedAt ?? null,
    addedBy: idOf(entry.addedBy) as number | null,
  }))

async function loadTier(payload: Payload, tier: Membership['tier'], req?: PayloadRequest): Promise<Tier> {
  if (typeof tier === 'object') return tier
  return (await payload.findByID({
    collection: 'tiers',
    id: tier,
    req,
    depth: 0,
    overrideAccess: true,
  })) as Tier
}

/** The price of the membership's next period, with the household discount when it applies. */
export async function membershipPrice(
  payload: Payload,
  membership: Pick<Membership, 'tier' | 'household'>,
  req?: PayloadRequest,
): Promise<MembershipPrice<Tier['currency']>> {
  const tier = await loadTier(payload, membership.tier, req)
  let joinsHousehold = false
  const leadId = idOf(membership.household)
  if (tier.kind === 'household' && leadId !== undefined) {
    const lead = (await payload.findByID({
      collection: 'memberships',
      id: leadId,
      req,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })) as Membership | null
    // The discount is for the second and later members of a household whose first membership is paid up.
    joinsHousehold = Boolean(lead && ACCESS_STATUSES.includes(lead.status as MembershipStatus))
  }
  const settings = await payload.findGlobal({
    slug: 'settings',
    req,
    depth: 0,
    overrideAccess: true,
  })
  return priceFor(tier, {
    joinsHousehold,
    discountPercent: settings.householdDiscountPercent,
  })
}

/** The membership's member, or someone who manages every membership (admin, secretary). */
function mayManageGroup(actor: Actor, membership: Membership): boolean {
  if (!actor) return false
  return idOf(membership.member) === actor.id || reachesAll('memberships', actor, 'update')
}

const lockedMembership = (req: PayloadRequest, id: number | string): Promise<Membership> => findLocked(req, 'memberships', id, `There is no membership ${id}.`)

/**
 * Adds a seat holder (organisation) or a household member (household) by email, for the
 * membership's contact or an admin, and queues an email to the person with the change. The row lock makes
 * two additions racing for the last seat wait for each other, so the second finds it taken.
 */
export async function addToGroup(
  payload: Payload,
  user: User | null | undefined,
  args: { membership: number | string; email: unknown; kind: GroupKind },
): Promise<{ membership: Membership; email: string }> {
  if (!user) throw new RefusedError('Sign in to change who is on a membership.', 401)
  const result = await inTransaction(await systemRequest(payload, user), async (req) => {
      const membership = await lockedMembership(req, args.membership)
      if (!mayManageGroup(user, membership)) throw new RefusedError('Only the membership’s contact or an admin can change who is on it.', 403)
      const tier = await loadTier(payload, membership.tier, req)
      if (isGroupKind(tier.kind) && tier.kind !== args.kind) {
        throw new RefusedError(args.kind === 'organisation' ? 'Only organisation memberships have seats.' : 'Only household memberships have a household.', 409)
      }
      const owner = (await payload.findByID({
        collection: 'users',
        id: idOf(membership.member)!,
        req,
        depth: 0,
        overrideAccess: true,
      })) as User
      const listed = listOf(membership, args.kind)
      const check = checkGroupAddition({
        tier,
        status: membership.status as MembershipStatus,
        listed: listed.map((e) => e.email),
        ownerEmail: owner.email,
        email: args.email,
      })
      if (!check.ok) throw new RefusedError(check.message, check.status)

      const entry = {
        email: check.email,
        addedAt: new Date().toISOString(),
        addedBy: user.id,
      }
      const updated = (await payload.update({
        collection: 'memberships',
        id: membership.id,
        data: { [GROUP_LIST_FIELD[args.kind]]: [...listed, entry] },
        req,
        overrideAccess: true,
        depth: 0,
      })) as Membership
      await tellAddedPerson(req, { email: check.email, owner, tier, membership: updated, kind: args.kind })
      return { membership: updated, email: check.email }
  })
  return result
}

/**
 * Takes a person off a group. A household member's own membership stays theirs but leaves the
 * household, so its next renewal is at the full price.
 */
export async function removeFromGroup(
  payload: Payload,
  user: User | null | undefined,
  args: { membership: number | string; email: unknown; kind: GroupKind },
): Promise<Membership> {
  if (!user) throw new RefusedError('Sign in to change who is on a membership.', 401)
  return inTransaction(await systemRequest(payload, user), async (req) => {
      const membership = await lockedMembership(req, args.membership)
      if (!mayManageGroup(user, membership)) throw new RefusedError('Only the membership’s contact or an admin can change who is on it.', 403)
      const tier = await loadTier(payload, membership.tier, req)
      if (tier.kind !== args.kind) {
        throw new RefusedError(args.kind === 'organisation' ? 'Only organisation memberships have seats.' : 'Only household memberships have a household.', 409)
      }
      const email = normaliseEmail(args.email)
      if (!email) throw new RefusedError('Give the person’s email address (email).', 400)
      const listed = listOf(membership, args.kind)
      if (!listed.some((entry) => entry.email === email)) throw new RefusedError(`${email} is not listed on this membership.`, 404)

      const updated = (await payload.update({
        collection: 'memberships',
        id: membership.id,
        data: {
          [GROUP_LIST_FIELD[args.kind]]: listed.filter((entry) => entry.email !== email),
        },
        req,
        overrideAccess: true,
        depth: 0,
      })) as Membership
      if (args.kind === 'household') await leaveHousehold(req, membership.id, email)
      return updated
  })
}

async function leaveHousehold(req: PayloadRequest, leadId: number | string, email: string) {
  const person = (
    await req.payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
  ).docs[0]
  if (!person) return
  const joined = await req.payload.find({
    collection: 'memberships',
    where: {
      and: [{ household: { equals: leadId } }, { member: { equals: person.id } }],
    },
    depth: 0,
    req,
    overrideAccess: true,
  })
  for (const doc of joined.docs) {
    await req.payload.update({
      collection: 'memberships',
      id: doc.id,
      data: { household: null },
      req,
      overrideAccess: true,
      depth: 0,
    })
  }
}

/**
 * The household a member was added to for this tier, if any: the first membership of that
 * household, which lists their email and is not rejected or cancelled.
 */
export async function householdListing(
  payload: Payload,
  user: Pick<User, 'id' | 'email'>,
  tierId: number | string,
  req?: PayloadRequest,
): Promise<Membership | null> {
  const email = normaliseEmail(user.email)
  if (!email) return null
  const { docs } = await payload.find({
    collection: 'memberships',
    where: {
      and: [
        { tier: { equals: tierId } },
        { 'householdMembers.email': { equals: email } },
        { status: { in: [...GROUP_EDITABLE_STATUSES] } },
        { member: { not_equals: user.id } },
      ],
    },
    sort: 'createdAt',
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  return (docs[0] as Membership | undefined) ?? null
}

export type MemberAccess = {
  /** Whether the person counts as a member now (SPEC §2's member audience). */
  isMember: boolean
  /** Tiers whose members-only content they may see. */
  tiers: Array<number | string>
  /** Where each grant comes from: their own membership, or a seat on an organisation's. */
  grants: Array<{
    membership: number | string
    tier: number | string
    via: 'own' | 'seat'
    periodEnd: string | null
    organisationName: string | null
  }>
}

/** Who is a member right now: their own active (or grace) memberships, and organisation seats. */
export async function memberAccess(payload: Payload, user: Pick<User, 'id' | 'email'> | null | undefined, req?: PayloadRequest): Promise<MemberAccess> {
  if (!user) return { isMember: false, tiers: [], grants: [] }
  const email = normaliseEmail(user.email)
  const held = { status: { in: [...ACCESS_STATUSES] } }
  const { docs } = await payload.find({
    collection: 'memberships',
    where: {
      and: [
        held,
        {
          or: [{ member: { equals: user.id } }, ...(email ? [{ 'seatHolders.email': { equals: email } }] : [])],
        },
      ],
    },
    depth: 0,
    limit: 100,
    pagination: false,
    req,
    overrideAccess: true,
  })
  const grants = (docs as Membership[]).map((m) => ({
    membership: m.id,
    tier: idOf(m.tier)!,
    via: idOf(m.member) === user.id ? ('own' as const) : ('seat' as const),
    periodEnd: m.periodEnd ?? null,
    organisationName: m.organisationName ?? null,
  }))
  return {
    isMember: grants.length > 0,
    tiers: [...new Set(grants.map((g) => g.tier))],
    grants,
  }
}

/** Of these people, the ids of those who count as members right now (as memberAccess decides), in one query. */
export async function currentMemberIds(payload: Payload, users: Array<Pick<User, 'id' | 'email'>>, req?: PayloadRequest): Promise<Set<number | string>> {
  if (users.length === 0) return new Set()
  const emails = users.map((u) => normaliseEmail(u.email)).filter(Boolean)
  const { docs } = await payload.find({
    collection: 'memberships',
    where: {
      and: [
        { status: { in: [...ACCESS_STATUSES] } },
        { or: [{ member: { in: users.map((u) => u.id) } }, ...(emails.length ? [{ 'seatHolders.email': { in: emails } }] : [])] },
      ],
    },
    depth: 0,
    pagination: false,
    req,
    overrideAccess: true,
    select: { member: true, seatHolders: true },
  })
  const owners = new Set((docs as Membership[]).map((m) => idOf(m.member)))
  const seats = new Set((docs as Membership[]).flatMap((m) => (m.seatHolders ?? []).map((s) => normaliseEmail(s.email))))
  return new Set(users.filter((u) => owners.has(u.id) || seats.has(normaliseEmail(u.email))).map((u) => u.id))
}

/** The person added hears who added them, to what, and how to sign in or join. */
async function tellAddedPerson(req: PayloadRequest, args: { email: string; owner: User; tier: Tier; membership: Membership; kind: GroupKind }) {
  const { email, owner, tier, membership, kind } = args
  await queueEmail(req, {
    template: kind === 'organisation' ? 'seat-added' : 'household-added',
    to: email,
    related: { relationTo: 'memberships', value: membership.id },
    variables: {
      contact: { name: `${owner.firstName} ${owner.lastName}`.trim() },
      membership: membershipVariables(membership, tier),
      links: { join: `${siteUrl()}/join/${tier.id}` },
    },
  })
}
