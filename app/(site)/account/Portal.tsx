import type { Membership, Payment, Tier, User } from '@payload-types'

import { formatMoney } from '@/lib/money'
import { getPayloadClient } from '@/lib/payload'
import type { MembershipStatus } from '@/membership/lifecycle'
import { STATUS_LABELS, canPayNow } from '@/membership/lifecycle'
import { METHOD_LABELS } from '@/payments/ledger'
import type { PaymentMethod } from '@/payments/ledger'

import { payForMembership } from '../join/actions'

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const day = (value?: string | null) => (value ? dateFormat.format(new Date(value)) : '—')

const STATUS_STYLES: Partial<Record<MembershipStatus, string>> = {
  active: 'bg-green-100 text-green-900',
  grace: 'bg-amber-100 text-amber-900',
  awaiting_payment: 'bg-amber-100 text-amber-900',
  applied: 'bg-sky-100 text-sky-900',
  lapsed: 'bg-slate-200 text-slate-800',
  rejected: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-200 text-slate-800',
}

/** The member's memberships and payments, read with their own access rights. */
export async function Portal({ user }: { user: User }) {
  const payload = await getPayloadClient()
  const [memberships, payments] = await Promise.all([
    payload.find({ collection: 'memberships', sort: '-createdAt', depth: 1, overrideAccess: false, user, limit: 50 }),
    payload.find({ collection: 'payments', sort: '-createdAt', depth: 0, overrideAccess: false, user, limit: 50 }),
  ])
  const now = new Date()

  return (
    <>
      <section aria-labelledby="memberships" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="memberships" className="text-xl font-semibold">
          Membership
        </h2>
        {memberships.docs.length === 0 ? (
          <p className="mt-3 text-slate-700">
            You have no membership yet. <a href="/tiers" className="font-medium text-brand-700 underline">Choose a tier</a>.
          </p>
        ) : (
          <ul className="mt-4 space-y-4">
            {(memberships.docs as Membership[]).map((m) => {
              const tier = m.tier as Tier
              const status = m.status as MembershipStatus
              return (
                <li key={m.id} className="rounded border border-slate-200 p-4" data-testid="membership">
                  <div className="flex flex-wrap items-center gap-3">
                    <h3 className="text-lg font-semibold">{typeof tier === 'object' ? tier.name : 'Membership'}</h3>
                    <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATUS_STYLES[status] ?? ''}`}>{STATUS_LABELS[status]}</span>
                  </div>
                  <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
                    <dt className="text-slate-600">Membership number</dt>
                    <dd>{m.membershipNumber ?? 'Given when you first pay'}</dd>
                    <dt className="text-slate-600">Current period</dt>
                    <dd>{m.periodStart ? `${day(m.periodStart)} to ${day(m.periodEnd)}` : '—'}</dd>
                  </dl>
                  {canPayNow(status, m.periodEnd, now) && (
                    <form action={payForMembership} className="mt-3">
                      <input type="hidden" name="membership" value={m.id} />
                      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
                        {m.membershipNumber ? 'Renew' : 'Pay now'}
                        {typeof tier === 'object' ? ` (${formatMoney({ amount: tier.fee, currency: tier.currency })})` : ''}
                      </button>
                    </form>
                  )}
                  {m.history && m.history.length > 0 && (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm text-slate-700">History</summary>
                      <ol className="mt-2 space-y-1 text-sm text-slate-700">
                        {m.history.map((h) => (
                          <li key={h.id}>
                            {day(h.at)}: {STATUS_LABELS[h.to as MembershipStatus]}
                            {h.reason ? ` — ${h.reason}` : ''}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="payments" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="payments" className="text-xl font-semibold">
          Payments
        </h2>
        {payments.docs.length === 0 ? (
          <p className="mt-3 text-slate-700">No payments yet.</p>
        ) : (
          <table className="mt-4 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-2">Date</th>
                <th scope="col">Receipt</th>
                <th scope="col">Method</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-right">Amount</th>
              </tr>
            </thead>
            <tbody>
              {(payments.docs as Payment[]).map((p) => (
                <tr key={p.id} className="border-b border-slate-100">
                  <td className="py-2">{day(p.paidAt ?? p.createdAt)}</td>
                  <td>{p.receiptNumber ?? '—'}</td>
                  <td>{METHOD_LABELS[p.method as PaymentMethod]}</td>
                  <td>{p.status.replace('_', ' ')}</td>
                  <td className="text-right">{formatMoney({ amount: p.amount, currency: p.currency })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="meetings" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="meetings" className="text-xl font-semibold">
          Upcoming meetings and events
        </h2>
        <p className="mt-3 text-slate-700">Nothing is scheduled yet.</p>
      </section>
    </>
  )
}
