import type { Metadata } from 'next'
import Link from 'next/link'

import { formatDay } from '@/email/variables'
import { getCurrentUser, getPayloadClient } from '@/lib/payload'
import { formatMoney } from '@/lib/money'
import { decodedPathToken } from '@/lib/routeParams'
import { membershipPrice } from '@/membership/groupMembers'
import { STATUS_LABELS } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { findRenewal } from '@/membership/renewalLinks'
import { enabledProviders } from '@/payments/provider'

import { RenewForm } from './RenewForm'

export const metadata: Metadata = { title: 'Renew your membership', referrer: 'no-referrer' }

/**
 * Where the link in a renewal reminder or lapsed email leads (src/membership/renewalLinks.ts).
 * Opening it shows what is due and changes nothing; "Renew" goes on to the payment.
 */
export default async function RenewPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodedPathToken((await params).token)
  const payload = await getPayloadClient()
  const renewal = await findRenewal(payload, token)
  if (!renewal) {
    return (
      <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-2xl font-bold text-brand-900">Renew your membership</h1>
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          This renewal link has expired or no longer matches your account.{' '}
          <Link href="/sign-in?next=/account" className="underline">
            Sign in to renew from your account page
          </Link>
          .
        </p>
      </div>
    )
  }
  const { membership, member, tier } = renewal
  const [user, providers, price] = await Promise.all([getCurrentUser(), enabledProviders(payload), membershipPrice(payload, membership)])
  const ended = membership.periodEnd && new Date(membership.periodEnd) <= new Date()
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Renew your membership</h1>
      <p className="mt-2 text-slate-700">Hello {member.firstName},</p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">Membership</dt>
        <dd>
          {tier.name}
          {membership.membershipNumber ? ` (${membership.membershipNumber})` : ''}
        </dd>
        <dt className="text-slate-600">Status</dt>
        <dd>{STATUS_LABELS[membership.status as MembershipStatus] ?? membership.status}</dd>
        {membership.periodEnd && (
          <>
            <dt className="text-slate-600">{ended ? 'Ended on' : 'Ends on'}</dt>
            <dd>{formatDay(membership.periodEnd)}</dd>
          </>
        )}
        <dt className="text-slate-600">To pay</dt>
        <dd className="font-semibold">{formatMoney(price)}</dd>
      </dl>
      {!renewal.payable ? (
        <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          There is nothing to pay for this membership now: it has been renewed, or can no longer be renewed online.{' '}
          <Link href="/account" className="underline">
            See your account
          </Link>
          .
        </p>
      ) : providers.length === 0 ? (
        <p role="alert" className="mt-6 text-slate-800">Online payment is not available at the moment. Please contact us to renew.</p>
      ) : (
        <>
          {user && user.id !== member.id && (
            <p className="mt-4 text-sm text-slate-700">You are signed in as someone else. Renewing asks for a code sent to this membership’s email address, and then signs you in as its member.</p>
          )}
          <RenewForm token={token} providers={providers} price={formatMoney(price)} />
        </>
      )}
      <p className="mt-6 text-xs text-slate-600">This link is personal: it works until {formatDay(renewal.expiresAt)}. Please don’t forward the email.</p>
    </div>
  )
}
