import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { isPostgresUrl } from '../../src/lib/env'
import { TEST_DB_PREFIX, createDatabase, dropDatabasesWithPrefix } from './helpers/databases'
import { TEST_DATA_ENCRYPTION_KEY } from './helpers/encryption'

export const SQLITE_TEST_DIR = path.join(os.tmpdir(), 'hangar-int-tests')

/**
 * Gives this run its own database-name prefix (so runs sharing a server never touch each
 * other's databases), clears leftovers of crashed runs that nobody is connected to, prepares
 * the run's template database (schema pushed once, start-up data in place; each test file
 * starts from a copy, see setup.ts) and drops this run's databases at the end.
 */
/**
 * Whether the run a leftover database belongs to is still going (its name carries the run's
 * process id): another run's template is unused between its copies, and must not be dropped.
 */
function runIsAlive(rest: string): boolean {
  const pid = Number(/^(\d+)_/.exec(rest)?.[1])
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export default async function globalSetup() {
  const url = process.env.DATABASE_URL ?? ''
  const runPrefix = `${TEST_DB_PREFIX}${process.pid}_`
  process.env.HANGAR_TEST_DB_PREFIX = runPrefix
  fs.mkdirSync(SQLITE_TEST_DIR, { recursive: true })
  const cleanUp = async () => {
    if (isPostgresUrl(url)) await dropDatabasesWithPrefix(url, runPrefix)
    for (const name of fs.readdirSync(SQLITE_TEST_DIR)) {
      if (name.startsWith(runPrefix)) fs.rmSync(`${SQLITE_TEST_DIR}/${name}`, { recursive: true, force: true })
    }
  }

  let templateUrl: string
  if (isPostgresUrl(url)) {
    await dropDatabasesWithPrefix(url, TEST_DB_PREFIX, { onlyUnused: true, keep: (name) => runIsAlive(name.slice(TEST_DB_PREFIX.length)) })
    templateUrl = await createDatabase(url, `${runPrefix}template`)
    process.env.HANGAR_TEST_TEMPLATE = `${runPrefix}template`
  } else {
    const file = path.join(SQLITE_TEST_DIR, `${runPrefix}template.db`)
    templateUrl = `file:${file}`
    process.env.HANGAR_TEST_TEMPLATE = file
  }
  const prepared = spawnSync('node', ['scripts/payload.mjs', 'run', 'tests/int/helpers/prepareTemplate.ts'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: templateUrl,
      DATABASE_PUSH: 'true',
      JOBS_AUTORUN: 'false',
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'hangar-test-secret',
      DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY || TEST_DATA_ENCRYPTION_KEY,
      EMAIL_DIR: path.join(SQLITE_TEST_DIR, `${runPrefix}template-mail`),
    },
    timeout: 180_000,
  })
  if (prepared.status !== 0) {
    await cleanUp()
    throw new Error(`Could not prepare the test template database:\n${prepared.stdout}\n${prepared.stderr}`)
  }
  return cleanUp
}
