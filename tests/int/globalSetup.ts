import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { isPostgresUrl } from '../../src/lib/env'
import { TEST_DB_PREFIX, dropDatabasesWithPrefix } from './helpers/databases'

export const SQLITE_TEST_DIR = path.join(os.tmpdir(), 'hangar-int-tests')

/** Clears what earlier runs left behind, before and after the run. */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL ?? ''
  const clean = async () => {
    if (isPostgresUrl(url)) await dropDatabasesWithPrefix(url, TEST_DB_PREFIX)
    fs.rmSync(SQLITE_TEST_DIR, { recursive: true, force: true })
  }
  await clean()
  return clean
}
