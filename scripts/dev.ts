/**
 * `npm run dev`: on embedded SQLite, seed the demo data on first start and print the demo
 * credentials, then hand over to `next dev`. On Postgres nothing is seeded (use `npm run seed`).
 */
import { spawn } from 'node:child_process'

import { databaseUrl, isSqliteUrl } from '@/lib/env'

const port = process.env.PORT || '3000'

if (isSqliteUrl(databaseUrl())) {
  const { default: config } = await import('@payload-config')
  const { getPayload } = await import('payload')
  const { demoCredentialsBanner, seedDemoData } = await import('@/seed/demo')
  const payload = await getPayload({ config })
  const users = await payload.count({ collection: 'users' })
  if (users.totalDocs === 0) {
    const report = await seedDemoData(payload)
    for (const line of report.created) console.info(`[seed] created ${line}`)
    const settings = await payload.findGlobal({ slug: 'settings' })
    console.info(demoCredentialsBanner(settings.organisationName || 'Hangar', `http://localhost:${port}`))
  } else {
    console.info(`[seed] ${users.totalDocs} account(s) already in ${databaseUrl()}; demo data not re-seeded.`)
    console.info('[seed] Demo sign-ins (if you kept them): admin@hangar.test / hangar-admin-demo, member@hangar.test / hangar-member-demo')
  }
  await payload.destroy()
}

const child = spawn('next', ['dev', '--port', port, ...process.argv.slice(2)], { stdio: 'inherit', shell: false })
child.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
