#!/usr/bin/env node
/**
 * `npm start` (`--start`): Next's production server, started in this process once this check
 * passes; alone, the check only. It refuses to start production on anything but
 * PostgreSQL, without PAYLOAD_SECRET or DATA_ENCRYPTION_KEY, against a database it cannot reach, one that development
 * schema push set up, or one whose migrations are not all applied, with a message that says what
 * to do. Plain Node and `pg`: it reads the migrations table directly instead of booting the
 * Payload config (which took 8–14 s), and answers in a fraction of a second.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import pg from 'pg'

import { databaseUrl, isPostgresUrl } from '../src/lib/databaseUrl.mjs'
import { productionDataKeyProblem } from '../src/privacy/encryptionKeys.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** @param {string} message @returns {never} */
function refuse(message) {
  console.error(`\nHangar will not start: ${message}\n`)
  process.exit(1)
}

/** What `payload migrate` runs: every .ts/.js file in migrations/ but the index, named without its extension. */
function migrationNames(dir = path.join(root, 'migrations')) {
  return fs
    .readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && file !== 'index.ts' && file !== 'index.js')
    .sort()
    .map((file) => file.split('.')[0])
}

/**
 * The rows of Payload's migrations table; none when it does not exist yet. A row of batch -1
 * is what development schema push writes.
 * @param {pg.Client} client
 * @returns {Promise<Array<{ name: string | null; batch: number | null }>>}
 */
async function appliedMigrations(client) {
  try {
    return (await client.query('SELECT name, batch FROM payload_migrations')).rows
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code === '42P01') return [] // undefined_table
    throw error
  }
}

const url = databaseUrl()
if (!isPostgresUrl(url)) {
  refuse(
    'production runs on PostgreSQL. Set DATABASE_URL=postgres://user:pass@host:5432/db, then `npm run migrate`.\n' +
      'Embedded SQLite is for development and demos: use `npm run dev`.',
  )
}
if (!process.env.PAYLOAD_SECRET?.trim()) refuse('PAYLOAD_SECRET is not set (use a long random string).')
const dataKeyProblem = productionDataKeyProblem()
if (dataKeyProblem) refuse(dataKeyProblem)

const expected = migrationNames()
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
/** @type {Array<{ name: string | null; batch: number | null }>} */
let applied = []
try {
  await client.connect()
  applied = await appliedMigrations(client)
} catch (error) {
  refuse(`cannot connect to the database (${/** @type {Error} */ (error).message}).`)
} finally {
  await client.end().catch(() => {})
}

if (applied.some((row) => Number(row.batch) === -1)) {
  refuse('this database was set up by development schema push, not by migrations. Use a fresh database and `npm run migrate`.')
}
const names = new Set(applied.map((row) => row.name ?? ''))
const pending = expected.filter((name) => !names.has(name))
if (pending.length > 0) {
  refuse(`${pending.length} migration(s) not applied: ${pending.join(', ')}.\nRun \`npm run migrate\` first.`)
}
console.info(`Database is migrated (${expected.length} migration(s) applied).`)
if (process.argv.includes('--start')) {
  // `npm start`: Next's production server in this same process once the check passes, rather
  // than a second Node (and cross-env before it) booted after this one: a few hundred ms of every start
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  if (!/--no-deprecation/.test(process.env.NODE_OPTIONS ?? '')) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --no-deprecation`.trim()
  if (!process.noDeprecation) process.noDeprecation = true // read-only, and true already, under --no-deprecation
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  process.argv = [process.argv[0], nextBin, 'start']
  await import(pathToFileURL(nextBin).href)
} else {
  // explicitly: run through the Payload CLI wrapper (scripts/payload.mjs), an ending without exit counts as a stall
  process.exit(0)
}
