'use client'

import { useFormFields, useRowLabel } from '@payloadcms/ui'

import type { RefundEntry } from '@/admin/describe'
import { describeRefund } from '@/admin/describe'
import { useUserName } from '@/admin/useUserName'

/** A refund of a payment in words: "£2.00 refunded by Rita Refunds on 3 Dec 2026: …". */
export function RefundRowLabel() {
  const { data } = useRowLabel<RefundEntry & { by?: unknown }>()
  const currency = useFormFields(([fields]) => fields.currency?.value)
  const by = useUserName(data?.by)
  return <span data-hangar-component="RefundRowLabel">{describeRefund(data ?? {}, typeof currency === 'string' ? currency : 'GBP', by)}</span>
}
