import fs from 'node:fs'
import path from 'node:path'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { membershipHistoryByDate, membershipsByPeriodEnd } from '../../collections/memberships/periodEndIndex'

import { databaseUrl, isPostgresUrl, isSqliteUrl } from './env'
import { statementLogger } from './statementLog'

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
      logger: statementLogger,
      afterSchemaInit: [membershipsByPeriodEnd, membershipHistoryByDate],
    })
  }
  if (isSqliteUrl(url)) {
    ensureSqliteDirectory(url)
    return sqliteAdapter({
      client: { url },
      push: process.env.DATABASE_PUSH !== 'false',
      migrationDir: path.resolve(rootDir, 'migrations/sqlite'),
      logger: statementLogger,
    })
  }
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url}".`)
}

function ensureSqliteDirectory(url: string) {
  const file = url.replace(/^file:(\/\/)?/i, '').split('?')[0]!
  if (file && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
}
