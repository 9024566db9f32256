import fs from 'node:fs'
import path from 'node:path'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj, Payload } from 'payload'

import { databaseUrl, isPostgresUrl, isSqliteUrl } from './env'

/**
 * The database is chosen by DATABASE_URL: `file:` is embedded SQLite (development, demos,
 * tests), `postgres://` is PostgreSQL (production). Postgres migrations live in
 * `migrations/`; development and tests push the schema instead, so keep those databases
 * apart from migrated ones.
 */
export function databaseAdapter(rootDir: string): DatabaseAdapterObj {
  const url = databaseUrl()
  if (isPostgresUrl(url)) {
    return postgresAdapter({
      pool: { connectionString: url, max: Number(process.env.DATABASE_POOL_MAX) || 10 },
      migrationDir: path.resolve(rootDir, 'migrations'),
      push: process.env.DATABASE_PUSH !== 'false',
    })
  }
  if (isSqliteUrl(url)) {
    ensureSqliteDirectory(url)
    return sqliteAdapter({
      client: { url },
      migrationDir: path.resolve(rootDir, 'migrations/sqlite'),
    })
  }
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url}".`)
}

function ensureSqliteDirectory(url: string) {
  const file = url.replace(/^file:(\/\/)?/i, '').split('?')[0]!
  if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
}

/** A round trip to the database; throws when it cannot be reached. */
export async function pingDatabase(payload: Payload, timeoutMs = 3000): Promise<void> {
  const db = payload.db as unknown as {
    drizzle: unknown
    execute: (args: { drizzle: unknown; raw: string }) => Promise<unknown>
  }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([db.execute({ drizzle: db.drizzle, raw: 'select 1' }), timeout])
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
  const pool = (payload.db as unknown as { pool?: { on: (event: 'error', listener: (error: Error) => void) => void } }).pool
  pool?.on('error', (error) => payload.logger.error(`PostgreSQL connection lost: ${error.message}`))
}
