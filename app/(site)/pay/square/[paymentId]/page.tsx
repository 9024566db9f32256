import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'

import type { Payment } from '@payload-types'

import { formatMoney } from '@/lib/money'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { paymentProvider } from '@/payments/provider'

import { SquareCardForm } from './SquareCardForm'

export const metadata: Metadata = { title: 'Pay by card' }

/** The card form for a pending Square payment; what it charges is the ledger's amount, shown here. */
export default async function SquarePaymentPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params
  const user = await getCurrentUser()
  if (!user) redirect(`/sign-in?next=/pay/square/${paymentId}`)
  const payload = await getPayloadClient()
  const payment = (await payload.findByID({ collection: 'payments', id: paymentId, depth: 0, overrideAccess: false, user }).catch(() => null)) as Payment | null
  if (!payment || payment.method !== 'square') notFound()
  if (payment.status === 'succeeded') redirect(`/pay/receipt/${payment.id}`)

  const provider = paymentProvider('square')
  const enabled = provider ? await provider.isEnabled(payload) : false
  const form = enabled && provider?.cardForm ? (provider.cardForm(payment) as { applicationId: string; locationId: string; sdkUrl: string }) : null

  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Pay by card</h1>
      <p className="text-3xl font-bold">{formatMoney({ amount: payment.amount, currency: payment.currency })}</p>
      {payment.status !== 'pending' || !form ? (
        <p role="alert" className="text-slate-800">
          This payment is {payment.status}. <a href="/account" className="font-medium text-brand-700 underline">Start again from your account</a>.
        </p>
      ) : (
        <SquareCardForm paymentId={payment.id} applicationId={form.applicationId} locationId={form.locationId} sdkUrl={form.sdkUrl} />
      )}
      <p className="text-sm text-slate-600">Card details go straight to Square, our payment processor; we never see or store them.</p>
    </div>
  )
}
