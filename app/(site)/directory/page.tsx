import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { getSignedInUser, getSiteRequest } from '@/lib/payload'
import { displayPhone, phoneHref } from '@/lib/contactDetails'
import { mayBrowseDirectory, searchDirectory } from '@/members/directory'

export const metadata: Metadata = { title: 'Member directory' }

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<{ search?: string; tier?: string; page?: string }> }) {
  const [params, user] = await Promise.all([searchParams, getSignedInUser()])
  if (!user) redirect('/sign-in?next=/directory')
  const req = await getSiteRequest()
  const heading = <h1 className="text-3xl font-bold text-brand-900">Member directory</h1>
  if (!(await mayBrowseDirectory(req))) {
    return (
      <div className="space-y-4">
        {heading}
        <p className="text-slate-700">
          The directory is for members with a current membership. <Link href="/tiers" className="font-medium text-brand-700 underline">See our memberships</Link>.
        </p>
      </div>
    )
  }
  const [result, tiers] = await Promise.all([
    searchDirectory(req, params),
    // the tiers this person may see (public ones, for a member): a private tier's name stays private
    req.payload.find({ collection: 'tiers', sort: 'name', depth: 0, limit: 100, pagination: false, overrideAccess: false, req }),
  ])
  const pageLink = (page: number) => `/directory?${new URLSearchParams({ ...(params.search ? { search: params.search } : {}), ...(params.tier ? { tier: params.tier } : {}), page: String(page) })}`
  return (
    <div className="space-y-6">
      {heading}
      <p className="text-slate-700">
        Members choose what others see of them here; nothing is shown until they do.{' '}
        <Link href="/account/profile#directory-choices" className="font-medium text-brand-700 underline">
          Choose what you show
        </Link>
        .
      </p>
      <form method="get" role="search" className="grid gap-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_14rem_auto] sm:items-end">
        <div>
          <label htmlFor="search" className="block font-medium text-slate-800">
            Name or organisation
          </label>
          <input id="search" name="search" type="search" defaultValue={params.search ?? ''} maxLength={100} className={inputClass} />
        </div>
        <div>
          <label htmlFor="tier" className="block font-medium text-slate-800">
            Membership
          </label>
          <select id="tier" name="tier" defaultValue={params.tier ?? ''} className={inputClass}>
            <option value="">All memberships</option>
            {tiers.docs.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          Search
        </button>
      </form>
      {result.cards.length === 0 ? (
        <p role="status" className="text-slate-700">
          No members to show{params.search ? ` for “${params.search}”` : ''}.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {result.cards.map((card) => (
            <li key={card.id} data-testid="directory-card" className="flex gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              {card.photo ? (
                // eslint-disable-next-line @next/next/no-img-element -- a private photo served by the API
                <img src={card.photo} alt={card.name ? `Photo of ${card.name}` : 'Photo of a member'} width={64} height={64} className="h-16 w-16 shrink-0 rounded-full object-cover" />
              ) : null}
              <div className="min-w-0 space-y-1">
                <p className="font-semibold text-slate-900">{card.name ?? 'A member'}</p>
                {card.organisation && <p className="text-slate-700">{card.organisation}</p>}
                {card.email && (
                  <p className="truncate">
                    <a href={`mailto:${card.email}`} className="text-brand-700 underline">
                      {card.email}
                    </a>
                  </p>
                )}
                {card.phone && (
                  <p>
                    <a href={phoneHref(card.phone)} className="text-brand-700 underline">
                      {displayPhone(card.phone)}
                    </a>
                  </p>
                )}
                {card.customFields?.length ? (
                  <dl className="text-slate-700">
                    {card.customFields.map((field) => (
                      <div key={field.key} className="flex flex-wrap gap-x-1">
                        <dt className="font-medium">{field.label}:</dt>
                        <dd className="whitespace-pre-line">{field.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Directory pages" className="flex gap-4">
        {result.page > 1 && (
          <Link href={pageLink(result.page - 1)} className="font-medium text-brand-700 underline">
            Previous page
          </Link>
        )}
        {result.hasNextPage && (
          <Link href={pageLink(result.page + 1)} className="font-medium text-brand-700 underline">
            Next page
          </Link>
        )}
      </nav>
    </div>
  )
}
