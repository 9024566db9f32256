import { RichText } from '@payloadcms/richtext-lexical/react'
import type { Metadata } from 'next'

import type { Notice } from '@payload-types'

import { formatDay } from '@/email/variables'
import { getSiteRequest } from '@/lib/payload'

export const metadata: Metadata = { title: 'Notices' }

/** Notices the reader may see, newest first. */
export default async function NoticesPage() {
  const req = await getSiteRequest()
  // the newest 30, no count: the page shows no total
  const { docs } = await req.payload.find({ collection: 'notices', sort: '-publishAt', limit: 30, pagination: false, depth: 0, overrideAccess: false, req })
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">Notices</h1>
      {docs.length === 0 && <p className="text-slate-700">No notices yet.</p>}
      {(docs as Notice[]).map((notice) => (
        <article key={notice.id} id={`notice-${notice.id}`} className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-xl font-semibold">{notice.title}</h2>
          <p className="text-sm text-slate-600">{formatDay(notice.publishAt)}</p>
          <div className="prose mt-3 max-w-none">
            <RichText data={notice.body as never} />
          </div>
        </article>
      ))}
    </div>
  )
}
