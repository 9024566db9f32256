import type { Payload, PayloadRequest, Where } from 'payload'

import { isUniqueViolation } from './errors'
import { inTransaction, serialise, systemRequest } from './transaction'

/** Ledgers with a unique index over what may happen only once (a reminder step). */
export type OnceLedger = 'reminders' | 'certificate-reminders'

/**
 * Writes the ledger row for something that must happen once, and does it, in one transaction.
 * False when the row already exists, or when a concurrent claim wins the unique index: a second
 * run, worker or retry then does nothing. `serialiseOn` keeps SQLite's claims one at a time.
 */
export async function claimOnce(
  payload: Payload,
  claim: { ledger: OnceLedger; where: Where; data: Record<string, unknown>; serialiseOn: string },
  work: (req: PayloadRequest, claimId: number) => Promise<void>,
): Promise<boolean> {
  try {
    return await inTransaction(await systemRequest(payload), async (req) => {
        await serialise(req, claim.serialiseOn)
        if ((await payload.count({ collection: claim.ledger, where: claim.where, req, overrideAccess: true })).totalDocs > 0) return false
        const row = await payload.create({ collection: claim.ledger, data: claim.data as never, req, overrideAccess: true, depth: 0 })
        await work(req, row.id)
        return true
    })
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}
