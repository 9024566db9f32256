import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import type { Event } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { eventWhen } from '@/events/labels'
import { eventPath } from '@/events/links'
import { getSignedInUser, getSiteRequest } from '@/lib/payload'

import { EVENT_TYPES } from '../../../../collections/events'
import { ProposalForm } from './ProposalForm'
import type { ProposalValues } from './ProposalForm'

export const metadata: Metadata = { title: 'Propose an event' }

const STATUS_WORDS: Record<string, string> = {
  proposed: 'Waiting for the organisers',
  published: 'Approved and published',
  rejected: 'Not accepted: change it and resubmit',
  draft: 'Draft',
  cancelled: 'Cancelled',
}
const typeLabel = (value: string) => (value === 'agm' ? 'AGM' : value.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()))
/** A stored time as a datetime-local input's value (UTC, as the server reads it back). */
const local = (value?: string | null) => (value ? new Date(value).toISOString().slice(0, 16) : '')

/** Plain text of the rich text description (its paragraphs), to change it in a textarea. */
function plainText(description: Event['description']): string {
  const children = (description as { root?: { children?: Array<{ children?: Array<{ text?: string }> }> } } | null | undefined)?.root?.children ?? []
  return children.map((block) => (block.children ?? []).map((node) => node.text ?? '').join('')).join('\n\n')
}

/**
 * Members propose events here (SPEC §6): the organisers are emailed, decide, and a rejected
 * proposal comes back with the reason, for the member to change and resubmit. "Your proposals"
 * lists them with where each stands.
 */
export default async function ProposePage({ searchParams }: { searchParams: Promise<{ edit?: string; sent?: string }> }) {
  const [user, req, { edit, sent }] = await Promise.all([getSignedInUser(), getSiteRequest(), searchParams])
  if (!user) redirect('/sign-in?next=/events/propose')
  const staff = reachesAll('events', user as Actor, 'create')
  const { docs } = await req.payload.find({
    collection: 'events',
    where: { proposedBy: { equals: user.id } },
    sort: '-createdAt',
    limit: 50,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    req,
  })
  const proposals = docs as Event[]
  const editing = edit ? proposals.find((p) => String(p.id) === edit && (p.status === 'rejected' || p.status === 'draft')) : undefined
  const initial: ProposalValues | undefined = editing
    ? {
        edit: String(editing.id),
        title: editing.title,
        type: editing.type,
        startsAt: local(editing.startsAt),
        endsAt: local(editing.endsAt),
        location: editing.location ?? '',
        summary: editing.summary ?? '',
        description: plainText(editing.description),
      }
    : undefined
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">{editing ? 'Change your proposal' : 'Propose an event'}</h1>
      {sent && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Thank you: your proposal is with the organisers, who have been emailed. We will email you when they decide.
        </p>
      )}
      {staff ? (
        <p className="text-slate-700">
          You organise events: add them in the{' '}
          <a href="/admin/collections/events/create" className="font-medium text-brand-700 underline">
            admin panel
          </a>
          .
        </p>
      ) : (
        <section className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {editing?.decisionReason && (
            <p className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">The organisers’ reason: {editing.decisionReason}</p>
          )}
          <p className="mb-4 text-slate-700">The organisers decide whether it goes ahead; a proposal is seen only by you and them until it is published.</p>
          <ProposalForm key={editing?.id ?? 'new'} types={EVENT_TYPES.map((value) => ({ value, label: typeLabel(value) }))} initial={initial} />
        </section>
      )}
      <section aria-labelledby="mine">
        <h2 id="mine" className="text-xl font-semibold">
          Your proposals
        </h2>
        {proposals.length === 0 ? (
          <p className="mt-2 text-slate-700">You have not proposed an event yet.</p>
        ) : (
          <ul className="mt-3 space-y-3" data-testid="my-proposals">
            {proposals.map((p) => (
              <li key={p.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
                <p className="font-medium">
                  {p.status === 'published' ? (
                    <Link href={eventPath(p)} className="text-brand-800 underline">
                      {p.title}
                    </Link>
                  ) : (
                    p.title
                  )}
                </p>
                <p className="text-sm text-slate-700">{eventWhen(p)}</p>
                <p className="text-sm" data-testid="proposal-status">
                  {STATUS_WORDS[p.status] ?? p.status}
                </p>
                {p.status === 'rejected' && p.decisionReason && <p className="text-sm text-slate-800">Reason: {p.decisionReason}</p>}
                {(p.status === 'rejected' || p.status === 'draft') && (
                  <Link href={`/events/propose?edit=${p.id}`} className="text-sm font-medium text-brand-700 underline">
                    Change and resubmit
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
