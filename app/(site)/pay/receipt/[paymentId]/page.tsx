import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'

import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { findReceipt } from '@/payments/receipt'

import { PrintButton } from '../../../_components/PrintButton'

type Params = { params: Promise<{ paymentId: string }> }

/** The receipt as the signed-in person may read it, read once for the title and the page. */
const receiptFor = cache(async (paymentId: string) => {
  const user = await getCurrentUser()
  return user ? findReceipt(await getPayloadClient(), paymentId, user) : null
})

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const found = await receiptFor((await params).paymentId)
  return { title: found?.payment.receiptNumber ? `Receipt ${found.payment.receiptNumber}` : 'Receipt' }
}

/** After paying, and from the account's payments: the receipt, to print or keep as a PDF. */
export default async function ReceiptPage({ params }: Params) {
  const { paymentId } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/sign-in?next=/pay/receipt/${paymentId}`)
  const found = await receiptFor(paymentId)
  if (!found) notFound()
  const { payment, view } = found

  if (payment.status === 'pending') {
    return (
      <div className="mx-auto max-w-md space-y-4 rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-2xl font-bold text-brand-900">Payment being confirmed</h1>
        <p role="status">Your card payment is being confirmed by the bank. This page and your account will show it within a few minutes.</p>
      </div>
    )
  }
  const failed = payment.status === 'failed'
  return (
    <article className="mx-auto max-w-xl space-y-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8 print:max-w-none print:p-0 print:shadow-none print:ring-0">
      <header>
        <p className="text-sm font-medium text-slate-600 print:text-xl print:font-bold print:text-brand-900">{view.organisationName}</p>
        <h1 className="text-2xl font-bold text-brand-900">
          <span className="print:hidden">{failed ? 'Payment not taken' : 'Thank you: payment received'}</span>
          {payment.receiptNumber && <span className="hidden print:inline">Receipt {payment.receiptNumber}</span>}
        </h1>
      </header>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[10rem_1fr] sm:gap-y-2">
        <dt className="text-slate-600">Receipt number</dt>
        <dd className="max-sm:mb-2" data-testid="receipt-number">
          {payment.receiptNumber ?? '—'}
        </dd>
        <dt className="text-slate-600">Date</dt>
        <dd className="max-sm:mb-2">{view.date}</dd>
        <dt className="text-slate-600">Received from</dt>
        <dd className="max-sm:mb-2">
          {view.memberName}
          <span className="block text-sm text-slate-600">{view.memberEmail}</span>
        </dd>
        {view.membership && (
          <>
            <dt className="text-slate-600">Membership</dt>
            <dd className="max-sm:mb-2" data-testid="receipt-membership">
              {view.membership.tier}
              {view.membership.organisationName ? ` (${view.membership.organisationName})` : ''}: {view.membership.status}
              {view.membership.number ? `, number ${view.membership.number}` : ''}
              {view.membership.periodEnd ? `, until ${view.membership.periodEnd}` : ''}
            </dd>
          </>
        )}
        <dt className="text-slate-600">Amount</dt>
        <dd className="max-sm:mb-2">
          {view.amount}
          {view.discount && <span className="block text-sm text-slate-600">{view.discount}</span>}
        </dd>
        <dt className="text-slate-600">Paid by</dt>
        <dd className="max-sm:mb-2">{view.method}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd className="max-sm:mb-2" data-testid="receipt-status">
          {view.statusLabel}
        </dd>
      </dl>
      {view.refunds.length > 0 && (
        <section aria-labelledby="refunds">
          <h2 id="refunds" className="text-lg font-semibold">
            Refunds
          </h2>
          <ul className="mt-2 space-y-1">
            {view.refunds.map((refund, index) => (
              <li key={index} data-testid="receipt-refund">
                {refund.date}: {refund.amount} ({refund.status.toLowerCase()}){refund.reason ? `, ${refund.reason}` : ''}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            Refunded in all {view.refundedTotal}; kept {view.keptTotal}.
          </p>
        </section>
      )}
      {!failed && <p className="text-slate-700 print:hidden">We have emailed you this receipt.</p>}
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        {payment.receiptNumber && (
          <>
            <PrintButton label="Print receipt" />
            <a href={`/api/payments/${payment.id}/receipt.pdf`} download={view.fileName} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
              Download PDF
            </a>
          </>
        )}
        <a href="/account" className="font-medium text-brand-700 underline">
          Go to your account
        </a>
      </div>
    </article>
  )
}
