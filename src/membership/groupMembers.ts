/**
 * Seat holders and households in the database: adding and removing people, the price a
 * household member pays, who gets member access through an organisation. The rules are in
 * groups.ts and pricing.ts; this is the glue that reads and writes memberships.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { Membership, Setting, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, siteUrl } from '@/email/queue'
import { membershipVariables } from '@/email/variables'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { and, desc, eq, inArray, tableOf, transactionDb } from '@/lib/db'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'

import { ACCESS_STATUSES, GROUP_EDITABLE_STATUSES, GROUP_LIST_FIELD, checkGroupAddition, isGroupKind, normaliseEmail } from './groups'
import type { GroupKind } from './groups'
import type { MembershipStatus } from './lifecycle'
import { OPEN_STATUSES } from './lifecycle'
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

/** The household discount is for the second and later members of a household whose first membership is paid up. */
const leadIsPaidUp = (lead: Pick<Membership, 'status'> | null | undefined): boolean => Boolean(lead && ACCESS_STATUSES.includes(lead.status as MembershipStatus))

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
    joinsHousehold = leadIsPaidUp(lead)
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

/**
 * The prices of several memberships (a member's portal), as `membershipPrice` works each out,
 * given their tiers and the settings already read: one query for all their households' first
 * memberships, none when no household is involved.
 */
export async function membershipPrices(
  req: PayloadRequest,
  memberships: Array<{ tier: Pick<Tier, 'fee' | 'currency' | 'kind'>; household?: Membership['household'] }>,
  settings: Pick<Setting, 'householdDiscountPercent'>,
): Promise<Array<MembershipPrice<Tier['currency']>>> {
  const leadIds = [...new Set(memberships.filter((m) => m.tier.kind === 'household').map((m) => idOf(m.household)).filter((id) => id !== undefined))]
  const leads =
    leadIds.length === 0
      ? []
      : ((
          await req.payload.find({
            collection: 'memberships',
            where: { id: { in: leadIds } },
            select: { status: true },
            depth: 0,
            pagination: false,
            req,
            overrideAccess: true,
          })
        ).docs as Array<Pick<Membership, 'id' | 'status'>>)
  const paidUp = new Set(leads.filter(leadIsPaidUp).map((lead) => lead.id))
  return memberships.map((m) => {
    const leadId = idOf(m.household)
    return priceFor(m.tier, {
      joinsHousehold: m.tier.kind === 'household' && leadId !== undefined && paidUp.has(leadId as number),
      discountPercent: settings.householdDiscountPercent,
    })
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

/**
 * Households that list this person and are open (SPEC §3): the first membership of each, its
 * tier and its contact's name, newest first. One statement by the household members' email
 * index; Payload's find would ask twice (the ids across the array join, then the documents).
 */
export async function householdInvitations(
  req: PayloadRequest,
  user: Pick<User, 'email'>,
): Promise<Array<{ membership: number; tier: number; contact: string }>> {
  const email = normaliseEmail(user.email)
  if (!email) return []
  const listed = tableOf(req.payload, 'memberships_household_members')
  const memberships = tableOf(req.payload, 'memberships')
  const users = tableOf(req.payload, 'users')
  const db = await transactionDb(req)
  const rows = (await db
    .select({ membership: memberships.id, tier: memberships.tier, firstName: users.firstName, lastName: users.lastName, createdAt: memberships.createdAt })
    .from(listed)
    .innerJoin(memberships, eq(memberships.id, listed._parentID))
    .leftJoin(users, eq(users.id, memberships.member))
    .where(and(eq(listed.email, email), inArray(memberships.status, [...OPEN_STATUSES])))
    .orderBy(desc(memberships.createdAt))
    .limit(10)) as Array<{ membership: number; tier: number; firstName: string | null; lastName: string | null }>
  return rows.map((row) => ({ membership: row.membership, tier: row.tier, contact: `${row.firstName ?? ''} ${row.lastName ?? ''}`.trim() }))
}

// Who is a member right now is a rule of access: src/access/membership.ts. Re-exported for the
// callers that found it here.
export { currentMemberIds, memberAccess } from '@/access/membership'
export type { MemberAccess } from '@/access/membership'

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
