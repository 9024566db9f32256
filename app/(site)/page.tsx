import Link from 'next/link'

import { getSignedInUser, getPublicSettings, getPublicTiers } from '@/lib/payload'

import { TierList } from './_components/TierList'

export default async function HomePage() {
  const [user, { organisationName }, tiers] = await Promise.all([getSignedInUser(), getPublicSettings(), getPublicTiers()])

  return (
    <div className="space-y-8">
      <section aria-labelledby="welcome" className="rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 id="welcome" className="text-3xl font-bold text-brand-900">
          {organisationName}
        </h1>
        <p className="mt-3 max-w-2xl text-lg text-slate-700">
          Members&apos; site: your membership, meetings and events, volunteering and documents in one place.
        </p>
        <div className="mt-6">
          {user ? (
            <Link href="/account" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
              Go to my account
            </Link>
          ) : (
            <Link href="/sign-in" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
              Sign in
            </Link>
          )}
        </div>
      </section>
      <section aria-labelledby="tiers" className="space-y-4">
        <h2 id="tiers" className="text-2xl font-semibold text-brand-900">
          Membership
        </h2>
        <TierList tiers={tiers} />
      </section>
    </div>
  )
}
