/**
 * `npm start` runs scripts/assert-migrated.ts before `next start`. These tests run that script
 * as a separate process, the way production does, against real databases.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

import { afterAll, describe, expect, it } from 'vitest'

import { isPostgresUrl } from '@/lib/env'

import { TEST_DB_PREFIX, createDatabase, dropDatabase, withClient } from './helpers/databases'
import { bootPayload } from './helpers/payload'

const fileDatabaseUrl = process.env.DATABASE_URL!
const onPostgres = isPostgresUrl(fileDatabaseUrl)

function run(command: string, args: string[], env: Record<string, string>) {
  // as a shell would start it: not in vitest's test mode
  const { NODE_ENV: _testMode, DATABASE_PUSH: _fromTheTestTemplate, ...inherited } = process.env
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...inherited, PAYLOAD_SECRET: 'production-start-test', ...env } as unknown as NodeJS.ProcessEnv,
    timeout: 120_000,
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

/**
 * Three Node processes one after another, one of them Payload's migrate: on a loaded 2-core
 * machine (CI runs the suite two files at a time) that has taken over a minute, the suite's
 * default. Each process has its own limit (run, above).
 */
const CHILD_PROCESSES_TIMEOUT = 360_000

const assertMigrated = (env: Record<string, string>) => run('node', ['scripts/payload.mjs', 'run', 'scripts/assert-migrated.ts'], env)

describe('production start', () => {
  it('refuses embedded SQLite, pointing to Postgres', () => {
    const result = assertMigrated({ DATABASE_URL: 'file:./data/never-created.db' })
    expect(result.status).toBe(1)
    expect(result.output).toMatch(/production runs on PostgreSQL/)
  })

  it('refuses to start without PAYLOAD_SECRET', () => {
    const result = assertMigrated({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whatever', PAYLOAD_SECRET: '' })
    expect(result.status).toBe(1)
    expect(result.output).toMatch(/PAYLOAD_SECRET is not set/)
  })

  it('refuses to start without DATA_ENCRYPTION_KEY, or with one that is not 32 bytes, saying how to make one', () => {
    const missing = assertMigrated({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whatever', DATA_ENCRYPTION_KEY: '' })
    expect(missing.status).toBe(1)
    expect(missing.output).toMatch(/DATA_ENCRYPTION_KEY is not set: phone numbers, addresses and dates of birth are stored encrypted/)
    expect(missing.output).toMatch(/randomBytes\(32\)/)
    const short = assertMigrated({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/whatever', DATA_ENCRYPTION_KEY: 'dG9vIHNob3J0' })
    expect(short.status).toBe(1)
    expect(short.output).toMatch(/DATA_ENCRYPTION_KEY must be 32 random bytes/)
  })
})

describe.skipIf(!onPostgres)('production start on PostgreSQL', () => {
  const name = `${TEST_DB_PREFIX}prod_${randomBytes(3).toString('hex')}`
  let url = ''

  afterAll(async () => {
    if (onPostgres) await dropDatabase(fileDatabaseUrl, name)
  })

  it('refuses an unmigrated database, then starts once `npm run migrate` has run', async () => {
    url = await createDatabase(fileDatabaseUrl, name)

    const before = assertMigrated({ DATABASE_URL: url })
    expect(before.status, before.output).toBe(1)
    expect(before.output).toMatch(/migration\(s\) not applied/)
    expect(before.output).toMatch(/npm run migrate/)

    const migrate = run('npm', ['run', 'migrate'], { DATABASE_URL: url })
    expect(migrate.status, migrate.output).toBe(0)

    const after = assertMigrated({ DATABASE_URL: url })
    expect(after.status, after.output).toBe(0)
    expect(after.output).toMatch(/Database is migrated/)

    // the admin lists' totals stay index-only scans: these tables are vacuumed after 2% of them changed
    const { rows } = await withClient(url, (client) =>
      client.query<{ relname: string; reloptions: string[] | null }>(
        `SELECT relname, reloptions FROM pg_class WHERE relname IN ('memberships', 'payments') AND relkind = 'r' ORDER BY relname`,
      ),
    )
    expect(rows.map((row) => [row.relname, [...(row.reloptions ?? [])].sort()])).toEqual([
      ['memberships', ['autovacuum_vacuum_insert_scale_factor=0.02', 'autovacuum_vacuum_scale_factor=0.02']],
      ['payments', ['autovacuum_vacuum_insert_scale_factor=0.02', 'autovacuum_vacuum_scale_factor=0.02']],
    ])
  }, CHILD_PROCESSES_TIMEOUT)

  it('refuses a database that development schema push set up', async () => {
    const payload = await bootPayload() // pushes this file's own database, as `npm run dev` would
    await payload.destroy()
    const result = assertMigrated({ DATABASE_URL: fileDatabaseUrl })
    expect(result.status).toBe(1)
    expect(result.output).toMatch(/development schema push/)
  }, CHILD_PROCESSES_TIMEOUT)
})
