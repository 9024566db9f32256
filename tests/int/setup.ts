/**
 * Runs before each test file is loaded: gives the file a database of its own (a new SQLite file,
 * or a new Postgres database beside DATABASE_URL's) so files can run in parallel and every file
 * starts from empty. The database is a copy of the run's template (globalSetup.ts), whose schema
 * is already pushed, so Payload does not push it again.
 *
 * A worker process runs several files one after another (vitest.config.ts: `isolate: false`), so
 * Payload, Lexical and the database drivers are loaded once per worker rather than once per file.
 * Each file still starts as if in a new process: the environment as the worker started, Hangar's
 * own modules evaluated afresh (so the config reads this file's DATABASE_URL), no Payload
 * instance from the file before (it is destroyed when that file ends, below), and no GraphQL
 * schema built from it.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, vi } from 'vitest'

import { isPostgresUrl } from '../../src/lib/env'
import { TEST_DB_PREFIX, createDatabase } from './helpers/databases'
import { TEST_DATA_ENCRYPTION_KEY } from './helpers/encryption'

type PayloadCache = Map<string, { payload: Payload | null; promise: Promise<Payload> | null }>
const worker = globalThis as typeof globalThis & { hangarWorkerEnv?: Record<string, string | undefined>; _payload?: PayloadCache; _payload_graphql?: unknown }

if (worker.hangarWorkerEnv) {
  // a file before this one ran in this worker: put the environment back as the worker got it
  for (const key of Object.keys(process.env)) if (!(key in worker.hangarWorkerEnv)) delete process.env[key]
  Object.assign(process.env, worker.hangarWorkerEnv)
} else {
  worker.hangarWorkerEnv = { ...process.env }
}
vi.resetModules()

afterAll(async () => {
  const instances = [...(worker._payload?.values() ?? [])]
  worker._payload?.clear()
  worker._payload_graphql = undefined
  for (const cached of instances) {
    const payload = cached.payload ?? (await cached.promise?.catch(() => null))
    // a file may have destroyed its instance itself (production-start.int.spec.ts)
    await payload?.destroy().catch(() => {})
  }
})

const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`
// set by globalSetup: this run's own prefix, so parallel runs never drop each other's databases
const prefix = process.env.HANGAR_TEST_DB_PREFIX ?? TEST_DB_PREFIX
const baseUrl = process.env.DATABASE_URL ?? ''

process.env.PAYLOAD_SECRET ||= 'hangar-test-secret'
// the key that seals phone numbers, addresses and dates of birth (src/privacy/fieldEncryption.ts)
process.env.DATA_ENCRYPTION_KEY ||= TEST_DATA_ENCRYPTION_KEY
process.env.EMAIL_DIR = path.join(os.tmpdir(), 'hangar-int-tests', `${prefix}mail_${suffix}`)
process.env.DOCUMENTS_DIR = path.join(os.tmpdir(), 'hangar-int-tests', `${prefix}documents_${suffix}`)
process.env.CERTIFICATES_DIR = path.join(os.tmpdir(), 'hangar-int-tests', `${prefix}certificates_${suffix}`)
process.env.MEDIA_DIR = path.join(os.tmpdir(), 'hangar-int-tests', `${prefix}media_${suffix}`)

const template = process.env.HANGAR_TEST_TEMPLATE
if (isPostgresUrl(baseUrl)) {
  process.env.DATABASE_URL = await createDatabase(baseUrl, `${prefix}${suffix}`, template)
} else {
  const dir = path.join(os.tmpdir(), 'hangar-int-tests')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${prefix}${suffix}.db`)
  if (template) fs.copyFileSync(template, file)
  process.env.DATABASE_URL = `file:${file}`
}
if (template) process.env.DATABASE_PUSH = 'false'
