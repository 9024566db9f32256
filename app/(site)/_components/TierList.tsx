import { RichText } from '@payloadcms/richtext-lexical/react'
import Link from 'next/link'

import type { Tier } from '@payload-types'

import { tierPriceLabel, tierTermsLabel } from '@/membership/tiers'

export function TierList({ tiers, headingLevel = 'h3' }: { tiers: Tier[]; headingLevel?: 'h2' | 'h3' }) {
  const Heading = headingLevel
  if (tiers.length === 0) {
    return <p className="text-slate-700">No membership tiers are offered at the moment.</p>
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {tiers.map((tier) => (
        <li key={tier.id} className="flex flex-col rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <Heading className="text-xl font-semibold text-brand-900">{tier.name}</Heading>
          <p className="mt-2 text-2xl font-bold text-slate-900">{tierPriceLabel(tier)}</p>
          <p className="mt-1 text-sm text-slate-600">{tierTermsLabel(tier)}</p>
          {tier.requiresApproval && <p className="mt-1 text-sm text-slate-600">Applications are approved by the committee.</p>}
          {tier.description && <p className="mb-4 mt-3 text-slate-700">{tier.description}</p>}
          {tier.benefits && (
            <div className="prose prose-slate mt-3 text-slate-700">
              <RichText data={tier.benefits} />
            </div>
          )}
          <Link
            href={`/join/${tier.id}`}
            className="mt-auto inline-block self-start rounded bg-brand-700 px-4 py-2 pt-2 font-medium text-white hover:bg-brand-900"
            aria-label={`Join: ${tier.name}`}
          >
            {tier.requiresApproval ? 'Apply' : 'Join'}
          </Link>
        </li>
      ))}
    </ul>
  )
}
