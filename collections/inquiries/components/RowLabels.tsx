'use client'

import { useRowLabel } from '@payloadcms/ui'

import { useUserName } from '@/admin/useUserName'
import { INQUIRY_STATUS_LABELS, isInquiryStatus } from '@/inquiries/lifecycle'

const when = (at: unknown) =>
  typeof at === 'string' && at ? new Date(at).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC' : ''
const status = (value: unknown) => (isInquiryStatus(value) ? INQUIRY_STATUS_LABELS[value] : '—')

/** A message of the thread: "From the visitor, 6 Dec 2026, 14:05 UTC" or "Our reply by Sid Secretary, …". */
export function MessageRowLabel() {
  const { data } = useRowLabel<{ direction?: string; at?: string; by?: unknown; subject?: string }>()
  const by = useUserName(data?.by)
  const who = data?.direction === 'out' ? `Our reply${by ? ` by ${by}` : ''}` : 'From the visitor'
  return <span data-hangar-component="InquiryMessageRowLabel">{`${who}, ${when(data?.at)}${data?.subject ? ` — ${data.subject}` : ''}`}</span>
}

/** A status change: "New → Assigned by Sid Secretary, 6 Dec 2026, 14:05 UTC: Assigned to Chris Coordinator". */
export function HistoryRowLabel() {
  const { data } = useRowLabel<{ from?: string | null; to?: string; at?: string; by?: unknown; reason?: string | null }>()
  const by = useUserName(data?.by)
  const change = data?.from ? `${status(data.from)} → ${status(data?.to)}` : status(data?.to)
  return <span data-hangar-component="InquiryHistoryRowLabel">{`${change}${by ? ` by ${by}` : ''}, ${when(data?.at)}${data?.reason ? `: ${data.reason}` : ''}`}</span>
}

/** An assignment: "To Chris Coordinator (from Sid Secretary) by Sid Secretary, …". */
export function AssignmentRowLabel() {
  const { data } = useRowLabel<{ from?: unknown; to?: unknown; at?: string; by?: unknown }>()
  const to = useUserName(data?.to)
  const previous = useUserName(data?.from)
  const by = useUserName(data?.by)
  return <span data-hangar-component="InquiryAssignmentRowLabel">{`To ${to ?? '…'}${previous ? ` (from ${previous})` : ''}${by ? ` by ${by}` : ''}, ${when(data?.at)}`}</span>
}
