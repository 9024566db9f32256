/**
 * Benchmark of a member import (issue 16 point 5), on PostgreSQL: a spreadsheet of ROWS people
 * (default 10,000), each with an active paid membership of one of two tiers (period, amount and
 * method given, half opted in to marketing, a custom field), uploaded, dry-run and run exactly as
 * the admin panel's import does (`dryRunImport`, then the `memberImport` job's `runImport`).
 * Prints the time of each step and of a second import of the same file (nothing to change), and
 * checks what was written. The goal: 10,000 rows in 60 s or less (CiviCRM documents about 200
 * contacts in 10–21 s).
 *
 *   npm run bench:import        (creates and drops the database hangar_bench)
 *
 * Not run by CI. Figures go in docs/members.md.
 */
import os from 'node:os'

import { getPayload } from 'payload'

import config from '@payload-config'

import type { MemberImport, User } from '@payload-types'

import { dryRunImport, runImport } from '../src/members/import/run'

const ROWS = Number(process.env.BENCH_ROWS) || 10_000

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:import).')
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

await payload.updateGlobal({ slug: 'settings', data: { membershipNumberPrefix: 'BENCH-' }, depth: 0 })
const tier = (name: string, fee: number) => payload.create({ collection: 'tiers', data: { name, fee, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } })
await tier('Personal', 500)
await tier('Aircraft Owners', 2500)
await payload.create({ collection: 'member-fields', data: { label: 'Licence number', key: 'licence_number', type: 'text', visibleTo: 'staff', editableBy: 'staff' } as never })
const admin = (await payload.create({
  collection: 'users',
  data: { firstName: 'Bench', lastName: 'Admin', email: `bench.admin.${Date.now()}@example.org`, password: 'correct-horse-battery', roles: ['admin', 'member'] },
})) as User

const header = 'Email,First name,Last name,Phone,Town,Postcode,Tier,Status,Start date,Amount paid,Payment method,Marketing,Licence number'
const rows = Array.from({ length: ROWS }, (_, i) => {
  const day = String((i % 28) + 1).padStart(2, '0')
  return `member${i}@bench.example.org,Member,Number ${i},01792 ${String(100000 + i).slice(-6)},Swansea,SA2 7JU,${i % 2 ? 'Personal' : 'Aircraft Owners'},active,${day}/03/2026,${i % 2 ? '5.00' : '25.00'},${i % 3 ? 'cash' : 'bank transfer'},${i % 2 ? 'yes' : 'no'},PPL-${i}`
})
const csv = `${header}\n${rows.join('\n')}\n`

async function importOnce(label: string) {
  let started = performance.now()
  const doc = (await payload.create({ collection: 'member-imports', data: { csv, filename: 'bench.csv', mode: 'create', status: 'uploaded' }, user: admin, overrideAccess: false, depth: 0 })) as MemberImport
  const uploaded = seconds(started)
  started = performance.now()
  const dry = await dryRunImport(payload, doc.id, admin)
  const dryTime = seconds(started)
  await payload.update({ collection: 'member-imports', id: doc.id, data: { status: 'queued', runBy: admin.id }, depth: 0, context: { hangarMemberImportSystem: true } })
  started = performance.now()
  const counts = await runImport(payload, doc.id)
  const runTime = seconds(started)
  console.info(`${label}: ${ROWS.toLocaleString('en-GB')} rows — upload ${uploaded}, dry run ${dryTime} (${dry.counts.created} to create, ${dry.counts.unchanged} unchanged, ${dry.counts.failed} failed), run ${runTime} (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed)`)
  return doc.id
}

console.info(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}; PostgreSQL`)
const first = await importOnce('First import')
const count = async (collection: 'users' | 'memberships' | 'payments' | 'consents' | 'audit-entries') => (await payload.count({ collection })).totalDocs
const written = { people: (await count('users')) - 1, memberships: await count('memberships'), payments: await count('payments'), consents: await count('consents'), audit: await count('audit-entries') }
await importOnce('Same file again')
const again = { people: (await count('users')) - 1, memberships: await count('memberships'), payments: await count('payments'), consents: await count('consents'), audit: await count('audit-entries') }
const numbers = await payload.find({ collection: 'memberships', where: { memberImport: { equals: first } }, pagination: false, select: { membershipNumber: true }, depth: 0 })
console.info(`Written: ${JSON.stringify(written)}; after the second import: ${JSON.stringify(again)}; distinct membership numbers ${new Set(numbers.docs.map((m) => m.membershipNumber)).size}`)
const ok = written.people === ROWS && written.memberships === ROWS && written.payments === ROWS && JSON.stringify(written) === JSON.stringify(again)
console.info(ok ? 'Checks passed.' : 'CHECKS FAILED.')
process.exit(ok ? 0 : 1)
