#!/usr/bin/env node
/**
 * `npm run bench:reminders` (and `bench:volunteering`, `bench:checkouts`, `bench:rsvps`, `bench:abuse`): a fresh PostgreSQL database (BENCH_DATABASE_URL, default
 * hangar_bench on the local server), the schema migrated, the benchmark run, the database dropped.
 * BENCH_KEEP=1 keeps the database; BENCH_SKIP_SEED=1 reuses a kept one as it is (for benchmarks that
 * can reuse their seed, such as bench/reports.ts).
 */
import { spawnSync } from 'node:child_process'

import pg from 'pg'

const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hangar_bench'
const name = new URL(url).pathname.slice(1)
const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') })
await admin.connect()
const keep = process.env.BENCH_KEEP === '1'
const reuse = process.env.BENCH_SKIP_SEED === '1'
if (!reuse) {
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`)
  await admin.query(`CREATE DATABASE "${name}"`)
}
const env = { ...process.env, DATABASE_URL: url, DATABASE_PUSH: 'false', JOBS_AUTORUN: 'false' }
let status = 1
try {
  const migrate = reuse ? { status: 0 } : spawnSync('npm', ['run', 'migrate'], { stdio: 'inherit', env })
  if (migrate.status !== 0) throw new Error('migrate failed')
  status = spawnSync('node', ['scripts/payload.mjs', 'run', process.argv[2] || 'bench/reminders.ts'], { stdio: 'inherit', env }).status ?? 1
} finally {
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.end()
}
process.exit(status)
