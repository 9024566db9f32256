import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import type { Tier, User } from '@payload-types'

import { mustVerifyEmail } from '@/access/emailVerified'
import { displayPhone } from '@/lib/contactDetails'
import { getCurrentUser, getPayloadClient, getPublicSettings, getPublicTiers, getSiteSettings } from '@/lib/payload'
import { householdListing, membershipPrice } from '@/membership/groupMembers'
import { priceLabel } from '@/membership/pricing'
import { enabledProviders } from '@/payments/provider'
import { tierPriceLabel, tierTermsLabel } from '@/membership/tiers'

import { CreateAccountForm, DetailsForm } from '../../_components/JoinForms'
import { VerifyEmailNotice } from '../../_components/VerifyEmailNotice'

export async function generateMetadata({ params }: { params: Promise<{ tierId: string }> }): Promise<Metadata> {
  const { tierId } = await params
  const tier = (await getPublicTiers()).find((t: Tier) => String(t.id) === tierId)
  return { title: tier ? `Join: ${tier.name}` : 'Tier not found' }
}

export default async function JoinPage({ params }: { params: Promise<{ tierId: string }> }) {
  const { tierId } = await params
  const tier = (await getPublicTiers()).find((t: Tier) => String(t.id) === tierId)
  if (!tier) notFound()
  const [user, { country, privacyPolicyUrl }] = await Promise.all([getCurrentUser(), getPublicSettings()])
  const household = user && tier.kind === 'household' ? await householdPrice(user, tier) : null

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Join</p>
        <h1 className="text-3xl font-bold text-brand-900">{tier.name}</h1>
        <p className="mt-1 text-slate-700">
          {tierPriceLabel(tier)} · {tierTermsLabel(tier)}
        </p>
        {household && (
          <p role="note" className="mt-2 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
            You were added to a household: you pay {priceLabel(household)}.
          </p>
        )}
      </div>

      <ol className="flex gap-4 text-sm text-slate-600" aria-label="Steps">
        <li className={user ? '' : 'font-semibold text-brand-900'} aria-current={user ? undefined : 'step'}>
          1. Your account
        </li>
        <li className={user ? 'font-semibold text-brand-900' : ''} aria-current={user ? 'step' : undefined}>
          2. Your details
        </li>
        <li>3. {tier.requiresApproval ? 'Approval, then payment' : 'Payment'}</li>
      </ol>

      <section className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {user && mustVerifyEmail(user) ? (
          // the account is made; applying waits until its owner confirms the address (src/access/emailVerified.ts)
          <>
            <h2 className="mb-4 text-xl font-semibold">Confirm your email address</h2>
            <VerifyEmailNotice email={user.email} next={`/join/${tierId}`}>
              The link brings you back here to give your details and {tier.requiresApproval ? 'send your application' : 'pay'}.
            </VerifyEmailNotice>
          </>
        ) : user ? (
          <>
            <h2 className="mb-4 text-xl font-semibold">Your details</h2>
            <p className="mb-4 text-slate-700">
              Signed in as {user.firstName} {user.lastName} ({user.email}).
            </p>
            <DetailsForm
              tierId={tierId}
              requiresApproval={Boolean(tier.requiresApproval)}
              forOrganisation={tier.kind === 'organisation'}
              providers={await enabledProviders(await getPayloadClient(), await getSiteSettings())}
              defaults={{
                phone: displayPhone(user.phone, country),
                line1: user.address?.line1 ?? '',
                line2: user.address?.line2 ?? '',
                town: user.address?.town ?? '',
                county: user.address?.county ?? '',
                postcode: user.address?.postcode ?? '',
              }}
            />
          </>
        ) : (
          <>
            <h2 className="mb-2 text-xl font-semibold">Create your account</h2>
            <p className="mb-4 text-slate-700">
              Already have one?{' '}
              <Link href={`/sign-in?next=/join/${tierId}`} className="font-medium text-brand-700 underline">
                Sign in
              </Link>
              .
            </p>
            <CreateAccountForm tierId={tierId} privacyPolicyUrl={privacyPolicyUrl} />
          </>
        )}
      </section>
    </div>
  )
}

/** The discounted price for someone the first member of a household has listed, once it applies. */
async function householdPrice(user: User, tier: Tier) {
  const payload = await getPayloadClient()
  const lead = await householdListing(payload, user, tier.id)
  if (!lead) return null
  const price = await membershipPrice(payload, { tier, household: lead.id })
  return price.discountAmount > 0 ? price : null
}
