'use client'

import { useRowLabel } from '@payloadcms/ui'

import type { HistoryEntry } from '@/admin/describe'
import { describeHistoryEntry } from '@/admin/describe'
import { useUserName } from '@/admin/useUserName'

/** A row of a membership's history in words: "Approved by Alex Admin on 3 Dec 2026: …". */
export function HistoryRowLabel() {
  const { data } = useRowLabel<HistoryEntry & { actor?: unknown }>()
  const actor = useUserName(data?.actor)
  return <span data-hangar-component="HistoryRowLabel">{describeHistoryEntry(data ?? {}, actor)}</span>
}
