/**
 * `npm run dev`: on embedded SQLite, seed the demo data on first start and print the demo
 * credentials, then run `next dev` in the foreground until it stops. On Postgres nothing is
 * seeded (use `npm run seed`). Run through `payload run`, which loads TypeScript and .env the way
 * the Payload CLI does.
 *
 * `payload run` ends the process as soon as this module has finished evaluating, so the module
 * waits (top-level await) for `next dev` to exit: otherwise `next dev` would be left running on
 * its own, detached from the terminal, and Ctrl-C would not stop it. Signals reaching this
 * process (SIGTERM to npm, a closed terminal) are passed on to `next dev`, which stops its workers.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import path from 'node:path'

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

// `payload run` switches Payload's hot reload off for its scripts; the dev server wants it.
const { DISABLE_PAYLOAD_HMR: _noHmr, ...env } = process.env
const next = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'dev', '--port', port], { env, stdio: 'inherit' })

const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
for (const signal of forwarded) {
  // a Ctrl-C reaches `next dev` itself too (same process group); passing it on again is harmless
  process.on(signal, () => {
    if (next.exitCode === null && next.signalCode === null) next.kill(signal)
  })
}

const exitCode = await new Promise<number>((resolve) => {
  next.on('error', (error) => {
    console.error(`[dev] next dev could not be started: ${error.message}`)
    resolve(1)
  })
  next.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + constants.signals[signal] : 0)))
})
process.exit(exitCode)
