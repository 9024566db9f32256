/**
 * Applies a lifecycle change to a stored membership: asks the state machine, appends the
 * history, sets the period and number on activation, keeps the "one open membership per
 * tier" key, and tells the applicant about a rejection. Runs inside the caller's transaction
 * (the `req` it is given).
 */
import type { PayloadRequest } from 'payload'

import type { Membership, Tier } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail } from '@/email/queue'
import type { EmailTemplateKey } from '@/email/templates'
import { memberVariables, membershipVariables } from '@/email/variables'
import { renewalLinkUrl } from './renewalLinks'
import { RefusedError } from '@/lib/errors'
import { formatMoney } from '@/lib/money'
import { nextSettingsCounter } from '@/lib/counters'

import type { MembershipStatus, TransitionCause } from './lifecycle'
import { OPEN_STATUSES, checkTransition } from './lifecycle'
import { membershipPrice } from './groupMembers'
import { formatMembershipNumber } from './numbers'
import { periodForPayment, toTierPeriod } from './periods'

export type HistoryEntry = NonNullable<Membership['history']>[number]

/** The key that makes a second open membership of the same tier impossible, even in a race. */
export function openKeyFor(status: MembershipStatus, member: unknown, tier: unknown): string | null {
  return OPEN_STATUSES.includes(status) ? `${idOf(member)}:${idOf(tier)}` : null
}

export function historyEntry(args: {
  from: MembershipStatus | null
  to: MembershipStatus
  cause: TransitionCause
  actor?: number | string | null
  reason?: string | null
  payment?: string | null
  at?: Date
}): HistoryEntry {
  return {
    from: args.from,
    to: args.to,
    at: (args.at ?? new Date()).toISOString(),
    cause: args.cause,
    actor: (args.actor as number | null | undefined) ?? null,
    reason: args.reason?.trim() || null,
    payment: args.payment ?? null,
  }
}

/** Takes the next number from the settings counter, so a number is never handed out twice. */
async function nextMembershipNumber(req: PayloadRequest): Promise<string> {
  const sequence = await nextSettingsCounter(req, 'lastMembershipNumber')
  const settings = await req.payload.findGlobal({ slug: 'settings', req, depth: 0 })
  return formatMembershipNumber(settings.membershipNumberPrefix || 'HGR-', sequence)
}

export async function transitionMembership(
  req: PayloadRequest,
  args: {
    membership: Membership
    to: MembershipStatus
    cause: TransitionCause
    reason?: string | null
    payment?: string | null
    at?: Date
  },
): Promise<Membership> {
  const { membership, to, cause, reason, payment } = args
  const at = args.at ?? new Date()
  const from = membership.status as MembershipStatus
  const check = checkTransition({ from, to, cause, reason })
  if (!check.ok) throw new RefusedError(check.message, 400)

  const actor = req.user?.id ?? null
  const history = [...(membership.history ?? []), historyEntry({ from, to, cause, actor, reason, payment, at })]
  let status: MembershipStatus = to
  if (to === 'approved') {
    // Approval opens the way to payment at once.
    history.push(historyEntry({ from: 'approved', to: 'awaiting_payment', cause: 'system', actor, at }))
    status = 'awaiting_payment'
  }

  const data: Partial<Membership> = { status, history, openKey: openKeyFor(status, membership.member, membership.tier) }

  if (to === 'active') {
    const tier =
      typeof membership.tier === 'object'
        ? (membership.tier as Tier)
        : await req.payload.findByID({ collection: 'tiers', id: membership.tier, req, depth: 0 })
    const period = periodForPayment({ tier: toTierPeriod(tier), status: from, currentEnd: membership.periodEnd, paidAt: at })
    data.periodStart = period.start.toISOString()
    data.periodEnd = period.end.toISOString()
    data.membershipNumber = membership.membershipNumber || (await nextMembershipNumber(req))
  }

  const updated = await req.payload.update({
    collection: 'memberships',
    id: membership.id,
    data,
    req,
    overrideAccess: true,
    depth: 0,
  })

  await tellMemberAbout(req, updated, to, reason ?? '')
  return updated
}

const TRANSITION_EMAILS: Partial<Record<MembershipStatus, EmailTemplateKey>> = {
  approved: 'application-approved',
  rejected: 'application-rejected',
  lapsed: 'membership-lapsed',
}

/** The member hears about an approval (with the way to pay), a rejection (with the reason) and a lapse. */
async function tellMemberAbout(req: PayloadRequest, membership: Membership, to: MembershipStatus, reason: string) {
  const template = TRANSITION_EMAILS[to]
  if (!template) return
  const [member, tier] = await Promise.all([
    req.payload.findByID({ collection: 'users', id: idOf(membership.member)!, req, depth: 0, overrideAccess: true }),
    req.payload.findByID({ collection: 'tiers', id: idOf(membership.tier)!, req, depth: 0, overrideAccess: true }),
  ])
  await queueEmail(req, {
    template,
    to: member.email,
    related: { relationTo: 'memberships', value: membership.id },
    variables: {
      member: memberVariables(member),
      membership: membershipVariables(membership, tier),
      reason: reason.trim(),
      payment: to === 'approved' ? { amount: formatMoney(await membershipPrice(req.payload, membership, req)) } : undefined,
      // the lapsed email's "renew" goes to this membership's own renew page (src/membership/renewalLinks.ts)
      links: to === 'lapsed' ? { renew: renewalLinkUrl(req.payload, { membership, member, tier }) } : undefined,
    },
  })
}

/**
 * A payment for a membership that is already active extends it from its current end date.
 * Not a status change, but recorded in the history like one.
 */
export async function renewActiveMembership(
  req: PayloadRequest,
  args: { membership: Membership; payment: string; at?: Date },
): Promise<Membership> {
  const { membership, payment } = args
  const at = args.at ?? new Date()
  const tier = await req.payload.findByID({ collection: 'tiers', id: idOf(membership.tier)!, req, depth: 0 })
  const period = periodForPayment({ tier: toTierPeriod(tier), status: 'active', currentEnd: membership.periodEnd, paidAt: at })
  return req.payload.update({
    collection: 'memberships',
    id: membership.id,
    data: {
      periodEnd: period.end.toISOString(),
      history: [
        ...(membership.history ?? []),
        historyEntry({ from: 'active', to: 'active', cause: 'payment', actor: req.user?.id ?? null, reason: 'Renewed', payment, at }),
      ],
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
}
