/**
 * Benchmark of one daily renewal-reminder run (issue 4): 100,000 active memberships on
 * PostgreSQL (BENCH_MEMBERSHIPS to change), about 5% with a reminder due today, earlier steps already in the ledger as a
 * year of daily runs would have left them. Times the run (selection in batches, planning,
 * claiming and queueing each email) and prints peak memory.
 *
 *   npm run bench:reminders            (creates and drops the database hangar_bench)
 *
 * Not run by CI. Figures go in the closing note of the issue.
 */
import pg from 'pg'
import { getPayload } from 'payload'

import config from '@payload-config'

import { drizzleOf, sql } from '../src/lib/db'

import { runRenewalReminders } from '../jobs/renewalReminders'

const MEMBERSHIPS = Number(process.env.BENCH_MEMBERSHIPS) || 100_000
// period ends spread evenly over 100 days around today: 5 step days of 100 = about 5% due
const SPREAD_DAYS = 100
const FIRST_END_OFFSET = -35

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:reminders).')
const db = drizzleOf(payload)
const today = new Date()
today.setUTCHours(0, 0, 0, 0)
const iso = today.toISOString()

let started = performance.now()
const tier = await payload.create({
  collection: 'tiers',
  data: { name: `Bench ${Date.now()}`, fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false, active: true },
})
await db.execute(
  sql.raw(`
  INSERT INTO users (email, first_name, last_name, email_preferences_renewal_reminders, created_at, updated_at)
  SELECT 'bench' || g || '@example.org', 'Member', 'No. ' || g, true, now(), now() FROM generate_series(1, ${MEMBERSHIPS}) g;

  INSERT INTO memberships (title, member_id, tier_id, status, membership_number, period_start, period_end, open_key, created_at, updated_at)
  SELECT 'Bench ' || u.id, u.id, ${tier.id},
         (CASE WHEN e.period_end < '${iso}'::timestamptz THEN 'grace' ELSE 'active' END)::enum_memberships_status,
         'BEN-' || lpad(u.id::text, 7, '0'), e.period_end - interval '1 year', e.period_end, u.id || ':${tier.id}', now(), now()
  FROM users u
  CROSS JOIN LATERAL (SELECT '${iso}'::timestamptz + ((${FIRST_END_OFFSET} + (u.id % ${SPREAD_DAYS})) * interval '1 day') AS period_end) e
  WHERE u.email LIKE 'bench%@example.org';

  INSERT INTO reminders (membership_id, member_id, period_end, step, "offset", created_at, updated_at)
  SELECT m.id, m.member_id, m.period_end, s.step, s.off, now(), now()
  FROM memberships m
  CROSS JOIN (VALUES (-30, 'before-30'), (-14, 'before-14'), (-7, 'before-7'), (0, 'on-the-day'), (7, 'after-7')) AS s(off, step)
  WHERE m.tier_id = ${tier.id} AND m.period_end + s.off * interval '1 day' < '${iso}'::timestamptz;
`),
)
await db.execute(sql.raw('ANALYZE users; ANALYZE memberships; ANALYZE reminders;'))
const seeded = performance.now() - started
const ledgerBefore = (await payload.count({ collection: 'reminders' })).totalDocs

const rssBefore = process.memoryUsage().rss
let peakRss = rssBefore
let peakHeap = 0
const sampler = setInterval(() => {
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  peakHeap = Math.max(peakHeap, usage.heapUsed)
}, 50)

// every statement the run sends, on any pooled connection (the adapter's pg is this pg)
let statements = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query

started = performance.now()
const report = await runRenewalReminders(payload, { today: new Date(today.getTime() + 9 * 3_600_000) })
const elapsed = performance.now() - started
clearInterval(sampler)
console.info((globalThis as any).T)
pg.Client.prototype.query = query
const queuedJobs = (await payload.count({ collection: 'payload-jobs', where: { taskSlug: { equals: 'sendEmail' } } })).totalDocs

console.info(`
Renewal reminders, one daily run on PostgreSQL
  memberships:              ${MEMBERSHIPS.toLocaleString('en-GB')} (seeded in ${(seeded / 1000).toFixed(1)} s; ${ledgerBefore.toLocaleString('en-GB')} earlier reminders in the ledger)
  near the end of a period: ${report.considered.toLocaleString('en-GB')} (${report.notDue.toLocaleString('en-GB')} of them with nothing due)
  reminders due and queued: ${report.queued.toLocaleString('en-GB')} (${((report.queued / MEMBERSHIPS) * 100).toFixed(1)}%); sendEmail jobs queued: ${queuedJobs.toLocaleString('en-GB')}
  run time:                 ${(elapsed / 1000).toFixed(1)} s (${(elapsed / Math.max(1, report.queued)).toFixed(1)} ms per reminder queued)
  SQL statements:           ${statements.toLocaleString('en-GB')} (${(statements / Math.max(1, report.queued)).toFixed(2)} per reminder queued, BEGIN and COMMIT included)
  memory:                   RSS ${mb(rssBefore)} before, peak ${mb(peakRss)}; peak heap used ${mb(peakHeap)}
`)
await payload.destroy()
process.exit(0)
