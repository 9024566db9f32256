import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'

import type { Membership, Payment, Tier } from '@payload-types'

import { formatDay } from '@/email/variables'
import { formatMoney } from '@/lib/money'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { STATUS_LABELS } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { METHOD_LABELS } from '@/payments/ledger'
import type { PaymentMethod } from '@/payments/ledger'

export const metadata: Metadata = { title: 'Receipt' }

/** After paying: the receipt, and the membership it paid for. */
export default async function ReceiptPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/sign-in?next=/pay/receipt/${paymentId}`)
  const payload = await getPayloadClient()
  const payment = (await payload.findByID({ collection: 'payments', id: paymentId, depth: 0, overrideAccess: false, user }).catch(() => null)) as Payment | null
  if (!payment) notFound()
  const membership = payment.membership
    ? ((await payload.findByID({ collection: 'memberships', id: payment.membership as number, depth: 1, overrideAccess: false, user }).catch(() => null)) as Membership | null)
    : null

  if (payment.status === 'pending') {
    return (
      <div className="mx-auto max-w-md space-y-4 rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-2xl font-bold text-brand-900">Payment being confirmed</h1>
        <p role="status">Your card payment is being confirmed by the bank. This page and your account will show it within a few minutes.</p>
      </div>
    )
  }
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">{payment.status === 'failed' ? 'Payment not taken' : 'Thank you: payment received'}</h1>
      <dl className="grid grid-cols-[10rem_1fr] gap-y-2">
        <dt className="text-slate-600">Receipt number</dt>
        <dd data-testid="receipt-number">{payment.receiptNumber ?? '—'}</dd>
        <dt className="text-slate-600">Amount</dt>
        <dd>{formatMoney({ amount: payment.amount, currency: payment.currency })}</dd>
        <dt className="text-slate-600">Paid by</dt>
        <dd>{METHOD_LABELS[payment.method as PaymentMethod]}</dd>
        <dt className="text-slate-600">Date</dt>
        <dd>{formatDay(payment.paidAt ?? payment.createdAt)}</dd>
        {membership && (
          <>
            <dt className="text-slate-600">Membership</dt>
            <dd>
              {(membership.tier as Tier).name}: {STATUS_LABELS[membership.status as MembershipStatus]}
              {membership.membershipNumber ? `, number ${membership.membershipNumber}` : ''}
              {membership.periodEnd ? `, until ${formatDay(membership.periodEnd)}` : ''}
            </dd>
          </>
        )}
      </dl>
      {payment.status !== 'failed' && <p className="text-slate-700">We have emailed you this receipt.</p>}
      <a href="/account" className="inline-block font-medium text-brand-700 underline">
        Go to your account
      </a>
    </div>
  )
}
