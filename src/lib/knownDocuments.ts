/**
 * Documents a request has already read, so a check that only asks "does it exist?" need not ask
 * the database again: the input guards' reference check (plugins/input-guards/references.ts)
 * skips an id the request's own hooks just read (an RSVP's event) and the signed-in person (its
 * `member`). An RSVP took two statements fewer inside its transaction this way.
 *
 * What was read inside a transaction is known only in that transaction (it may have been created
 * there and rolled back since); the signed-in person was read when the request began and is
 * known throughout. Kept with the request's data loader, as the membership check keeps its
 * answers (src/access/membership.ts), and gone with it.
 */
import type { PayloadRequest } from 'payload'

type Known = Map<string, Set<string>>
const kept: WeakMap<object, Known> = ((globalThis as Record<symbol, WeakMap<object, Known> | undefined>)[Symbol.for('hangar.knownDocuments')] ??= new WeakMap())

const requestKey = (req: PayloadRequest): object => req.payloadDataLoader ?? req
const transactionOf = (req: PayloadRequest): string => {
  const id = req.transactionID
  return typeof id === 'string' || typeof id === 'number' ? String(id) : ''
}

/** `collection`'s document `id` was read by this request, in its transaction now. */
export function rememberExists(req: PayloadRequest, collection: string, id: number | string): void {
  const key = requestKey(req)
  const known = kept.get(key) ?? new Map<string, Set<string>>()
  kept.set(key, known)
  const transaction = transactionOf(req)
  const ids = known.get(transaction) ?? new Set<string>()
  known.set(transaction, ids)
  ids.add(`${collection}:${String(id)}`)
}

/** Whether this request read `collection`'s document `id` in its transaction now, or signed in as it. */
export function knownToExist(req: PayloadRequest, collection: string, id: number | string): boolean {
  const user = req.user as { id?: number | string; collection?: string } | null | undefined
  if (user && user.collection === collection && String(user.id) === String(id)) return true
  return kept.get(requestKey(req))?.get(transactionOf(req))?.has(`${collection}:${String(id)}`) ?? false
}
