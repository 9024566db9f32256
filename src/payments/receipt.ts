/**
 * A receipt as a member reads it (SPEC §3): the receipt page and the PDF both show this, so they
 * never disagree. `receiptView` is pure; `findReceipt` reads the payment as the signed-in person
 * (the payer, or staff who may read payments) and everything it refers to.
 */
import type { Payload } from 'payload'

import type { Membership, Payment, Tier, User } from '@payload-types'

import { formatDay } from '@/email/variables'
import { formatMoney } from '@/lib/money'
import { STATUS_LABELS } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { PAYMENT_STATUS_LABELS, METHOD_LABELS } from '@/payments/ledger'
import type { PaymentMethod, PaymentStatus } from '@/payments/ledger'

import { refundedAmount } from './refunds'

const REFUND_STATUS_LABELS: Record<string, string> = { pending: 'Being processed', completed: 'Refunded', failed: 'Did not go through' }

export type ReceiptRefund = { date: string; amount: string; reason: string | null; status: string }

export type ReceiptView = {
  organisationName: string
  receiptNumber: string
  /** When the money was received (or the payment recorded). */
  date: string
  status: PaymentStatus
  statusLabel: string
  memberName: string
  memberEmail: string
  /**
   * The membership it paid for: its tier, number and status now, the end of its current period,
   * and "paid up until" that end only while this payment is the latest one applied to it (an
   * older receipt does not claim a period it did not pay for).
   */
  membership: { tier: string; number: string | null; status: string; periodEnd: string | null; paidUntil: string | null; organisationName: string | null } | null
  amount: string
  /** "£30.00 less household discount" when the price was reduced. */
  discount: string | null
  method: string
  refunds: ReceiptRefund[]
  /** What was given back and what was kept, when anything was given back. */
  refundedTotal: string | null
  keptTotal: string | null
  /** A name for the downloaded file: receipt-R-2026-000001.pdf. */
  fileName: string
}

/** The payment that last started or extended the membership's period (its history says which). */
function lastPaymentApplied(membership: Membership): string | null {
  const entries = (membership.history ?? []).filter((entry) => entry.cause === 'payment' && entry.payment)
  return entries.at(-1)?.payment ?? null
}

export function receiptFileName(receiptNumber: string): string {
  return `receipt-${receiptNumber.replace(/[^\w-]+/g, '-')}.pdf`
}

export function receiptView(args: {
  payment: Payment
  member: Pick<User, 'firstName' | 'lastName' | 'email'>
  membership: Membership | null
  tier: Pick<Tier, 'name'> | null
  organisationName: string
}): ReceiptView {
  const { payment, member, membership, tier } = args
  const money = (amount: number) => formatMoney({ amount, currency: payment.currency })
  const refunds = payment.refunds ?? []
  const refunded = refundedAmount(refunds)
  const receiptNumber = payment.receiptNumber ?? ''
  return {
    organisationName: args.organisationName,
    receiptNumber,
    date: formatDay(payment.paidAt ?? payment.createdAt),
    status: payment.status as PaymentStatus,
    statusLabel: PAYMENT_STATUS_LABELS[payment.status as PaymentStatus] ?? payment.status,
    memberName: [member.firstName, member.lastName].filter(Boolean).join(' ') || member.email,
    memberEmail: member.email,
    membership: membership
      ? {
          tier: tier?.name ?? 'Membership',
          number: membership.membershipNumber ?? null,
          status: STATUS_LABELS[membership.status as MembershipStatus] ?? membership.status,
          periodEnd: membership.periodEnd ? formatDay(membership.periodEnd) : null,
          paidUntil: membership.periodEnd && lastPaymentApplied(membership) === String(payment.id) ? formatDay(membership.periodEnd) : null,
          organisationName: membership.organisationName || null,
        }
      : null,
    amount: money(payment.amount),
    discount: payment.discount?.amount ? `${money(payment.listAmount ?? 0)} less ${payment.discount.reason?.toLowerCase() ?? 'a discount'}` : null,
    method: METHOD_LABELS[payment.method as PaymentMethod] ?? payment.method,
    refunds: refunds.map((refund) => ({
      date: formatDay(refund.at),
      amount: money(refund.amount),
      reason: refund.reason ?? null,
      status: REFUND_STATUS_LABELS[refund.status ?? 'completed'] ?? String(refund.status),
    })),
    refundedTotal: refunds.length ? money(refunded) : null,
    keptTotal: refunds.length ? money(Math.max(0, payment.amount - refunded)) : null,
    fileName: receiptFileName(receiptNumber),
  }
}

const WHOLE_ID = /^\d{1,12}$/

/**
 * Payment `id` and its receipt if `user` may read that payment (their own, or staff whose role
 * reads payments); otherwise null, the same for "no such payment" and
 * "not yours", so nobody learns which payments exist. What the payment refers to (the member, the
 * membership and its tier) is read by the system: a receipt names them whoever may read it.
 */
export async function findReceipt(payload: Payload, id: string | number, user: User): Promise<{ payment: Payment; view: ReceiptView } | null> {
  if (!WHOLE_ID.test(String(id))) return null
  const payment = (await payload
    .findByID({ collection: 'payments', id, depth: 0, overrideAccess: false, user, disableErrors: true })
    .catch(() => null)) as Payment | null
  if (!payment) return null
  const memberId = typeof payment.member === 'object' ? payment.member.id : payment.member
  const membershipId = payment.membership && typeof payment.membership === 'object' ? payment.membership.id : payment.membership
  const [member, membership, settings] = await Promise.all([
    payload.findByID({ collection: 'users', id: memberId, depth: 0, overrideAccess: true, disableErrors: true }) as Promise<User | null>,
    membershipId
      ? (payload.findByID({ collection: 'memberships', id: membershipId, depth: 1, overrideAccess: true, disableErrors: true }) as Promise<Membership | null>)
      : Promise.resolve(null),
    payload.findGlobal({ slug: 'settings', depth: 0 }),
  ])
  const tier = membership && typeof membership.tier === 'object' ? (membership.tier as Tier) : null
  const view = receiptView({
    payment,
    member: member ?? { firstName: '', lastName: '', email: '' },
    membership,
    tier,
    organisationName: settings.organisationName || 'Hangar',
  })
  return { payment, view }
}
