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

console.info(`Running the suite against PostgreSQL (${base.replace(/\/\/[^@]*@/, '//…@')})`)
// the unit project touches no database: it runs once, with the SQLite suite (npm test)
const result = spawnSync('npx', ['vitest', 'run', '--project', 'int', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: base },
})
process.exit(result.status ?? 1)
