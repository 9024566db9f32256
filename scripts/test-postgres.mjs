#!/usr/bin/env node
/**
 * `npm run test:postgres`: the integration suite against PostgreSQL. Each test file
 * gets a database of its own, created beside TEST_POSTGRES_URL's (default: the local server
 * at 127.0.0.1:5432 as user postgres) and dropped when the run ends.
 */
import { spawnSync } from 'node:child_process'

import pg from 'pg'

const base = process.env.TEST_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/hangar_test'

const probe = new pg.Client({ connectionString: base.replace(/\/[^/]*$/, '/postgres') })
try {
  await probe.connect()
  await probe.end()
} catch (error) {
  console.error(`Cannot reach PostgreSQL at ${base}: ${error.message}`)
  console.error('Start PostgreSQL or set TEST_POSTGRES_URL=postgres://user:pass@host:5432/hangar_test')
  process.exit(1)
}

/**
 * Files whose subject does not depend on the database engine, left to the SQLite run (npm test)
 * when the whole suite runs: the role-by-collection access matrix (rules in TypeScript, read and
 * written through the same Payload operations every other file exercises here), the card PDF and
 * its signature, image processing, file serving, email rendering and field validators. Everything
 * that writes SQL of its own, locks, counts, claims, filters, or answers bad input still runs here.
 * Naming files runs them, whichever they are.
 */
const SQLITE_ONLY = ['rbac-matrix', 'membership-card', 'member-photo', 'uploads', 'email', 'validation'].map((name) => `tests/int/${name}.int.spec.ts`)
const files = process.argv.slice(2)
const exclusions = files.some((arg) => arg.endsWith('.ts')) ? [] : SQLITE_ONLY.flatMap((file) => ['--exclude', file])

console.info(`Running the suite against PostgreSQL (${base.replace(/\/\/[^@]*@/, '//…@')})`)
if (exclusions.length) console.info(`Left to the SQLite run: ${SQLITE_ONLY.join(', ')}`)
// the unit project touches no database: it runs once, with the SQLite suite (npm test)
const result = spawnSync('npx', ['vitest', 'run', '--project', 'int', ...exclusions, ...files], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: base },
})
process.exit(result.status ?? 1)
