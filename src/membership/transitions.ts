/**
 * Applies a lifecycle change to a stored membership: asks the state machine, appends the
 * history, sets the period and number on activation, keeps the "one open membership per
 * tier" key, and tells the applicant about a rejection. Runs inside the caller's transaction
 * (the `req` it is given).
 */
import type { PayloadRequest } from 'payload'

import type { Membership, Tier } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { nextSettingsCounter } from '@/lib/counters'

import type { MembershipStatus, TransitionCause } from './lifecycle'
import { OPEN_STATUSES, checkTransition } from './lifecycle'
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

  if (to === 'rejected') await sendRejection(req, updated, reason ?? '')
  return updated
}

async function sendRejection(req: PayloadRequest, membership: Membership, reason: string) {
  const member = await req.payload.findByID({ collection: 'users', id: idOf(membership.member)!, req, depth: 0 })
  const settings = await req.payload.findGlobal({ slug: 'settings', req, depth: 0 })
  try {
    await req.payload.sendEmail({
      to: member.email,
      subject: `Your application to ${settings.organisationName}`,
      text: [
        `Dear ${member.firstName},`,
        '',
        `Thank you for applying to join ${settings.organisationName}. We are sorry that we cannot accept your application.`,
        '',
        `Reason: ${reason.trim()}`,
        '',
        'If you have any questions, reply to this email.',
      ].join('\n'),
    })
  } catch (error) {
    // Delivery is retried by the email queue once it exists; the rejection itself stands.
    req.payload.logger.error(`Could not email the rejection of membership ${membership.id}: ${(error as Error).message}`)
  }
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
