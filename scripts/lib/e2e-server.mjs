/**
 * A production server for the end-to-end tests: a fresh Postgres database, migrated (and, for the
 * demo, seeded), and the app started with `npm start` exactly as production starts it. Used by
 * scripts/test-e2e.mjs (the shared server on an empty database) and by
 * tests/e2e/first-hour.e2e.spec.ts (a second server on a database with the demo data).
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'

import pg from 'pg'

/**
 * The environment a server or CLI command gets: the given one without what the test runner
 * adds (NODE_ENV=test and VITEST* would switch off the job runner and the production settings).
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string>}
 */
export function serverEnv(env) {
  return /** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== undefined && key !== 'NODE_ENV' && !key.startsWith('VITEST'))))
}

/**
 * Runs a command to its end, its output shown; throws when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 */
export function runOrThrow(command, args, env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: serverEnv(env) })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`)
}

/**
 * @template T
 * @param {string} databaseUrl
 * @param {(client: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withMaintenanceDb(databaseUrl, fn) {
  const client = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** @param {string} databaseUrl */
const databaseName = (databaseUrl) => new URL(databaseUrl).pathname.slice(1)

/**
 * Drops the database if it exists and creates it empty.
 * @param {string} databaseUrl
 */
export async function recreateDatabase(databaseUrl) {
  const name = databaseName(databaseUrl)
  await withMaintenanceDb(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"`)
  })
}

/** @param {string} databaseUrl */
export async function dropDatabase(databaseUrl) {
  const name = databaseName(databaseUrl)
  await withMaintenanceDb(databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {})
}

/**
 * A fresh database with the schema: recreated, then `npm run migrate`.
 * @param {Record<string, string | undefined>} env with DATABASE_URL
 */
export async function freshMigratedDatabase(env) {
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set')
  await recreateDatabase(env.DATABASE_URL)
  runOrThrow('npm', ['run', 'migrate'], env)
}

/**
 * @typedef {{ pid: number, baseUrl: string, exited: () => boolean, stop: () => Promise<void> }} RunningServer
 */

/**
 * Starts `npm start` with env (PORT and DATABASE_URL set) in a process group of its own, and
 * waits until GET /api/health answers 200.
 * @param {Record<string, string | undefined>} env
 * @param {{ timeoutMs?: number, output?: 'inherit' | 'ignore' }} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(env, { timeoutMs = 120_000, output = 'inherit' } = {}) {
  if (!env.PORT) throw new Error('PORT is not set')
  const baseUrl = `http://localhost:${env.PORT}`
  const child = spawn('npm', ['start'], { env: serverEnv(env), stdio: ['ignore', output, output], detached: true })
  let exited = false
  const gone = new Promise((resolve) => child.on('exit', () => resolve((exited = true))))
  const server = {
    pid: /** @type {number} */ (child.pid),
    baseUrl,
    exited: () => exited,
    async stop() {
      if (exited) return
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        return // already gone
      }
      const killed = await Promise.race([gone, new Promise((resolve) => setTimeout(() => resolve(false), 10_000))])
      if (!killed) {
        try {
          process.kill(-server.pid, 'SIGKILL')
        } catch {
          // gone meanwhile
        }
      }
    },
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server on port ${env.PORT} exited during start-up`)
    try {
      const res = await fetch(`${baseUrl}/api/health`)
      if (res.ok) return server
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await server.stop()
  throw new Error(`no healthy server at ${baseUrl} after ${timeoutMs / 1000}s`)
}

/**
 * Resident memory (MB) of a process and every process under it.
 * @param {number} rootPid
 * @returns {{ total: number, rows: string[] }}
 */
export function treeRssMb(rootPid) {
  /** @type {Map<number, number[]>} */
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
  /** @type {string[]} */
  const rows = []
  /** @param {number} pid */
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
