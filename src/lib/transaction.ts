import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import type { User } from '@payload-types'

import { isPostgres, sql, transactionDb } from './db'
import { acquireKey } from './keyedLock'

/**
 * What the outermost `inTransaction` of a request holds: SQLite's keyed locks, released at its end,
 * and what must happen outside the database once its outcome is known (see `whenSettled`).
 */
type Scope = { held: Map<string, () => void>; settled: Array<(committed: boolean) => Promise<void>> }
const scopes = new WeakMap<PayloadRequest, Scope>()

/** A request for work done outside an HTTP request (jobs, server actions, webhooks): as `user`, or the system. */
export async function systemRequest(payload: Payload, user?: User | null): Promise<PayloadRequest> {
  return createLocalReq({ user: user ?? undefined }, payload)
}

/**
 * Runs `work` in the request's database transaction, as Payload's own operations do: when `req`
 * already has one (an endpoint inside an operation, a hook, a nested call) `work` simply joins
 * it; otherwise this call begins it, commits it when `work` returns and rolls it back when it
 * throws. Locks taken with `serialise` / `findLocked` are held until the outermost call ends.
 */
export async function inTransaction<T>(req: PayloadRequest, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  if (scopes.has(req)) return work(req)
  const scope: Scope = { held: new Map(), settled: [] }
  scopes.set(req, scope)
  let owns = false
  let committed = false
  try {
    owns = await initTransaction(req)
    const result = await work(req)
    if (owns) await commitTransaction(req)
    committed = true
    return result
  } catch (error) {
    if (owns) await killTransaction(req)
    throw error
  } finally {
    scopes.delete(req)
    for (const release of [...scope.held.values()].reverse()) release()
    for (const settle of scope.settled) {
      await settle(committed).catch((error) => req.payload.logger.error({ err: error }, 'Finishing work after a transaction failed'))
    }
  }
}

/**
 * Work outside the database that must follow the transaction's outcome (deleting files whose rows
 * a transaction deletes): `settle(true)` runs after the outermost `inTransaction` commits,
 * `settle(false)` after it rolls back. Outside a transaction it runs at once, as committed.
 */
export async function whenSettled(req: PayloadRequest, settle: (committed: boolean) => Promise<void>): Promise<void> {
  const scope = scopes.get(req)
  if (scope) scope.settled.push(settle)
  else await settle(true)
}

/**
 * Makes work on `key` (e.g. `memberships:12`) run one at a time until the request's transaction
 * ends: a transaction-scoped advisory lock on Postgres, an in-process keyed lock on SQLite (one
 * process, and Payload runs it without transactions). Taking a key the request already holds is
 * free. Callers that take several keys take them in one fixed order. Outside `inTransaction`,
 * SQLite has nothing to hold the lock for, and it is skipped.
 */
export async function serialise(req: PayloadRequest, key: string): Promise<void> {
  if (isPostgres(req.payload)) {
    const db = await transactionDb(req)
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`)
    return
  }
  const scope = scopes.get(req)
  if (!scope || scope.held.has(key)) return
  scope.held.set(key, await acquireKey(key))
}
