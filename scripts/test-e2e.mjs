#!/usr/bin/env node
/**
 * `npm run test:e2e`: end-to-end tests in Debian's Chromium against the production build.
 *
 * 1. builds if there is no build yet (`npm run build`),
 * 2. creates a fresh Postgres database (E2E_DATABASE_URL) and runs `npm run migrate` on it,
 * 3. starts the fake Square API (tests/fakes/square.ts) and the app with `npm start`, exactly as
 *    production does, on E2E_PORT,
 * 4. runs tests/e2e/*.e2e.spec.ts, then prints the server's memory and stops it.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

const port = process.env.E2E_PORT || '3100'
const baseUrl = `http://localhost:${port}`
const databaseUrl = process.env.E2E_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hangar_e2e'
const database = new URL(databaseUrl).pathname.slice(1)
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

if (!fs.existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`)
  process.exit(1)
}

// Square's API is played by tests/fakes/square.ts in a process of its own; the browser's card
// form SDK is replaced in the tests themselves (tests/e2e/helpers/square-sdk-double.ts).
const squarePort = process.env.E2E_SQUARE_PORT || '3198'
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  SQUARE_ACCESS_TOKEN: 'EAAA-e2e-fake',
  SQUARE_LOCATION_ID: 'LOC_E2E',
  SQUARE_APPLICATION_ID: 'sandbox-sq0idb-e2e',
  SQUARE_BASE_URL: `http://127.0.0.1:${squarePort}`,
  SQUARE_WEBHOOK_SIGNATURE_KEY: 'e2e-signature-key',
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'e2e-secret-not-for-production',
  PORT: port,
  SERVER_URL: baseUrl,
  EMAIL_DIR: path.join(os.tmpdir(), 'hangar-e2e-mail'),
  DOCUMENTS_DIR: path.join(os.tmpdir(), 'hangar-e2e-documents'),
  CERTIFICATES_DIR: path.join(os.tmpdir(), 'hangar-e2e-certificates'),
  MEDIA_DIR: path.join(os.tmpdir(), 'hangar-e2e-media'),
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } })
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (${result.status ?? result.signal})`)
    process.exit(1)
  }
}

async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

if (!fs.existsSync('.next/BUILD_ID')) run('npm', ['run', 'build'])

await withAdmin(async (client) => {
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await client.query(`CREATE DATABASE "${database}"`)
})
run('npm', ['run', 'migrate'])

const squareFake = spawn(process.execPath, ['--import', 'tsx', 'tests/fakes/serve-square.ts'], {
  env: { ...env, SQUARE_FAKE_PORT: squarePort },
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise((resolve, reject) => {
  squareFake.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve())
  squareFake.on('exit', (code) => reject(new Error(`the Square fake exited (${code})`)))
})

const server = spawn('npm', ['start'], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true })
let serverExited = false
server.on('exit', () => (serverExited = true))

async function waitForHealth(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (serverExited) throw new Error('the server exited during start-up')
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`no healthy server at ${baseUrl} after ${timeoutMs / 1000}s`)
}

/** Resident memory (MB) of the server and every process under it. */
function treeRssMb(rootPid) {
  const children = new Map()
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // process ended meanwhile
    }
  }
  let kb = 0
  const rows = []
  const visit = (pid) => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      const name = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 2).join(' ')
      kb += rss
      rows.push(`${String(Math.round(rss / 1024)).padStart(5)} MB  ${name}`)
    } catch {
      // gone
    }
    for (const child of children.get(pid) ?? []) visit(child)
  }
  visit(rootPid)
  return { total: Math.round(kb / 1024), rows }
}

let status = 1
try {
  await waitForHealth()
  const before = treeRssMb(server.pid)
  const tests = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium },
  })
  status = tests.status ?? 1
  const after = treeRssMb(server.pid)
  console.info(`\nnext start memory (RSS of the server process tree): ${before.total} MB idle after start, ${after.total} MB after the e2e run`)
  for (const row of after.rows) console.info(`  ${row}`)
} catch (error) {
  console.error(error.message)
} finally {
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {
    // already gone
  }
  squareFake.kill('SIGTERM')
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)).catch(() => {})
}
process.exit(status)
