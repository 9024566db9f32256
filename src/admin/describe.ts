/**
 * Histories and ledgers in words for the admin panel's array rows (issue 13 point 8): pure, so
 * the row labels, the payment banner and the tests say the same thing.
 */
import { formatMoney } from '@/lib/money'
import type { MembershipStatus } from '@/membership/lifecycle'
import { isMembershipStatus } from '@/membership/lifecycle'

/** "3 Dec 2026" */
export function formatDay(value: unknown, timeZone?: string): string | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(date)
}

const BECAME: Record<MembershipStatus, string> = {
  applied: 'Applied',
  approved: 'Approved',
  rejected: 'Rejected',
  awaiting_payment: 'Set to await payment',
  active: 'Activated',
  grace: 'Entered the grace period',
  lapsed: 'Lapsed',
  cancelled: 'Cancelled',
}

const WITHOUT_A_PERSON: Record<string, string> = {
  member: 'by the member',
  payment: 'by a payment',
  job: 'automatically',
  system: 'automatically',
}

export type HistoryEntry = { to?: unknown; at?: unknown; cause?: unknown; reason?: unknown }

/** "Approved by Alex Admin on 3 Dec 2026: references checked" */
export function describeHistoryEntry(entry: HistoryEntry, actorName?: string | null, timeZone?: string): string {
  const what = isMembershipStatus(entry.to) ? BECAME[entry.to] : 'Status changed'
  // a payment or a daily task acts in someone's request at most; the person is named for staff and members
  const byItself = entry.cause === 'payment' || entry.cause === 'job' || entry.cause === 'system'
  const who =
    actorName && !byItself ? `by ${actorName}` : typeof entry.cause === 'string' ? (WITHOUT_A_PERSON[entry.cause] ?? (entry.cause === 'admin' ? 'by staff' : '')) : ''
  const day = formatDay(entry.at, timeZone)
  const reason = typeof entry.reason === 'string' && entry.reason.trim() ? `: ${entry.reason.trim()}` : ''
  return [what, who, day && `on ${day}`].filter(Boolean).join(' ') + reason
}

export type RefundEntry = { amount?: unknown; at?: unknown; reason?: unknown; status?: unknown; providerRefundId?: unknown }

/** "£2.00 refunded by Rita Refunds on 3 Dec 2026: charged twice (provider refund R-1, pending)" */
export function describeRefund(entry: RefundEntry, currency: string, byName?: string | null, timeZone?: string): string {
  const amount = typeof entry.amount === 'number' ? formatMoney({ amount: entry.amount, currency }) : 'An amount'
  const day = formatDay(entry.at, timeZone)
  const reason = typeof entry.reason === 'string' && entry.reason.trim() ? `: ${entry.reason.trim()}` : ''
  const status = entry.status === 'pending' ? 'still pending' : entry.status === 'failed' ? 'failed' : null
  const provider = typeof entry.providerRefundId === 'string' && entry.providerRefundId ? `provider refund ${entry.providerRefundId}` : null
  const note = [provider, status].filter(Boolean).join(', ')
  return [`${amount} refunded`, byName && `by ${byName}`, day && `on ${day}`].filter(Boolean).join(' ') + reason + (note ? ` (${note})` : '')
}

export type PaymentSummary = {
  status?: unknown
  amount?: unknown
  currency?: unknown
  paidAt?: unknown
  refunded?: number
  failureReason?: unknown
  cancelReason?: unknown
}

/** The sentence at the top of a payment's page: "This payment has succeeded." and so on. */
export function describePaymentStatus(payment: PaymentSummary, timeZone?: string): string | null {
  const currency = typeof payment.currency === 'string' && payment.currency ? payment.currency : 'GBP'
  const money = (amount: unknown) => (typeof amount === 'number' ? formatMoney({ amount, currency }) : null)
  const paid = formatDay(payment.paidAt, timeZone)
  const refunded = payment.refunded ? money(payment.refunded) : null
  switch (payment.status) {
    case 'succeeded':
      return `This payment has succeeded${paid ? `: ${money(payment.amount)} paid on ${paid}` : ''}.`
    case 'pending':
      return 'This payment is pending: the money has not been confirmed yet.'
    case 'failed':
      return `This payment failed${typeof payment.failureReason === 'string' && payment.failureReason ? `: ${payment.failureReason}` : ''}. No money was taken.`
    case 'refunded':
      return `This payment was refunded in full${refunded ? ` (${refunded})` : ''}.`
    case 'partially_refunded':
      return `This payment was refunded in part: ${refunded ?? 'some'} of ${money(payment.amount)} given back.`
    case 'cancelled':
      return `This payment was cancelled${typeof payment.cancelReason === 'string' && payment.cancelReason ? `: ${payment.cancelReason}` : ''}.`
    default:
      return null
  }
}

export type QuestionEntry = { key?: unknown; label?: unknown; kind?: unknown; required?: unknown; choices?: unknown }

const QUESTION_KINDS: Record<string, string> = { text: 'written answer', choice: 'choice', yes_no: 'yes or no' }

/** An RSVP question: "Dietary needs (choice of 3, required)"; a new row says so. */
export function describeQuestion(entry: QuestionEntry, rowNumber = 0): string {
  const label = typeof entry.label === 'string' ? entry.label.trim() : ''
  if (!label) return `Question ${rowNumber + 1} (no wording yet)`
  const kind = typeof entry.kind === 'string' ? QUESTION_KINDS[entry.kind] : undefined
  const choices = Array.isArray(entry.choices) ? entry.choices.length : 0
  const details = [kind === 'choice' && choices > 0 ? `choice of ${choices}` : kind, entry.required === true ? 'required' : 'optional'].filter(Boolean)
  return `${label} (${details.join(', ')})`
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

/** A weekly free slot: "Monday 09:00–17:00". */
export function describeWeeklySlot(entry: { day?: unknown; from?: unknown; to?: unknown }, rowNumber = 0): string {
  if (typeof entry.day !== 'string' || !entry.day) return `Slot ${rowNumber + 1} (no day yet)`
  const from = typeof entry.from === 'string' ? entry.from : ''
  const to = typeof entry.to === 'string' ? entry.to : ''
  return `${capitalise(entry.day)} ${from || '…'}–${to || '…'}`.trim()
}

/** Dates someone can or cannot help: "Cannot help 3 Dec 2026 – 5 Dec 2026: holiday". */
export function describeDateRange(entry: { kind?: unknown; from?: unknown; to?: unknown; note?: unknown }, rowNumber = 0, timeZone?: string): string {
  const from = formatDay(entry.from, timeZone)
  if (!from) return `Dates ${rowNumber + 1} (no first day yet)`
  const to = formatDay(entry.to, timeZone)
  const what = entry.kind === 'available' ? 'Can help' : 'Cannot help'
  const when = to && to !== from ? `${from} – ${to}` : from
  const note = typeof entry.note === 'string' && entry.note.trim() ? `: ${entry.note.trim()}` : ''
  return `${what} ${when}${note}`
}
