import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'

import type { Payment } from '@payload-types'

import { formatMoney } from '@/lib/money'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'

import { settle } from '../actions'

export const metadata: Metadata = { title: 'Test payment' }

export default async function DummyPaymentPage({
  params,
  searchParams,
}: {
  params: Promise<{ paymentId: string }>
  searchParams: Promise<{ declined?: string }>
}) {
  const { paymentId } = await params
  const { declined } = await searchParams
  const user = await getCurrentUser()
  if (!user) redirect(`/sign-in?next=/pay/dummy/${paymentId}`)
  const payload = await getPayloadClient()
  const payment = (await payload
    .findByID({ collection: 'payments', id: paymentId, depth: 0, overrideAccess: false, user })
    .catch(() => null)) as Payment | null
  if (!payment || payment.method !== 'dummy') notFound()

  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Test payment</h1>
      <p className="text-slate-700">
        This is the test payment provider: no card is charged. Choose what the bank would say.
      </p>
      <p className="text-3xl font-bold">{formatMoney({ amount: payment.amount, currency: payment.currency })}</p>
      {declined && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          The payment was declined. Your membership is still awaiting payment; you can try again from your account.
        </p>
      )}
      {payment.status === 'pending' ? (
        <div className="flex gap-3">
          <form action={settle}>
            <input type="hidden" name="payment" value={payment.id} />
            <input type="hidden" name="outcome" value="approve" />
            <button type="submit" className="rounded bg-green-700 px-4 py-2 font-medium text-white hover:bg-green-800">
              Approve
            </button>
          </form>
          <form action={settle}>
            <input type="hidden" name="payment" value={payment.id} />
            <input type="hidden" name="outcome" value="decline" />
            <button type="submit" className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
              Decline
            </button>
          </form>
        </div>
      ) : (
        <p className="text-slate-700">This payment is {payment.status}.</p>
      )}
    </div>
  )
}
