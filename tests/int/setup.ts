/**
 * Runs in each test file's process before the file is loaded: gives the file a database of
 * its own (a new SQLite file, or a new Postgres database beside DATABASE_URL's) so files can
 * run in parallel and every file starts from empty. The database is a copy of the run's
 * template (globalSetup.ts), whose schema is already pushed, so Payload does not push it again.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { isPostgresUrl } from '../../src/lib/env'
import { TEST_DB_PREFIX, createDatabase } from './helpers/databases'
import { TEST_DATA_ENCRYPTION_KEY } from './helpers/encryption'

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
