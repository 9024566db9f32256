import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { Mutex } from 'async-mutex'

import type { User } from '@payload-types'

/**
 * On SQLite, Payload's transactions do not keep two requests from reading the same document
 * and both writing it back (Postgres has row locks for that, see rowLock.ts). SQLite runs in
 * one process, so a mutex per document does the same job there.
 */
const sqliteLocks = new Map<string, Mutex>()

function sqliteLock(key: string): Mutex {
  let mutex = sqliteLocks.get(key)
  if (!mutex) sqliteLocks.set(key, (mutex = new Mutex()))
  return mutex
}

/**
 * Runs `work` as `user` in one database transaction: committed when it returns, rolled back
 * when it throws. Endpoints and server actions that change several documents use it so a
 * refusal halfway leaves nothing behind. `serialiseOn` names the document the work changes
 * (e.g. `memberships:12`), or several: on SQLite, work on the same document runs one at a time.
 */
export async function inTransaction<T>(
  payload: Payload,
  user: User | null | undefined,
  work: (req: PayloadRequest) => Promise<T>,
  options: { serialiseOn?: string | readonly string[] } = {},
): Promise<T> {
  const keys = options.serialiseOn === undefined ? [] : typeof options.serialiseOn === 'string' ? [options.serialiseOn] : options.serialiseOn
  if (keys.length > 0 && payload.db.name === 'sqlite') {
    // several keys are taken in the order given; callers name them in one fixed order
    const run = keys.reduceRight<() => Promise<T>>((inner, key) => () => sqliteLock(key).runExclusive(inner), () => runInTransaction(payload, user, work))
    return run()
  }
  return runInTransaction(payload, user, work)
}

async function runInTransaction<T>(payload: Payload, user: User | null | undefined, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  const shouldCommit = await initTransaction(req)
  try {
    const result = await work(req)
    if (shouldCommit) await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
