#!/usr/bin/env node
/**
 * `npm run test:e2e`: end-to-end tests in Debian's Chromium against the production build.
 *
 * 1. builds if there is no build yet (`npm run build`),
 * 2. creates a fresh Postgres database (E2E_DATABASE_URL) and runs `npm run migrate` on it,
 * 3. starts the fake Square API (tests/fakes/square.ts) and the app with `npm start`, exactly as
 *    production does, on E2E_PORT,
 * 4. runs tests/e2e/*.e2e.spec.ts, then prints the server's memory and stops it.
 *
 * tests/e2e/first-hour.e2e.spec.ts needs the demo data, which the others' empty database must not
 * have: it starts a second server of its own, on E2E_PORT+1 with the database <E2E database>_demo
 * (migrated and seeded), and stops it. Both use scripts/lib/e2e-server.mjs.
 */
import { spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { dropDatabase, freshMigratedDatabase, startServer, treeRssMb } from './lib/e2e-server.mjs'

const port = process.env.E2E_PORT || '3100'
const baseUrl = `http://localhost:${port}`
const databaseUrl = process.env.E2E_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hangar_e2e'
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
  // the email and payments queues every 2 seconds instead of 10: the browser waits for mail less
  JOBS_POLL_SECONDS: '2',
  // per port, so runs side by side never read each other's mail (emptied below)
  EMAIL_DIR: path.join(os.tmpdir(), `hangar-e2e-mail-${port}`),
  DOCUMENTS_DIR: path.join(os.tmpdir(), 'hangar-e2e-documents'),
  CERTIFICATES_DIR: path.join(os.tmpdir(), 'hangar-e2e-certificates'),
  MEDIA_DIR: path.join(os.tmpdir(), 'hangar-e2e-media'),
  // production refuses to issue membership cards without a signing key: one for this run, as a
  // deployment sets its own (README, CARD_SIGNING_KEY)
  CARD_SIGNING_KEY: process.env.CARD_SIGNING_KEY || generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  // production does not start without the key that encrypts personal fields (README, DATA_ENCRYPTION_KEY)
  DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } })
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (${result.status ?? result.signal})`)
    process.exit(1)
  }
}

if (!fs.existsSync('.next/BUILD_ID')) run('npm', ['run', 'build'])
// the tests read links (password reset, email verification) from the emails of this run only
fs.rmSync(env.EMAIL_DIR, { recursive: true, force: true })

try {
  await freshMigratedDatabase(env)
} catch (error) {
  console.error(`\n${error.message}`)
  process.exit(1)
}

const squareFake = spawn(process.execPath, ['--import', 'tsx', 'tests/fakes/serve-square.ts'], {
  env: { ...env, SQUARE_FAKE_PORT: squarePort },
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise((resolve, reject) => {
  squareFake.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve())
  squareFake.on('exit', (code) => reject(new Error(`the Square fake exited (${code})`)))
})

const FIRST_HOUR = 'tests/e2e/first-hour.e2e.spec.ts'

/**
 * One vitest run; resolves with its exit code. Two runs side by side print into the same terminal:
 * a run given a `prefix` prints each line of its output after it.
 * @param {string[]} args
 * @param {Record<string, string | undefined>} runEnv
 * @param {{ label?: string, prefix?: boolean }} [options]
 * @returns {Promise<number>}
 */
function vitest(args, runEnv, { label, prefix = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...args], { env: runEnv, stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    if (prefix && child.stdout && child.stderr) {
      for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
        let rest = ''
        stream.on('data', (chunk) => {
          const lines = (rest + chunk).split('\n')
          rest = lines.pop() ?? ''
          for (const line of lines) out.write(`[${label}] ${line}\n`)
        })
        stream.on('end', () => rest && out.write(`[${label}] ${rest}\n`))
      }
    }
    child.on('exit', (code, signal) => {
      if (label) console.info(`\n[${label}] vitest exited ${code ?? signal}`)
      resolve(code ?? 1)
    })
  })
}

let status = 1
let server
try {
  server = await startServer(env)
  const before = treeRssMb(server.pid)
  const testEnv = { ...env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium }
  const args = process.argv.slice(2)
  // The whole suite: the first-hour tour has a server and a database of its own, so it runs beside
  // the other files (which share this server, one file at a time); the machine's cores are idle
  // for a quarter of a run of either alone. Named files run as named, in one run.
  const split = !args.some((arg) => arg.endsWith('.ts'))
  const runs = split
    ? [
        vitest(['--project', 'e2e', '--exclude', FIRST_HOUR, ...args], testEnv, { label: 'shared server' }),
        vitest(['--project', 'e2e', FIRST_HOUR, ...args], testEnv, { label: 'first hour', prefix: true }),
      ]
    : [vitest(['--project', 'e2e', ...args], testEnv)]
  const codes = await Promise.all(runs)
  status = codes.every((code) => code === 0) ? 0 : 1
  const after = treeRssMb(server.pid)
  console.info(`\nnext start memory (RSS of the server process tree): ${before.total} MB idle after start, ${after.total} MB after the e2e run`)
  for (const row of after.rows) console.info(`  ${row}`)
} catch (error) {
  console.error(error.message)
} finally {
  await server?.stop()
  squareFake.kill('SIGTERM')
  await dropDatabase(databaseUrl)
}
process.exit(status)
