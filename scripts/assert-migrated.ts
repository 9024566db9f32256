/**
 * Runs before `next start` (see `npm start`): refuses to start production against a database
 * whose migrations are not all applied, with a message that says what to do.
 */
import { refuse } from './lib/production-preflight'

import config from '@payload-config'
import { getPayload } from 'payload'

import { pendingMigrations } from '../src/lib/migrations'
import { migrations } from '../migrations'

let payload
try {
  payload = await getPayload({ config })
} catch (error) {
  refuse(`cannot connect to the database (${(error as Error).message}).`)
}

const status = await pendingMigrations(payload, migrations.map((m) => m.name))
await payload.destroy()

if (status.devPushed) {
  refuse('this database was set up by development schema push, not by migrations. Use a fresh database and `npm run migrate`.')
}
if (status.pending.length > 0) {
  refuse(`${status.pending.length} migration(s) not applied: ${status.pending.join(', ')}.\nRun \`npm run migrate\` first.`)
}
console.info(`Database is migrated (${migrations.length} migration(s) applied).`)
process.exit(0)
