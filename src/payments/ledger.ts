/**
 * Ledger rules (SPEC §3) that do not need a database: methods, statuses, what a manual entry
 * must say, and what a membership payment is expected to cost.
 */
import type { MembershipPrice } from '@/membership/pricing'

export const PAYMENT_METHODS = ['square', 'stripe', 'dummy', 'cash', 'cheque', 'bank_transfer', 'complimentary'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const MANUAL_METHODS: readonly PaymentMethod[] = ['cash', 'cheque', 'bank_transfer', 'complimentary']
export const ONLINE_METHODS: readonly PaymentMethod[] = ['square', 'stripe', 'dummy']

export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded', 'cancelled'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

export const PAYMENT_PURPOSES = ['membership', 'event', 'donation', 'other'] as const

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  square: 'Card (Square)',
  stripe: 'Card (Stripe)',
  dummy: 'Test provider',
  cash: 'Cash',
  cheque: 'Cheque',
  bank_transfer: 'Bank transfer',
  complimentary: 'Complimentary',
}

export function isManualMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && (MANUAL_METHODS as readonly string[]).includes(value)
}

/** What a manual entry is expected to be for: the tier fee, or nothing when complimentary. */
export function expectedManualAmount(method: PaymentMethod, tierFee: number): number {
  return method === 'complimentary' ? 0 : tierFee
}

/** An amount other than the expected one must be explained (part payment, discount, waiver...). */
export function amountNeedsReason(amount: number, expected: number, reason?: string | null): boolean {
  return amount !== expected && !reason?.trim()
}

/** Receipt numbers: R-2026-000042, counting on from the last one handed out. */
export function formatReceiptNumber(year: number, sequence: number): string {
  return `R-${year}-${String(sequence).padStart(6, '0')}`
}

/** The ledger's record of a discount: what the price was before it, and why it was reduced. */
export function discountFields(price: MembershipPrice): { listAmount?: number; discount?: { amount: number; reason: string | null } } {
  return price.discountAmount > 0 ? { listAmount: price.listAmount, discount: { amount: price.discountAmount, reason: price.discountReason } } : {}
}

/**
 * While a payment is pending, the one pending payment of its membership and provider: a unique
 * index on it makes a second pending payment for the same membership and provider impossible.
 */
export function pendingKeyOf(payment: { status?: string | null; membership?: unknown; method?: string | null }, membershipId: number | string | undefined): string | null {
  return payment.status === 'pending' && membershipId !== undefined && payment.method ? `${membershipId}:${payment.method}` : null
}

/**
 * The membership period a payment pays for: the membership and the end of its period when the
 * payment was started (`first` before it has one). Once a payment has extended the membership,
 * its period key no longer matches, so a second payment for the same period is not applied.
 */
export function periodKeyOf(membership: { id: number | string; periodEnd?: string | null }): string {
  return `${membership.id}:${membership.periodEnd ? new Date(membership.periodEnd).toISOString() : 'first'}`
}

/** A payment's status as the member reads it (their payments, their receipt). */
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: 'Being confirmed',
  succeeded: 'Paid',
  failed: 'Not taken',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
  cancelled: 'Cancelled',
}
