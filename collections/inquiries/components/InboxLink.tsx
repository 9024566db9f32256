import type { Payload, TypedUser } from 'payload'

import type { Inquiry } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { INQUIRY_STATUSES, INQUIRY_STATUS_LABELS, INQUIRY_TYPES, INQUIRY_TYPE_LABELS, WAITING_FOR_US } from '@/inquiries/lifecycle'

type Props = { payload: Payload; user?: TypedUser | null }

const LIST = '/admin/collections/inquiries'
const link = { color: 'var(--theme-text)', textDecoration: 'underline', marginRight: 12 } as const

/**
 * Above the inquiries list, the inbox: the overdue inquiries first (waiting for our reply past
 * their follow-up date, longest first), then one-click filters by status, assignee (mine,
 * unassigned) and type; the list below takes Payload's own filters too.
 */
export async function InboxLink({ payload, user }: Props) {
  if (!user || !reachesAll('inquiries', user as Actor, 'read')) return null
  const now = new Date().toISOString()
  const { docs: overdue, totalDocs } = await payload.find({
    collection: 'inquiries',
    where: { and: [{ status: { in: [...WAITING_FOR_US] } }, { followUpDue: { less_than_equal: now } }] },
    sort: 'followUpDue',
    limit: 10,
    depth: 1,
    overrideAccess: false,
    user,
  })
  return (
    <section data-hangar-component="InquiryInbox" aria-labelledby="hangar-inquiry-inbox" style={{ marginBottom: 'calc(var(--base) * 1.5)' }}>
      <h2 id="hangar-inquiry-inbox" style={{ marginBottom: 'calc(var(--base) / 2)' }}>
        Inbox
      </h2>
      <div style={{ marginBottom: 'calc(var(--base) / 2)' }} data-testid="inquiry-overdue">
        <strong>Overdue ({totalDocs})</strong>
        {overdue.length === 0 ? (
          <span> — nothing is waiting past its follow-up date.</span>
        ) : (
          <ol style={{ margin: '4px 0 0 1.2em' }}>
            {(overdue as Inquiry[]).map((inquiry) => (
              <li key={inquiry.id}>
                <a href={`${LIST}/${inquiry.id}`} style={link}>
                  {inquiry.subject}
                </a>
                {inquiry.name} · due {new Date(inquiry.followUpDue!).toLocaleDateString('en-GB')}
                {inquiry.assignee && typeof inquiry.assignee === 'object' ? ` · ${inquiry.assignee.firstName} ${inquiry.assignee.lastName}` : ' · unassigned'}
              </li>
            ))}
          </ol>
        )}
      </div>
      <p style={{ margin: '4px 0' }}>
        Status:{' '}
        {INQUIRY_STATUSES.map((status) => (
          <a key={status} href={`${LIST}?where[status][equals]=${status}`} style={link}>
            {INQUIRY_STATUS_LABELS[status]}
          </a>
        ))}
      </p>
      <p style={{ margin: '4px 0' }}>
        Assignee:{' '}
        <a href={`${LIST}?where[assignee][equals]=${user.id}`} style={link}>
          Mine
        </a>
        <a href={`${LIST}?where[assignee][exists]=false`} style={link}>
          Unassigned
        </a>
        · Type:{' '}
        {INQUIRY_TYPES.map((type) => (
          <a key={type} href={`${LIST}?where[type][equals]=${type}`} style={link}>
            {INQUIRY_TYPE_LABELS[type]}
          </a>
        ))}
      </p>
    </section>
  )
}
