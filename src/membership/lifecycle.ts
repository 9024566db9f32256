/**
 * The membership lifecycle of SPEC §3, as one pure state machine. Collections, endpoints,
 * payments and jobs ask it before changing a status; nothing else decides what is allowed.
 *
 *   applied ──▶ approved ──▶ awaiting_payment ──▶ active ──▶ grace ──▶ lapsed
 *      │            │               │               │          │         │
 *      └▶ rejected  └───────────────┴──▶ cancelled ◀┴──────────┴─────────┘
 *
 * A payment also activates `approved` (paid straight after approval), `grace` and `lapsed`
 * (renewals). Tiers that need no approval start at `awaiting_payment`.
 */
export const MEMBERSHIP_STATUSES = [
  'applied',
  'approved',
  'rejected',
  'awaiting_payment',
  'active',
  'grace',
  'lapsed',
  'cancelled',
] as const

export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

/** What caused a transition; every history entry records one. */
export type TransitionCause = 'member' | 'admin' | 'payment' | 'job' | 'system'

export const STATUS_LABELS: Record<MembershipStatus, string> = {
  applied: 'Applied',
  approved: 'Approved',
  rejected: 'Rejected',
  awaiting_payment: 'Awaiting payment',
  active: 'Active',
  grace: 'In grace period',
  lapsed: 'Lapsed',
  cancelled: 'Cancelled',
}

type Rule = { to: MembershipStatus; causes: readonly TransitionCause[] }

/**
 * Allowed transitions and who may cause each. An admin may make any allowed transition by
 * hand (with a reason); the other causes are limited to what they naturally do.
 */
const RULES: Record<MembershipStatus, readonly Rule[]> = {
  applied: [
    { to: 'approved', causes: ['admin'] },
    { to: 'rejected', causes: ['admin'] },
    { to: 'cancelled', causes: ['admin', 'member'] },
  ],
  approved: [
    { to: 'awaiting_payment', causes: ['admin', 'system'] },
    { to: 'active', causes: ['admin', 'payment'] },
    { to: 'cancelled', causes: ['admin', 'member'] },
  ],
  awaiting_payment: [
    { to: 'active', causes: ['admin', 'payment'] },
    { to: 'cancelled', causes: ['admin', 'member'] },
  ],
  active: [
    { to: 'grace', causes: ['admin', 'job'] },
    { to: 'cancelled', causes: ['admin', 'member'] },
  ],
  grace: [
    { to: 'active', causes: ['admin', 'payment'] },
    { to: 'lapsed', causes: ['admin', 'job'] },
    { to: 'cancelled', causes: ['admin', 'member'] },
  ],
  lapsed: [
    { to: 'active', causes: ['admin', 'payment'] },
    { to: 'cancelled', causes: ['admin'] },
  ],
  rejected: [],
  cancelled: [],
}

/** Transitions that must say why: the reason is kept in the history and, for rejection, emailed. */
const REASON_REQUIRED_FOR: readonly MembershipStatus[] = ['rejected', 'cancelled']

export type TransitionRequest = {
  from: MembershipStatus
  to: MembershipStatus
  cause: TransitionCause
  reason?: string | null
}

export type TransitionRefusal = {
  ok: false
  code: 'unknown_status' | 'not_allowed' | 'not_allowed_for_cause' | 'reason_required'
  message: string
}

export type TransitionCheck = { ok: true } | TransitionRefusal

export function isMembershipStatus(value: unknown): value is MembershipStatus {
  return typeof value === 'string' && (MEMBERSHIP_STATUSES as readonly string[]).includes(value)
}

export function checkTransition({ from, to, cause, reason }: TransitionRequest): TransitionCheck {
  if (!isMembershipStatus(from) || !isMembershipStatus(to)) {
    return { ok: false, code: 'unknown_status', message: `Unknown membership status "${!isMembershipStatus(from) ? from : to}".` }
  }
  const rule = RULES[from].find((r) => r.to === to)
  if (!rule) {
    return {
      ok: false,
      code: 'not_allowed',
      message: `A membership cannot go from "${from}" to "${to}".`,
    }
  }
  if (!rule.causes.includes(cause)) {
    return {
      ok: false,
      code: 'not_allowed_for_cause',
      message: `A ${cause} cannot move a membership from "${from}" to "${to}".`,
    }
  }
  const needsReason = REASON_REQUIRED_FOR.includes(to) || (cause === 'admin' && !['approved', 'awaiting_payment'].includes(to))
  if (needsReason && !reason?.trim()) {
    return { ok: false, code: 'reason_required', message: `Moving a membership from "${from}" to "${to}" needs a reason.` }
  }
  return { ok: true }
}

/** Statuses a membership may move to next (for buttons in the admin panel and the portal). */
export function nextStatuses(from: MembershipStatus, cause: TransitionCause): MembershipStatus[] {
  return RULES[from].filter((rule) => rule.causes.includes(cause)).map((rule) => rule.to)
}

/** Where a new membership starts. */
export function initialStatus(tier: { requiresApproval?: boolean | null }): MembershipStatus {
  return tier.requiresApproval ? 'applied' : 'awaiting_payment'
}

/** A membership still "open": a member may not hold a second open membership of the same tier. */
export const OPEN_STATUSES: readonly MembershipStatus[] = ['applied', 'approved', 'awaiting_payment', 'active', 'grace']

/** Statuses from which a payment starts or extends a period. */
export const PAYABLE_STATUSES: readonly MembershipStatus[] = ['approved', 'awaiting_payment', 'active', 'grace', 'lapsed']

export function isTerminal(status: MembershipStatus): boolean {
  return RULES[status].length === 0
}

/** How long before the end of a period a member may renew early. */
export const RENEWAL_WINDOW_DAYS = 60

/**
 * Whether a member can pay for this membership now: first payment (approved or awaiting
 * payment), or a renewal (in grace, lapsed, or active within the renewal window).
 */
export function canPayNow(status: MembershipStatus, periodEnd: Date | string | null | undefined, now: Date): boolean {
  if (status === 'approved' || status === 'awaiting_payment' || status === 'grace' || status === 'lapsed') return true
  if (status !== 'active' || !periodEnd) return false
  const daysLeft = (new Date(periodEnd).getTime() - now.getTime()) / 86_400_000
  return daysLeft <= RENEWAL_WINDOW_DAYS
}
