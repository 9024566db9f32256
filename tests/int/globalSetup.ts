import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { isPostgresUrl } from '../../src/lib/env'
import { TEST_DB_PREFIX, dropDatabasesWithPrefix } from './helpers/databases'

export const SQLITE_TEST_DIR = path.join(os.tmpdir(), 'hangar-int-tests')

/**
 * Gives this run its own database-name prefix (so runs sharing a server never touch each
 * other's databases), clears leftovers of crashed runs that nobody is connected to, and drops
 * this run's databases at the end.
 */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL ?? ''
  const runPrefix = `${TEST_DB_PREFIX}${process.pid}_`
  process.env.HANGAR_TEST_DB_PREFIX = runPrefix
  fs.mkdirSync(SQLITE_TEST_DIR, { recursive: true })
  if (isPostgresUrl(url)) await dropDatabasesWithPrefix(url, TEST_DB_PREFIX, { onlyUnused: true })
  return async () => {
    if (isPostgresUrl(url)) await dropDatabasesWithPrefix(url, runPrefix)
    for (const name of fs.readdirSync(SQLITE_TEST_DIR)) {
      if (name.startsWith(runPrefix)) fs.rmSync(`${SQLITE_TEST_DIR}/${name}`, { recursive: true, force: true })
    }
  }
}
