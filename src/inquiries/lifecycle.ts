/**
 * The inquiry inbox's status flow (SPEC §14, seed 001 F03.02.12), as one pure state machine.
 * Endpoints, the public form and the follow-up job ask it before changing a status; nothing else
 * decides what is allowed.
 *
 *   new ──▶ assigned ──▶ awaiting_reply ──▶ responded ──▶ converted
 *    │         │               │     ▲          │
 *    └─────────┴───────────────┴─────┼──────────┴──▶ closed_no_response ──▶ (reopened: awaiting_reply)
 *                                    └── the visitor writes again           spam ──▶ (not spam: new)
 *
 * "Awaiting reply" means awaiting *our* reply: a new, assigned or awaiting_reply inquiry is
 * waiting for staff, and has a follow-up due date; a reply moves it to `responded`.
 */
import { addDays } from 'date-fns/addDays'

export const INQUIRY_STATUSES = ['new', 'assigned', 'awaiting_reply', 'responded', 'converted', 'closed_no_response', 'spam'] as const
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number]

export const INQUIRY_STATUS_LABELS: Record<InquiryStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  awaiting_reply: 'Awaiting our reply',
  responded: 'Responded',
  converted: 'Converted to member',
  closed_no_response: 'Closed (no response)',
  spam: 'Spam',
}

export const INQUIRY_TYPES = ['joining', 'events', 'volunteering', 'other'] as const
export type InquiryType = (typeof INQUIRY_TYPES)[number]

export const INQUIRY_TYPE_LABELS: Record<InquiryType, string> = {
  joining: 'Joining',
  events: 'Events',
  volunteering: 'Volunteering',
  other: 'Something else',
}

/**
 * What moves an inquiry: staff choosing a status by hand, an assignment, a reply sent, the visitor
 * writing again (the public form merges it into the open inquiry), or a conversion to a member.
 */
export type InquiryCause = 'staff' | 'assign' | 'reply' | 'visitor' | 'convert'
export const INQUIRY_CAUSES: readonly InquiryCause[] = ['staff', 'assign', 'reply', 'visitor', 'convert']

type Rule = { to: InquiryStatus; causes: readonly InquiryCause[] }

const closeOrSpam: Rule[] = [
  { to: 'closed_no_response', causes: ['staff'] },
  { to: 'spam', causes: ['staff'] },
]

const RULES: Record<InquiryStatus, readonly Rule[]> = {
  new: [
    { to: 'assigned', causes: ['assign'] },
    { to: 'awaiting_reply', causes: ['staff'] },
    { to: 'responded', causes: ['reply'] },
    { to: 'converted', causes: ['convert'] },
    ...closeOrSpam,
  ],
  assigned: [
    { to: 'awaiting_reply', causes: ['staff'] },
    { to: 'responded', causes: ['reply'] },
    { to: 'converted', causes: ['convert'] },
    ...closeOrSpam,
  ],
  awaiting_reply: [
    { to: 'responded', causes: ['reply'] },
    { to: 'converted', causes: ['convert'] },
    ...closeOrSpam,
  ],
  responded: [
    { to: 'awaiting_reply', causes: ['visitor', 'staff'] },
    { to: 'converted', causes: ['convert'] },
    ...closeOrSpam,
  ],
  // the visitor writes again after all, or staff reopen it
  closed_no_response: [{ to: 'awaiting_reply', causes: ['visitor', 'staff'] }],
  // marked spam by mistake
  spam: [{ to: 'new', causes: ['staff'] }],
  converted: [],
}

/** Transitions staff make by hand that must say why (the reason is kept in the history). */
const REASON_REQUIRED_FOR: readonly InquiryStatus[] = ['closed_no_response', 'spam']

export function isInquiryStatus(value: unknown): value is InquiryStatus {
  return typeof value === 'string' && (INQUIRY_STATUSES as readonly string[]).includes(value)
}

export function isInquiryType(value: unknown): value is InquiryType {
  return typeof value === 'string' && (INQUIRY_TYPES as readonly string[]).includes(value)
}

export type InquiryTransitionCheck = { ok: true } | { ok: false; code: 'unknown_status' | 'not_allowed' | 'not_allowed_for_cause' | 'reason_required'; message: string }

const label = (status: string) => (isInquiryStatus(status) ? INQUIRY_STATUS_LABELS[status] : status)

export function checkInquiryTransition(args: { from: InquiryStatus; to: InquiryStatus; cause: InquiryCause; reason?: string | null }): InquiryTransitionCheck {
  const { from, to, cause, reason } = args
  if (!isInquiryStatus(from) || !isInquiryStatus(to)) {
    return { ok: false, code: 'unknown_status', message: `Unknown inquiry status "${!isInquiryStatus(from) ? from : to}".` }
  }
  const rule = RULES[from].find((r) => r.to === to)
  if (!rule) return { ok: false, code: 'not_allowed', message: `An inquiry cannot go from "${label(from)}" to "${label(to)}".` }
  if (!rule.causes.includes(cause)) {
    return { ok: false, code: 'not_allowed_for_cause', message: `An inquiry goes from "${label(from)}" to "${label(to)}" only by ${describeCauses(rule.causes)}, not by hand.` }
  }
  if (cause === 'staff' && REASON_REQUIRED_FOR.includes(to) && !reason?.trim()) {
    return { ok: false, code: 'reason_required', message: `Moving an inquiry to "${label(to)}" needs a reason.` }
  }
  return { ok: true }
}

function describeCauses(causes: readonly InquiryCause[]): string {
  const words: Record<InquiryCause, string> = { staff: 'hand', assign: 'assigning it', reply: 'replying', visitor: 'the visitor writing again', convert: 'converting it to a member' }
  return causes.map((c) => words[c]).join(' or ')
}

/** Statuses an inquiry may move to next by the given cause (the admin panel's buttons). */
export function nextInquiryStatuses(from: InquiryStatus, cause: InquiryCause = 'staff'): InquiryStatus[] {
  return (RULES[from] ?? []).filter((rule) => rule.causes.includes(cause)).map((rule) => rule.to)
}

/** Statuses in which the visitor is waiting for us: the follow-up clock runs. */
export const WAITING_FOR_US: readonly InquiryStatus[] = ['new', 'assigned', 'awaiting_reply']

/** Statuses that can be (re)assigned. */
export const ASSIGNABLE: readonly InquiryStatus[] = ['new', 'assigned', 'awaiting_reply', 'responded']

/** Statuses staff can reply in (a reply in `responded` adds to the thread without a transition). */
export const REPLIABLE: readonly InquiryStatus[] = ['new', 'assigned', 'awaiting_reply', 'responded']

/** Statuses that can be converted to a member. */
export const CONVERTIBLE: readonly InquiryStatus[] = ['new', 'assigned', 'awaiting_reply', 'responded']

export function isWaitingForUs(status: InquiryStatus): boolean {
  return WAITING_FOR_US.includes(status)
}

/** What an assignment does to the status: a new inquiry becomes assigned; otherwise it stays (a reassignment). */
export function statusAfterAssignment(from: InquiryStatus): InquiryStatus | null {
  if (!ASSIGNABLE.includes(from)) return null
  return from === 'new' ? 'assigned' : from
}

/** What the visitor writing again does: an answered or closed inquiry waits for us again; otherwise it stays. */
export function statusAfterVisitorMessage(from: InquiryStatus): InquiryStatus {
  return from === 'responded' || from === 'closed_no_response' ? 'awaiting_reply' : from
}

/** Follow-up after this many days of waiting for our reply, unless settings say otherwise. */
export const DEFAULT_INQUIRY_FOLLOW_UP_DAYS = 5

/**
 * The follow-up fields after a status change: while the inquiry waits for us, due `days` after the
 * wait began (kept when it was already waiting); once answered or closed, nothing is due. A new wait
 * gets a new reminder (the marker is cleared).
 */
export function followUpAfter(
  args: { from: InquiryStatus | null; to: InquiryStatus; followUpDue: string | null | undefined; followUpReminderSentAt: string | null | undefined },
  now: Date,
  days: number,
): { followUpDue: string | null; followUpReminderSentAt: string | null } {
  if (!isWaitingForUs(args.to)) return { followUpDue: null, followUpReminderSentAt: args.followUpReminderSentAt ?? null }
  if (args.from && isWaitingForUs(args.from) && args.followUpDue) return { followUpDue: args.followUpDue, followUpReminderSentAt: args.followUpReminderSentAt ?? null }
  return { followUpDue: addDays(now, days).toISOString(), followUpReminderSentAt: null }
}

/** Whether an inquiry is overdue: waiting for us past its follow-up date. */
export function isOverdue(inquiry: { status?: string | null; followUpDue?: string | null }, now: Date): boolean {
  return isInquiryStatus(inquiry.status) && isWaitingForUs(inquiry.status) && Boolean(inquiry.followUpDue) && new Date(inquiry.followUpDue!) <= now
}

/** How long two messages with the same email and subject count as one inquiry. */
export const DEDUP_WINDOW_MINUTES = 5
