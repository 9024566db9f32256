/**
 * Runs before `next start` (see `npm start`): refuses to start production against a database
 * whose migrations are not all applied, with a message that says what to do.
 */
import { databaseUrl, isPostgresUrl } from '@/lib/env'

// Load the config as production does: no schema push, secrets required.
Object.assign(process.env, { NODE_ENV: 'production', DATABASE_PUSH: 'false' })

function refuse(message: string): never {
  console.error(`\nHangar will not start: ${message}\n`)
  process.exit(1)
}

if (!isPostgresUrl(databaseUrl())) {
  refuse(
    'production runs on PostgreSQL. Set DATABASE_URL=postgres://user:pass@host:5432/db, then `npm run migrate`.\n' +
      'Embedded SQLite is for development and demos: use `npm run dev`.',
  )
}
if (!process.env.PAYLOAD_SECRET?.trim()) refuse('PAYLOAD_SECRET is not set (use a long random string).')

const { default: config } = await import('@payload-config')
const { getPayload } = await import('payload')
const { migrations } = await import('../migrations')
const { pendingMigrations } = await import('@/lib/migrations')

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
