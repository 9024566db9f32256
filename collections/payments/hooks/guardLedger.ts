import type { CollectionBeforeChangeHook } from 'payload'

import { RefusedError } from '@/lib/errors'
import { nextSettingsCounter } from '@/lib/counters'
import { formatReceiptNumber } from '@/payments/ledger'

/** What a payment is — who, for what, how much, how — is fixed once it is recorded. */
const FIXED_FIELDS = ['amount', 'currency', 'method', 'member', 'membership', 'rsvp', 'purpose', 'idempotencyKey'] as const

const sameValue = (a: unknown, b: unknown) => {
  const id = (v: unknown) => (v && typeof v === 'object' && 'id' in v ? (v as { id: unknown }).id : v)
  return id(a) === id(b)
}

/** Refuses edits to a recorded payment's substance, and numbers a receipt when it succeeds. */
export const guardLedger: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation === 'update' && originalDoc) {
    const changed = FIXED_FIELDS.filter((field) => field in data && !sameValue(data[field], originalDoc[field]))
    if (changed.length > 0) {
      throw new RefusedError(`A recorded payment's ${changed.join(', ')} cannot be changed; record a refund or a new payment instead.`, 409)
    }
  }
  const status = data.status ?? originalDoc?.status
  if (status === 'succeeded' && !(data.receiptNumber ?? originalDoc?.receiptNumber)) {
    const sequence = await nextSettingsCounter(req, 'lastReceiptNumber')
    return { ...data, receiptNumber: formatReceiptNumber(new Date(data.paidAt ?? Date.now()).getUTCFullYear(), sequence) }
  }
  return data
}
