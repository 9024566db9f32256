#!/usr/bin/env node
/**
 * `npm run bench:scale`: the 100,000-member benchmark (bench/scale.ts, issue 14) with what it needs
 * around it:
 *
 * 1. `npm run build` when there is no production build or a source file is newer than it
 *    (BENCH_BUILD=0 skips the check, BENCH_BUILD=1 always builds);
 * 2. a fresh PostgreSQL database (BENCH_DATABASE_URL, default hangar_scale on the local server),
 *    `npm run migrate` on it;
 * 3. bench/scale.ts, which seeds it, starts the production server (`npm start`, port BENCH_PORT,
 *    else a free one) with HANGAR_BENCH=1, measures, prints the table and stops the server;
 * 4. the database dropped, unless BENCH_KEEP=1. BENCH_SKIP_SEED=1 reuses a kept database when it
 *    still holds today's seed (the bench checks) instead of recreating it.
 *
 * Not run by CI. docs/performance.md has the figures and how to read them.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import net from 'node:net'

import pg from 'pg'

import { dropDatabase, recreateDatabase, runOrThrow, serverEnv } from '../scripts/lib/e2e-server.mjs'

const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hangar_scale'
const port = process.env.BENCH_PORT || String(await freePort())
const keep = process.env.BENCH_KEEP === '1'
const reuse = process.env.BENCH_SKIP_SEED === '1'
/** A port nothing listens on now (other benches and e2e runs share the machine). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, () => {
      const { port } = /** @type {net.AddressInfo} */ (probe.address())
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

const scratch = path.join(os.tmpdir(), `hangar-scale-${process.pid}`)

const env = serverEnv({
  ...process.env,
  DATABASE_URL: url,
  DATABASE_PUSH: 'false',
  JOBS_AUTORUN: 'false', // the bench runs the reminder job itself; queued emails stay queued
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'scale-bench-secret-not-for-production',
  // production does not start without it; the bench's database is thrown away, so a fixed key does
  DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY || Buffer.alloc(32, 7).toString('base64'),
  PORT: port,
  SERVER_URL: `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
  EMAIL_DIR: path.join(scratch, 'mail'),
  MEDIA_DIR: path.join(scratch, 'media'),
  DOCUMENTS_DIR: path.join(scratch, 'documents'),
  CERTIFICATES_DIR: path.join(scratch, 'certificates'),
  BENCH_SCRATCH: scratch, // the servers' logs
})
delete env.HANGAR_BENCH // the build is the product's; only the bench's processes add the bare collection

/** What goes into the production build: a change to any of it makes the build stale. */
const BUILD_INPUTS = ['app', 'collections', 'globals', 'hooks', 'jobs', 'plugins', 'src', 'payload.config.ts', 'payload-types.ts', 'next.config.ts', 'proxy.ts', 'instrumentation.ts', 'package-lock.json', 'bench/benchPlugin.ts']

function newestInput() {
  let newest = { file: '', mtime: 0 }
  const visit = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat) return
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) visit(path.join(file, entry))
    } else if (stat.mtimeMs > newest.mtime) newest = { file, mtime: stat.mtimeMs }
  }
  BUILD_INPUTS.forEach(visit)
  return newest
}

function buildIfStale() {
  if (process.env.BENCH_BUILD === '0') return
  const built = fs.statSync('.next/BUILD_ID', { throwIfNoEntry: false })
  const newest = newestInput()
  const reason = process.env.BENCH_BUILD === '1' ? 'BENCH_BUILD=1' : !built ? 'no production build yet' : newest.mtime > built.mtimeMs ? `${newest.file} is newer than the build` : null
  if (!reason) return
  console.info(`[bench:scale] building (${reason})`)
  runOrThrow('npm', ['run', 'build'], env)
}

async function databaseExists() {
  const client = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)])
    return rowCount === 1
  } finally {
    await client.end()
  }
}

/** Runs the bench; Ctrl-C reaches it too (same process group), and this runner waits for it to clean up. */
function runBench() {
  return new Promise((resolve) => {
    // --expose-gc: the bench samples the reminder run's live heap (a collection, then a reading)
    const nodeOptions = `${env.NODE_OPTIONS ?? ''} --expose-gc`.trim()
    const child = spawn('node', ['scripts/payload.mjs', 'run', 'bench/scale.ts'], { stdio: 'inherit', env: { ...env, HANGAR_BENCH: '1', NODE_OPTIONS: nodeOptions } })
    const pass = (signal) => child.exitCode === null && child.kill(signal)
    process.on('SIGINT', () => {}) // the child gets it from the terminal
    process.on('SIGTERM', pass)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

let status = 1
try {
  fs.mkdirSync(scratch, { recursive: true })
  buildIfStale()
  if (reuse && (await databaseExists())) {
    console.info(`[bench:scale] BENCH_SKIP_SEED=1: reusing ${new URL(url).pathname.slice(1)} (migrations brought up to date)`)
    runOrThrow('npm', ['run', 'migrate'], env)
  } else {
    await recreateDatabase(url)
    runOrThrow('npm', ['run', 'migrate'], env)
  }
  status = await runBench()
} catch (error) {
  console.error(`[bench:scale] ${error.message}`)
} finally {
  if (keep) console.info(`[bench:scale] BENCH_KEEP=1: the database ${url} is kept (drop it by hand, or run again without BENCH_KEEP)`)
  else await dropDatabase(url)
  fs.rmSync(scratch, { recursive: true, force: true })
}
process.exit(status)
