/**
 * The dashboard's reports at 100,000 members on PostgreSQL (issue 16): the server time of each
 * report (what `GET /api/reports/:name` computes, without the HTTP round trip), and a CSV export of
 * a long list streamed to the end, with the heap it holds meanwhile.
 *
 *   npm run bench:reports      (bench/run.mjs: fresh database, migrate, this, drop)
 *
 * Seeds the scale benchmark's data set (bench/scaleSeed.ts: 100,000 members, their history, 200,000
 * payments, the reminder ledger, 200 events with 20,000 RSVPs), then adds refunds on 1% of the
 * payments and a year of volunteer shifts (3,000 past shifts with 4 people each, 100 ahead with places
 * to fill).
 *
 * Settings: BENCH_MEMBERS (100000), BENCH_ROUNDS (15 measured rounds after 3 warm-up rounds).
 */
import os from 'node:os'

import { getPayload } from 'payload'
import pg from 'pg'

import config from '@payload-config'

import type { ReportName } from '../src/access/matrix'
import { answerReport, csvStream } from '../src/reports/answer'
import { REPORTS } from '../src/reports/index'
import { parseReportQuery } from '../src/reports/params'
import { USER_ID_BASE, seedScale } from './scaleSeed'

const MEMBERS = Number(process.env.BENCH_MEMBERS) || 100_000
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 15
const WARM_UP = 3
const GOAL_MS = 300
/** "Flat memory": what a CSV export may add to the heap while it streams, however long the list. */
const CSV_HEAP_LIMIT_MB = 64

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL: npm run bench:reports.')
const db = new pg.Client({ connectionString: process.env.DATABASE_URL })
await db.connect()

const secs = (value: number) => `${(value / 1000).toFixed(1)} s`
const ms = (value: number) => (value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`)
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work()
  console.info(`  ${label.padEnd(58)} ${secs(performance.now() - started)}`)
  return result
}

const today = new Date()
today.setUTCHours(0, 0, 0, 0)

// ---------------------------------------------------------------------------------- seed

type Seeded = { members: number; tiers: number[] }
const kept = process.env.BENCH_SKIP_SEED === '1'
  ? ((await db.query<Seeded>('SELECT members, tiers FROM bench_scale_seed').catch(() => ({ rows: [] as Seeded[] }))).rows[0] ?? null)
  : null
const seeded: Seeded = kept ?? (await seedAll())
if (kept) console.info(`Reusing the kept seed of ${kept.members.toLocaleString('en-GB')} members (BENCH_SKIP_SEED=1)`)

async function seedAll(): Promise<Seeded> {
  console.info(`Seeding ${MEMBERS.toLocaleString('en-GB')} members (the scale bench's data set) and what the reports add`)
  const seeded = await seedScale({ payload, db, members: MEMBERS, today, timed })
  const N = seeded.members

  await timed('refunds on 1% of the payments taken', async () => {
    await db.query(
      `INSERT INTO payments_refunds (_order, _parent_id, id, amount, at, reason, status)
       SELECT 1, p.id, 'refund' || lpad(to_hex(p.id), 16, '0'), 1000, p.paid_at + interval '10 days', 'Bench refund', 'completed'
       FROM payments p WHERE p.status = 'succeeded' AND p.id % 100 = 7`,
    )
    await db.query(`UPDATE payments SET status = 'partially_refunded' WHERE status = 'succeeded' AND id % 100 = 7`)
  })

  await timed('3,000 past shifts (4 people each), 100 ahead with places open', async () => {
    const roles = (await db.query<{ id: number }>('SELECT id FROM volunteer_roles ORDER BY id')).rows.map((row) => row.id)
    if (roles.length === 0) throw new Error('no volunteer roles: the start-up seeding of roles did not run')
    await db.query(
      `INSERT INTO shifts (id, title, role_id, starts_at, ends_at, location, people_needed, open_places, created_at, updated_at)
       SELECT s, 'Shift ' || s, ($1::int[])[1 + s % array_length($1::int[], 1)],
              $2::timestamptz + (CASE WHEN s <= 3000 THEN -365 + (s % 365) ELSE 1 + (s % 60) END) * interval '1 day' + interval '9 hours',
              $2::timestamptz + (CASE WHEN s <= 3000 THEN -365 + (s % 365) ELSE 1 + (s % 60) END) * interval '1 day' + interval '12 hours',
              'Apron', 4, CASE WHEN s <= 3000 THEN 0 ELSE 1 + s % 4 END, now(), now()
       FROM generate_series(1, 3100) s`,
      [roles, today.toISOString()],
    )
    await db.query(`SELECT setval('shifts_id_seq', (SELECT max(id) FROM shifts))`)
    await db.query(
      `INSERT INTO shifts_assigned (_order, _parent_id, id, member_id, via, attended, hours)
       SELECT k, s, 'assigned' || lpad(to_hex(s), 12, '0') || k, ${USER_ID_BASE} + 1 + ((s * 37 + k * 7919) % ${N}), 'coordinator', k <> 4, CASE WHEN k <> 4 THEN 3 END
       FROM generate_series(1, 3000) s CROSS JOIN generate_series(1, 4) k`,
    )
  })
  return seeded
}

await timed('ANALYZE', () => db.query('ANALYZE'))

// ---------------------------------------------------------------------------------- measure

// the machine's pace now (the machine is shared): a plain count of the history table, for scale
const reference: number[] = []
for (let round = 0; round < 7; round++) {
  const started = performance.now()
  await db.query('SELECT count(*) FROM memberships_history')
  reference.push(performance.now() - started)
}
console.info(`\nReference: SELECT count(*) FROM memberships_history takes ${ms(percentile(reference, 50))} (median of 7); load average ${os.loadavg().map((n) => n.toFixed(1)).join(', ')} on ${os.cpus().length} cores`)

const counts = (await db.query<{ table: string; n: string }>(
  `SELECT 'memberships' AS table, count(*) AS n FROM memberships UNION ALL SELECT 'history entries', count(*) FROM memberships_history
   UNION ALL SELECT 'payments', count(*) FROM payments UNION ALL SELECT 'refunds', count(*) FROM payments_refunds
   UNION ALL SELECT 'RSVPs', count(*) FROM rsvps UNION ALL SELECT 'shift places', count(*) FROM shifts_assigned`,
)).rows
console.info(`\nData: ${counts.map((row) => `${Number(row.n).toLocaleString('en-GB')} ${row.table}`).join(', ')}`)

const queryFor = (query: string) => {
  const parsed = parseReportQuery(new URLSearchParams(query))
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.query
}

type Case = { report: ReportName; query: string; label: string }
const pastDay = new Date(today.getTime() - 180 * 24 * 3_600_000).toISOString().slice(0, 10)
const CASES: Case[] = [
  { report: 'members', query: '', label: 'members (now)' },
  { report: 'members', query: `at=${pastDay}`, label: 'members (at a date 6 months ago, from the history)' },
  { report: 'members', query: `tier=${seeded.tiers[1]}&at=${pastDay}`, label: 'members (one tier, 6 months ago)' },
  { report: 'movement', query: '', label: 'movement (12 months)' },
  { report: 'movement', query: `tier=${seeded.tiers[0]}`, label: 'movement (12 months, one tier)' },
  { report: 'revenue', query: '', label: 'revenue (12 months)' },
  { report: 'revenue', query: `tier=${seeded.tiers[0]}`, label: 'revenue (12 months, one tier)' },
  { report: 'outstanding', query: '', label: 'outstanding (first page of each list)' },
  { report: 'expiring', query: '', label: 'expiring (30 days, first page)' },
  { report: 'expiring', query: 'days=64&page=500', label: 'expiring (64 days, page 500 of the list)' },
  { report: 'attendance', query: '', label: 'attendance (12 months)' },
  { report: 'volunteering', query: '', label: 'volunteering (12 months)' },
]

console.info(`\nServer time per report (${WARM_UP} warm-up rounds, then ${ROUNDS}; JSON, as the endpoint computes it)\n`)
console.info('| report | p50 | p95 | rows | goal | |')
console.info('|---|---|---|---|---|---|')
let failed = 0
for (const item of CASES) {
  const samples: number[] = []
  let rows = 0
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    const started = performance.now()
    const answer = await answerReport(REPORTS[item.report], payload, queryFor(item.query))
    const took = performance.now() - started
    if (round >= WARM_UP) samples.push(took)
    rows = Object.values(answer.tables).reduce((total, table) => total + table.rows.length, 0)
  }
  const p95 = percentile(samples, 95)
  const ok = p95 <= GOAL_MS
  if (!ok) failed++
  console.info(`| ${item.label} | ${ms(percentile(samples, 50))} | ${ms(p95)} | ${rows} | ≤ ${GOAL_MS} ms | ${ok ? 'PASS' : 'FAIL'} |`)
}

/** Streams one table to the end, as a download would, sampling the heap while it goes. */
async function measureCsv(report: ReportName, table: string, query: string) {
  const definition = REPORTS[report]
  const spec = definition.tables.find((candidate) => candidate.key === table)!
  global.gc?.()
  const baseline = process.memoryUsage().heapUsed
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }, 5)
  const started = performance.now()
  let bytes = 0
  let lines = 0
  let firstByte = 0
  let failure: Error | undefined
  const reader = csvStream(spec, payload, queryFor(query), (error) => {
    failure = error
  }).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!firstByte) firstByte = performance.now() - started
    bytes += value.byteLength
    for (const byte of value) if (byte === 10) lines++
    peak = Math.max(peak, process.memoryUsage().heapUsed)
  }
  clearInterval(sampler)
  if (failure) throw failure
  const took = performance.now() - started
  const added = peak - baseline
  const ok = added <= CSV_HEAP_LIMIT_MB * 1024 * 1024
  if (!ok) failed++
  console.info(
    `| ${report} ${table} (${query || 'defaults'}) | ${(lines - 1).toLocaleString('en-GB')} | ${mb(bytes)} | ${ms(firstByte)} | ${secs(took)} | +${mb(added)} | ≤ ${CSV_HEAP_LIMIT_MB} MB | ${ok ? 'PASS' : 'FAIL'} |`,
  )
}

console.info(`\nCSV exports streamed to the end (the heap is sampled while they stream${global.gc ? '' : '; run node with --expose-gc for a cleaner baseline'})\n`)
console.info('| export | rows | size | first byte | whole | heap added | goal | |')
console.info('|---|---|---|---|---|---|---|---|')
await measureCsv('expiring', 'memberships', 'days=64')
await measureCsv('outstanding', 'memberships', '')
await measureCsv('volunteering', 'byMember', '')

console.info(failed ? `\n${failed} goal(s) not met.` : '\nEvery goal met.')
await db.end()
process.exit(failed ? 1 : 0)
