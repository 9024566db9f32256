/**
 * Refund arithmetic (SPEC §3), pure: how much of a payment can still be given back, and the
 * payment's status once its refunds are counted. Refunds still in progress at the provider
 * count as given back, so the same money is never refunded twice.
 */
export type RefundEntry = { amount: number; status?: 'pending' | 'completed' | 'failed' | null }

const counts = (refund: RefundEntry) => refund.status !== 'failed'

export function refundedAmount(refunds: readonly RefundEntry[] | null | undefined): number {
  return (refunds ?? []).filter(counts).reduce((sum, refund) => sum + refund.amount, 0)
}

export function refundableAmount(payment: { amount: number; refunds?: readonly RefundEntry[] | null }): number {
  return Math.max(0, payment.amount - refundedAmount(payment.refunds))
}

export type RefundCheck = { ok: true; amount: number } | { ok: false; status: 400 | 409; message: string }

/** Whether a refund of `requested` (the whole remainder when absent) may be made. */
export function checkRefund(payment: { amount: number; status: string; refunds?: readonly RefundEntry[] | null }, requested: unknown): RefundCheck {
  if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') {
    return { ok: false, status: 409, message: `A ${payment.status.replace('_', ' ')} payment cannot be refunded.` }
  }
  const left = refundableAmount(payment)
  if (left === 0) return { ok: false, status: 409, message: 'Nothing is left to refund on this payment.' }
  const amount = requested === undefined || requested === null ? left : requested
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    return { ok: false, status: 400, message: 'The refund amount is a whole number of minor units (pence) above 0.' }
  }
  if (amount > left) return { ok: false, status: 409, message: `Only ${left} (minor units) is left to refund on this payment.` }
  return { ok: true, amount }
}

/** `refunded` once everything is given back, `partially_refunded` while some is, else unchanged. */
export function statusAfterRefunds(payment: { amount: number; status: string; refunds?: readonly RefundEntry[] | null }): string {
  if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded' && payment.status !== 'refunded') return payment.status
  const refunded = refundedAmount(payment.refunds)
  if (refunded === 0) return 'succeeded'
  return refunded >= payment.amount ? 'refunded' : 'partially_refunded'
}
