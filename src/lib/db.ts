/**
 * The one typed way to reach the database below Payload (raw SQL, single conditional UPDATEs,
 * locks). Query builders come from the adapter's own drizzle re-export, so they are the same
 * drizzle the adapter runs; tables are Payload's, keyed by table name (`payments`,
 * `shifts_assigned`). SQLite's drizzle has the same builder API for what is used here
 * (select, update … returning), so one type serves both; `execute` is Postgres only.
 */
import type { NodePgDatabase } from '@payloadcms/db-postgres/drizzle/node-postgres'
import type { PgTableWithColumns } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { SQL } from '@payloadcms/db-postgres/drizzle'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

export { and, asc, desc, eq, exists, gt, gte, inArray, isNotNull, isNull, like, lt, lte, ne, or, sql } from '@payloadcms/db-postgres/drizzle'
export type { SQL } from '@payloadcms/db-postgres/drizzle'

export type Db = NodePgDatabase<Record<string, unknown>>
/** A Payload table: its columns by field name (camelCase), e.g. `tableOf(payload, 'payments').appliedAt`. */
export type Table = PgTableWithColumns<any>

export function isPostgres(payload: Payload): boolean {
  return payload.db.name === 'postgres'
}

/**
 * The calendar month (`2026-03`, UTC) of a date column, for GROUP BY: `group` to group by, `label`
 * to select (built from the grouped value, so Postgres formats one string per group, not per row).
 * Payload stores dates as `timestamptz` on Postgres and as ISO text (`2026-03-14T09:30:00.000Z`) on SQLite.
 */
export function monthOf(payload: Payload, column: unknown): { group: SQL; label: SQL<string> } {
  if (!isPostgres(payload)) {
    const month = sql<string>`substr(${column}, 1, 7)`
    return { group: month, label: month }
  }
  const group = sql`date_trunc('month', ${column} at time zone 'UTC')`
  return { group, label: sql<string>`to_char(${group}, 'YYYY-MM')` }
}

/**
 * Runs the read-only queries of a report. On Postgres: in one read-only transaction, with JIT
 * compilation off (compiling a plan costs more than these GROUP BYs take to run: tens of
 * milliseconds) and room for their sorts and hash tables in memory; on SQLite as they are.
 */
export async function readForReport<T>(payload: Payload, work: (db: Db) => Promise<T>): Promise<T> {
  if (!isPostgres(payload)) return work(drizzleOf(payload))
  return drizzleOf(payload).transaction(
    async (tx) => {
      await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`)
      return work(tx as unknown as Db)
    },
    { accessMode: 'read only' },
  )
}

/** Drizzle outside any transaction. */
export function drizzleOf(payload: Payload): Db {
  return payload.db.drizzle as unknown as Db
}

/** Drizzle inside the request's transaction (Payload keeps one session per transaction), else outside. */
export async function transactionDb(req: PayloadRequest): Promise<Db> {
  const id = req.transactionID ? await req.transactionID : undefined
  const session = id !== undefined && id !== null ? req.payload.db.sessions?.[String(id)] : undefined
  return (session?.db ?? req.payload.db.drizzle) as unknown as Db
}

/** A query built with parameters that can be prepared under a name (a drizzle select). */
export type Preparable<R> = PromiseLike<R> & { prepare: (name: string) => { execute: (values?: Record<string, unknown>) => Promise<R> } }

/** Statements already prepared on the connection pool, by database and name. */
const preparedStatements = new WeakMap<object, Map<string, { execute: (values?: Record<string, unknown>) => Promise<unknown> }>>()

/**
 * Runs one of the few small queries every signed-in request asks (who is signed in, are they a
 * member) as a named prepared statement on Postgres: the server parses and plans it once per
 * connection instead of on every request. For these lookups planning took longer than running
 * (the membership check: 0.8 ms as a one-off statement, 0.3 ms prepared, at 100,000 members).
 *
 * `build` gets `param(key)` for each value: a placeholder on Postgres, filled from `values` at
 * each run, and the value itself on SQLite, which plans in-process and runs the query as built.
 * A name always stands for the same SQL: one shape of query per name. Outside a transaction the
 * prepared query is kept for the database; inside one it is prepared on the transaction's
 * session under the same name, and the connection reuses the plan it already holds.
 */
export async function runPrepared<R>(
  payload: Payload,
  db: Db,
  name: string,
  values: Record<string, unknown>,
  build: (db: Db, param: (key: string) => unknown) => Preparable<R>,
): Promise<R> {
  if (!isPostgres(payload)) return build(db, (key) => values[key])
  const placeholder = (key: string) => sql.placeholder(key)
  if (db !== drizzleOf(payload)) return build(db, placeholder).prepare(name).execute(values)
  let kept = preparedStatements.get(db)
  if (!kept) preparedStatements.set(db, (kept = new Map()))
  let statement = kept.get(name)
  if (!statement) kept.set(name, (statement = build(db, placeholder).prepare(name)))
  return statement.execute(values) as Promise<R>
}

/** A table by name: a collection slug (`payment-events` is `payment_events`) or a sub-table name. */
export function tableOf(payload: Payload, name: string): Table {
  const db = payload.db
  const table = db.tables[db.tableNameMap?.get(name.replace(/-/g, '_')) ?? name.replace(/-/g, '_')]
  if (!table) throw new Error(`There is no table ${name}.`)
  return table as Table
}

/** Rows of a raw query on Postgres (`db.execute`), whatever shape the driver returns. */
export async function rowsOf<T>(query: Promise<unknown>): Promise<T[]> {
  const result = (await query) as { rows?: T[] } | T[]
  return Array.isArray(result) ? result : (result.rows ?? [])
}

/** A round trip to the database; throws when it cannot be reached. */
export async function pingDatabase(payload: Payload, timeoutMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([payload.db.execute({ drizzle: payload.db.drizzle, raw: 'select 1' }), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * node-postgres reports a dropped idle connection (server restart, failover) as an 'error'
 * event on the pool; without a listener that event would crash the process. Log it instead:
 * the pool reconnects on the next query and /api/health reports the outage meanwhile.
 */
export function keepPoolErrorsFromCrashing(payload: Payload): void {
  if (!isPostgres(payload)) return
  payload.db.pool?.on('error', (error: Error) => payload.logger.error(`PostgreSQL connection lost: ${error.message}`))
}

/** SQLite's libsql client (tests close it to play a database that went away). */
export function sqliteClientOf(payload: Payload): { close: () => void } {
  return (payload.db as { client?: unknown }).client as { close: () => void }
}
