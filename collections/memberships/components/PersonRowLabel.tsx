'use client'

import { useRowLabel } from '@payloadcms/ui'

import { formatDay } from '@/admin/describe'

/** A seat holder or household member by email: "pat@example.org, added on 3 Dec 2026". */
export function PersonRowLabel() {
  const { data, rowNumber } = useRowLabel<{ email?: string; addedAt?: string }>()
  const added = formatDay(data?.addedAt)
  const who = data?.email || `Person ${(rowNumber ?? 0) + 1} (no email yet)`
  return <span data-hangar-component="PersonRowLabel">{added ? `${who}, added on ${added}` : who}</span>
}
