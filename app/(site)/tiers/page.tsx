import type { Metadata } from 'next'
import Link from 'next/link'

import { getPublicTiers } from '@/lib/payload'

import { TierList } from '../_components/TierList'

export const metadata: Metadata = { title: 'Membership tiers' }

export default async function TiersPage() {
  const tiers = await getPublicTiers()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">Membership tiers</h1>
      <p className="max-w-2xl text-slate-700">Fees are per year. Choose the tier that fits you or your organisation.</p>
      <TierList tiers={tiers} headingLevel="h2" />
      <p className="text-slate-700">
        Not sure which tier is for you?{' '}
        <Link href="/contact?type=joining" className="text-brand-700 underline">
          Ask about joining
        </Link>
      </p>
    </div>
  )
}
