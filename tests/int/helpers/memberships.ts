import type { Payload } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { openKeyFor } from '@/membership/transitions'

import { createUser } from './payload'

/**
 * A member holding a membership in a given state, set up directly in the database (as years
 * of history would have left it): the state machine and payments are tested elsewhere.
 */
export async function memberWithMembership(
  payload: Payload,
  tier: Tier,
  state: { status: Membership['status']; periodEnd: Date | string; member?: Partial<User> },
): Promise<{ user: User; token: string; membership: Membership }> {
  const member = await createUser(payload, ['member'], state.member ?? {})
  const created = (await payload.create({
    collection: 'memberships',
    data: { member: member.user.id, tier: tier.id, organisationName: tier.kind === 'organisation' ? 'Test Organisation Ltd' : undefined } as never,
    depth: 0,
  })) as Membership
  const end = new Date(state.periodEnd)
  const membership = (await payload.update({
    collection: 'memberships',
    id: created.id,
    data: {
      status: state.status,
      periodStart: new Date(end.getTime() - 365 * 86_400_000).toISOString(),
      periodEnd: end.toISOString(),
      openKey: openKeyFor(state.status as never, member.user.id, tier.id),
    },
    depth: 0,
  })) as Membership
  return { ...member, membership }
}

export const daysFrom = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

/**
 * What the event tests start from: a £5 individual tier ("Personal"), an organisation tier with
 * seats, and an organiser (events role) who is also a member.
 */
export async function eventTiersAndOrganiser(payload: Payload, organisation: { name: string; fee: number; seats: number }) {
  const tier = { currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } as const
  const personal = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Personal', fee: 500 } })) as Tier
  const group = (await payload.create({ collection: 'tiers', data: { ...tier, ...organisation, kind: 'organisation' } })) as Tier
  const organiser = await createUser(payload, ['events', 'member'])
  return { personal, organisation: group, organiser }
}
