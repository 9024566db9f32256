/**
 * `npm run dev`: on embedded SQLite, seed the demo data on first start and print the demo
 * credentials, then hand over to `next dev`. On Postgres nothing is seeded (use `npm run seed`).
 * Run through `payload run`, which loads TypeScript and .env the way the Payload CLI does.
 */
import { spawn } from 'node:child_process'

import config from '@payload-config'
import { getPayload } from 'payload'

import { databaseUrl, isSqliteUrl } from '../src/lib/env'
import { DEMO_ACCOUNTS, demoCredentialsBanner, seedDemoData } from '../src/seed/demo'

const port = process.env.PORT || '3000'

if (isSqliteUrl(databaseUrl())) {
  const payload = await getPayload({ config })
  const users = await payload.count({ collection: 'users' })
  if (users.totalDocs === 0) {
    const report = await seedDemoData(payload).catch((error: Error) => {
      // the accounts made before the failure stop a later start from seeding again
      console.error(`[seed] The demo data could not be seeded: ${error.message}\n[seed] Delete the database (${databaseUrl()}) and start again.`)
      throw error
    })
    for (const line of report.created) console.info(`[seed] created ${line}`)
    const settings = await payload.findGlobal({ slug: 'settings' })
    console.info(demoCredentialsBanner(settings.organisationName || 'Hangar', `http://localhost:${port}`))
  } else {
    console.info(`[seed] ${databaseUrl()} already has ${users.totalDocs} account(s); demo data is not seeded again.`)
    console.info(`[seed] Demo sign-ins, unless changed: ${DEMO_ACCOUNTS.map((a) => `${a.email} / ${a.password}`).join(', ')}`)
  }
  await payload.destroy()
}

const child = spawn('next', ['dev', '--port', port], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
