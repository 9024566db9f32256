/**
 * Benchmark of the people CSV export (issue 16 point 4) at 100,000 people on PostgreSQL
 * (BENCH_PEOPLE to change): seeded in SQL as bench/scale.ts seeds its members (one password hash
 * copied, names, towns), each with an encrypted phone number and address line and two custom
 * member fields, one of them sensitive (sealed), so every row is decrypted on the way out.
 *
 *   npm run bench:export            (bench/run.mjs: a fresh migrated database hangar_bench, dropped after)
 *
 * Streams the whole file as an admin (the endpoint's own code, `exportResponse`, reading the body
 * as a client would), then again sorted by last name (the ids in order first, then the documents) and filtered to one first name,
 * and prints rows, bytes, time to the first byte, total time and the process's peak RSS while each
 * ran. Not run by CI; figures in docs/performance.md.
 */
import { createLocalReq, getPayload } from 'payload'

import config from '@payload-config'

import { usersExport } from '../collections/users/endpoints/exportCsv'
import { exportResponse } from '../src/exports/endpoint'
import { drizzleOf, sql } from '../src/lib/db'
import { customValueContext } from '../src/members/customFields'
import { sealValue } from '../src/privacy/fieldEncryption'

const PEOPLE = Number(process.env.BENCH_PEOPLE) || 100_000
const USER_ID_BASE = 1000
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:export).')
const db = drizzleOf(payload)
const run = (text: string) => db.execute(sql.raw(text))

let started = performance.now()
const admin = await payload.create({ collection: 'users', data: { email: 'admin@bench.example.org', password: 'Export bench: correct horse battery 16', firstName: 'Bench', lastName: 'Admin', roles: ['admin'] } as never })
await payload.create({ collection: 'member-fields', data: { label: 'Licence number', key: 'licence_number', type: 'text', order: 1 } as never })
await payload.create({ collection: 'member-fields', data: { label: 'Medical note', key: 'medical_note', type: 'textarea', visibleTo: 'staff', editableBy: 'staff', sensitive: true, order: 2 } as never })
// a sealed value is bound to its field, not its row: one envelope per field serves every row
const phone = sealValue('+441792485555', { collection: 'users', path: 'phone' })
const line1 = sealValue('1 Runway Road', { collection: 'users', path: 'address.line1' })
const medical = sealValue(JSON.stringify('Carries an inhaler'), customValueContext('medical_note'))
const hash = (await run(`SELECT salt, hash FROM users WHERE id = ${admin.id}`)) as unknown as { rows: Array<{ salt: string; hash: string }> }
const { salt, hash: passwordHash } = hash.rows[0]!
await run(
  `INSERT INTO users (id, email, first_name, last_name, salt, hash, phone, address_line1, address_town, address_country, custom_fields, email_preferences_renewal_reminders, created_at, updated_at)
   SELECT ${USER_ID_BASE} + g, 'm' || g || '@bench.example.org', (ARRAY['Alex','Sam','Jo','Chris','Pat','Robin','Kim','Lee'])[1 + g % 8], 'Member ' || g,
          '${salt}', '${passwordHash}', '${phone}', '${line1}', 'Town ' || (g % 50), 'United Kingdom',
          jsonb_build_object('licence_number', 'PPL-' || g, 'medical_note', '${medical}'), true, now() - (g % 1500) * interval '1 day', now()
   FROM generate_series(1, ${PEOPLE}) g`,
)
await run(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, ${USER_ID_BASE} + g, 'member' FROM generate_series(1, ${PEOPLE}) g`)
await run(`SELECT setval('users_id_seq', (SELECT max(id) FROM users))`)
await run('ANALYZE')
console.info(`Seeded ${PEOPLE.toLocaleString('en-GB')} people in ${((performance.now() - started) / 1000).toFixed(1)} s`)

async function measure(label: string, query: Record<string, unknown>) {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const req = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
  req.query = query as never
  started = performance.now()
  const response = await exportResponse(req, usersExport)
  const reader = response.body!.getReader()
  let firstByte = 0
  let bytes = 0
  let lines = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!firstByte) firstByte = performance.now() - started
    bytes += value.byteLength
    for (const byte of value) if (byte === 10) lines++
  }
  const total = performance.now() - started
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  console.info(
    `${label.padEnd(32)} ${String(lines - 1).padStart(7)} rows  ${mb(bytes).padStart(6)}  first byte ${firstByte.toFixed(0).padStart(5)} ms  total ${(total / 1000).toFixed(1).padStart(5)} s  ${Math.round(((lines - 1) / total) * 1000)
      .toLocaleString('en-GB')
      .padStart(7)} rows/s  RSS ${mb(before)} → peak ${mb(peak)} (+${mb(peak - before)})`,
  )
}

// BENCH_ONLY=sorted (or keyset, filter, warm) runs one measurement
const runs: Array<[string, string, Record<string, unknown>]> = [
  ['keyset', 'all people (by id, keyset)', {}],
  ['sorted', 'all people, sorted by last name', { sort: 'lastName' }],
  ['filter', 'first name Alex (filter, 1 in 8)', { where: { firstName: { equals: 'Alex' } } }],
  ['warm', 'all people again (warm)', {}],
]
for (const [name, label, query] of runs) if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === name) await measure(label, query)
process.exit(0)
