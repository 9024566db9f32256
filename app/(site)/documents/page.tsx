import type { Metadata } from 'next'
import Link from 'next/link'

import type { Document } from '@payload-types'

import { formatDay } from '@/email/variables'
import { getSignedInUser, getSiteRequest } from '@/lib/payload'

export const metadata: Metadata = { title: 'Documents' }

const CATEGORIES = ['minutes', 'manuals', 'policies', 'forms', 'other'] as const

/** The library: only what the reader may open (the file URLs are guarded the same way). */
export default async function DocumentsPage({ searchParams }: { searchParams: Promise<{ category?: string }> }) {
  const { category } = await searchParams
  const [user, req] = await Promise.all([getSignedInUser(), getSiteRequest()])
  const chosen = CATEGORIES.find((c) => c === category)
  // the newest 100, no count: the page shows no total
  const { docs } = await req.payload.find({
    collection: 'documents',
    where: chosen ? { category: { equals: chosen } } : undefined,
    sort: '-createdAt',
    limit: 100,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">Documents</h1>
      <nav aria-label="Categories" className="flex flex-wrap gap-3 text-sm">
        <Link href="/documents" aria-current={!chosen ? 'page' : undefined} className={!chosen ? 'font-semibold' : 'underline'}>
          All
        </Link>
        {CATEGORIES.map((c) => (
          <Link key={c} href={`/documents?category=${c}`} aria-current={chosen === c ? 'page' : undefined} className={chosen === c ? 'font-semibold' : 'underline'}>
            {c[0]!.toUpperCase() + c.slice(1)}
          </Link>
        ))}
      </nav>
      {docs.length === 0 ? (
        <p className="text-slate-700">{user ? 'No documents here yet.' : 'Sign in to see members’ documents.'}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {(docs as Document[]).map((doc) => (
            <li key={doc.id} className="p-4">
              <a href={doc.url ?? '#'} className="font-medium text-brand-700 underline">
                {doc.title}
              </a>
              <span className="ml-2 text-sm text-slate-600">
                {doc.category} · {formatDay(doc.createdAt)}
              </span>
              {doc.description && <p className="text-sm text-slate-700">{doc.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
