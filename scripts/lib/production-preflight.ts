/**
 * Imported first by assert-migrated.ts: switches this process to production settings before
 * the Payload config is loaded (no schema push, secrets required) and refuses what cannot
 * run in production at all. Kept as its own module because ES imports run in order.
 */
import { databaseUrl, isPostgresUrl } from '../../src/lib/env'

Object.assign(process.env, { NODE_ENV: 'production', DATABASE_PUSH: 'false' })

export function refuse(message: string): never {
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
