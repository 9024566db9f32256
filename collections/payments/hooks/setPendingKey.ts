import type { CollectionBeforeChangeHook } from 'payload'

import type { Payment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { pendingKeyOf } from '@/payments/ledger'

/**
 * Keeps `pendingKey` (`<membership>:<provider>` while the payment is pending, else empty) in
 * step with the status; its unique index allows one pending payment per membership and provider.
 */
export const setPendingKey: CollectionBeforeChangeHook<Payment> = ({ data, originalDoc }) => {
  const merged = { ...originalDoc, ...data }
  return { ...data, pendingKey: pendingKeyOf(merged, idOf(merged.membership)) }
}
