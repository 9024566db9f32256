/**
 * What the account page shows, read for the signed-in member with the page's one request (so
 * who is a member is worked out once, src/access/membership.ts) and in as few statements as the
 * page allows: one each for their memberships, the tiers, their payments, their access, the
 * households that list them, the coming events (two: their audience filter joins the tiers) and
 * their replies to those, all at once where they do not depend on each other. Nothing is read
 * per membership or per event, and no list is counted (the page shows no totals).
 */
import type { PayloadRequest } from 'payload'

import type { Event, Membership, Payment, Rsvp, Setting, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { memberAccess } from '@/access/membership'
import type { MembershipCard } from '@/cards/cards'
import { cardsFromAccess } from '@/cards/cards'
import { householdInvitations, membershipPrices } from '@/membership/groupMembers'
import type { MembershipStatus } from '@/membership/lifecycle'
import { OPEN_STATUSES } from '@/membership/lifecycle'
import type { MembershipPrice } from '@/membership/pricing'
import { enabledProviders } from '@/payments/provider'

export type PortalMembership = { membership: Membership; tier: Tier | null; price: MembershipPrice }

export type PortalData = {
  memberships: PortalMembership[]
  seats: Array<{ id: number | string; tierName: string; organisation: string; periodEnd: string | null }>
  invitations: Array<{ id: number; tierId: number; tierName: string; contact: string }>
  payments: Payment[]
  providers: Array<{ id: string; label: string }>
  upcoming: Event[]
  replies: Map<number, Rsvp['status']>
  /** A card for each membership that makes them a member now (own or seat), active or in grace. */
  cards: MembershipCard[]
}

/** How many of each list the page shows. */
export const PORTAL_LIMITS = { memberships: 50, payments: 50, events: 5 } as const

export async function loadPortal(req: PayloadRequest, settings: Setting, now = new Date()): Promise<PortalData> {
  const user = req.user as User
  const { payload } = req
  const [memberships, tiers, payments, access, listedIn, events, providers] = await Promise.all([
    payload.find({
      collection: 'memberships',
      sort: '-createdAt',
      limit: PORTAL_LIMITS.memberships,
      pagination: false,
      depth: 0,
      select: {
        tier: true,
        status: true,
        membershipNumber: true,
        periodStart: true,
        periodEnd: true,
        organisationName: true,
        household: true,
        history: true,
        seatHolders: true,
        householdMembers: true,
      },
      overrideAccess: false,
      req,
    }),
    // a member's own tier may no longer be offered (not public, or retired), which their read
    // access does not reach; it is theirs to see, so tiers are read as the system (a short table)
    payload.find({ collection: 'tiers', depth: 0, pagination: false, select: { name: true, kind: true, fee: true, currency: true, seats: true, graceDays: true }, overrideAccess: true, req }),
    payload.find({
      collection: 'payments',
      sort: '-createdAt',
      limit: PORTAL_LIMITS.payments,
      pagination: false,
      depth: 0,
      select: { paidAt: true, createdAt: true, receiptNumber: true, method: true, status: true, amount: true, currency: true, listAmount: true, discount: true },
      overrideAccess: false,
      req,
    }),
    memberAccess(payload, user, req),
    householdInvitations(req, user),
    payload.find({
      collection: 'events',
      where: { and: [{ status: { equals: 'published' } }, { startsAt: { greater_than_equal: now.toISOString() } }] },
      sort: 'startsAt',
      limit: PORTAL_LIMITS.events,
      pagination: false,
      depth: 0,
      select: { title: true, startsAt: true, endsAt: true, allDay: true },
      overrideAccess: false,
      req,
    }),
    enabledProviders(payload, settings),
  ])

  const tierById = new Map((tiers.docs as Tier[]).map((tier) => [tier.id, tier]))
  const mine = (memberships.docs as Membership[]).map((membership) => ({ membership, tier: tierById.get(idOf(membership.tier) as number) ?? null }))
  const upcoming = events.docs as Event[]
  const [prices, replies] = await Promise.all([
    membershipPrices(
      req,
      mine.map(({ membership, tier }) => ({ tier: tier ?? { fee: 0, currency: settings.currency, kind: 'individual' }, household: membership.household })),
      settings,
    ),
    upcoming.length === 0
      ? Promise.resolve([] as Rsvp[])
      : payload
          .find({
            collection: 'rsvps',
            where: { event: { in: upcoming.map((event) => event.id) } },
            depth: 0,
            pagination: false,
            select: { event: true, status: true },
            overrideAccess: false,
            req,
          })
          .then(({ docs }) => docs as Rsvp[]),
  ])

  const seatGrants = access.grants.filter((grant) => grant.via === 'seat')
  const contacts = await contactsOf(req, seatGrants.filter((grant) => !grant.organisationName).map((grant) => grant.membership))
  const joinedTiers = new Set(mine.filter(({ membership }) => OPEN_STATUSES.includes(membership.status as MembershipStatus)).map(({ membership }) => idOf(membership.tier)))
  return {
    memberships: mine.map((entry, index) => ({ ...entry, price: prices[index]! })),
    seats: seatGrants.map((grant) => ({
      id: grant.membership,
      tierName: tierById.get(grant.tier as number)?.name ?? 'Membership',
      organisation: grant.organisationName || contacts.get(grant.membership) || 'an organisation',
      periodEnd: grant.periodEnd,
    })),
    invitations: listedIn
      .filter((lead) => !joinedTiers.has(lead.tier))
      .map((lead) => ({ id: lead.membership, tierId: lead.tier, tierName: tierById.get(lead.tier)?.name ?? 'Membership', contact: lead.contact })),
    payments: payments.docs as Payment[],
    providers,
    upcoming,
    replies: new Map(replies.map((reply) => [idOf(reply.event) as number, reply.status])),
    cards: cardsFromAccess(access, tierById, user, now),
  }
}

/** The contacts' names of organisation memberships that give no organisation name (rare): one query, none when all do. */
async function contactsOf(req: PayloadRequest, ids: Array<number | string>): Promise<Map<number | string, string>> {
  if (ids.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: 'memberships',
    where: { id: { in: ids } },
    select: { member: true },
    depth: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return new Map(
    (docs as Membership[]).map((m) => {
      const contact = typeof m.member === 'object' ? m.member : null
      return [m.id, contact ? `${contact.firstName} ${contact.lastName}` : '']
    }),
  )
}
