/**
 * `npm run seed`: put the demo data into the configured database, if it has no accounts yet (a
 * database in use, or one seeded before, is left as it is). Refuses to touch a Postgres
 * database unless `postgres` is given (`npm run seed -- postgres`), and a production one unless
 * `production` is too. (Plain words, not --flags: `payload run` keeps only positional arguments.)
 */
import { getPayload } from 'payload'

import { databaseUrl, isPostgresUrl } from '../src/lib/env'
import { DEMO_ORGANISATION, demoCredentialsBanner, seedDemoData } from '../src/seed/demo'

const args = new Set(process.argv.slice(2))
const url = databaseUrl()

if (isPostgresUrl(url) && !args.has('postgres')) {
  console.error('DATABASE_URL is a Postgres database. Seeding demo accounts there needs: npm run seed -- postgres')
  process.exit(2)
}
if (process.env.NODE_ENV === 'production' && !args.has('production')) {
  console.error('NODE_ENV is production. Demo accounts have published passwords; add production (npm run seed -- postgres production) if you really mean it.')
  process.exit(2)
}

// A Postgres database is set up by migrations: seeding must not push the schema into it (a pushed
// database is one `npm start` refuses). The config reads DATABASE_PUSH when it is loaded.
if (isPostgresUrl(url)) process.env.DATABASE_PUSH = 'false'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
const report = await seedDemoData(payload)
for (const line of report.created) console.info(`created  ${line}`)
for (const line of report.skipped) console.info(`kept     ${line}`)
const settings = await payload.findGlobal({ slug: 'settings' })
console.info(demoCredentialsBanner(settings.organisationName || DEMO_ORGANISATION.organisationName, process.env.SERVER_URL || 'http://localhost:3000'))
await payload.destroy()
process.exit(0)
