#!/usr/bin/env node
/**
 * Fails when the collections changed but no migration was generated for the change: asks
 * `payload migrate:create --skip-empty` against a scratch Postgres database whether a new
 * migration would be needed, and throws away anything it writes.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

import pg from 'pg'

const base = process.env.TEST_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/hangar_test'
const database = `hangar_migration_check_${process.pid}`
const url = base.replace(/\/[^/]*$/, `/${database}`)
const admin = () => new pg.Client({ connectionString: base.replace(/\/[^/]*$/, '/postgres') })

const before = new Set(fs.readdirSync('migrations'))
const indexBefore = fs.readFileSync('migrations/index.ts', 'utf8')
let client = admin()
await client.connect()
await client.query(`CREATE DATABASE "${database}"`)
await client.end()

let failed = false
try {
  const result = spawnSync('node', ['scripts/payload.mjs', 'migrate:create', 'pending_schema_change', '--skip-empty'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url, PAYLOAD_SECRET: 'migration-check' },
  })
  if (result.status !== 0) throw new Error('payload migrate:create failed')
  const added = fs.readdirSync('migrations').filter((name) => !before.has(name))
  if (added.length > 0) {
    failed = true
    console.error(
      `\nThe schema changed without a migration. Generate one and commit it:\n` +
        `  DATABASE_URL=postgres://... npm run migrate:create -- <name>\n(would have written: ${added.join(', ')})`,
    )
    for (const name of added) fs.rmSync(`migrations/${name}`)
    fs.writeFileSync('migrations/index.ts', indexBefore)
  } else {
    console.info('Migrations are up to date with the config.')
  }
} finally {
  client = admin()
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await client.end()
}
process.exit(failed ? 1 : 0)
