/**
 * Benchmark of RSVPs racing for the last places (issue 14), on PostgreSQL: MEMBERS members with
 * memberships set up in bulk with SQL (80% active, 5% grace, 5% lapsed, 10% awaiting payment),
 * then RACERS of the active ones sending `POST /api/rsvps` at the same moment, through Payload's
 * REST handler, for an event with PLACES places and a waitlist. Prints the wall time, each
 * request's latency (p50, p95, max) and how many went and waited; the goal is PLACES going and
 * the rest waitlisted, in at most 2 s.
 *
 *   npm run bench:rsvps        (creates and drops the database hangar_bench; BENCH_DATABASE_URL to change)
 *
 * Not run by CI. Figures go in the closing note of the issue.
 */
import { REST_POST } from '@payloadcms/next/routes'
import pg from 'pg'
import { getPayload } from 'payload'

import config from '@payload-config'

import type { Rsvp, User } from '@payload-types'

import { drizzleOf, rowsOf, sql } from '../src/lib/db'

const MEMBERS = Number(process.env.BENCH_MEMBERS) || 100_000
const RACERS = Number(process.env.BENCH_RACERS) || 100
const PLACES = Number(process.env.BENCH_PLACES) || 20
const PASSWORD = 'correct-horse-battery'

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:rsvps).')
const db = drizzleOf(payload)
const ms = (value: number) => `${value.toFixed(0)} ms`

let started = performance.now()
const tier = await payload.create({ collection: 'tiers', data: { name: 'Bench', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false, active: true } })
// one account made properly gives the password hash every racer signs in with
const template = (await payload.create({ collection: 'users', data: { email: 'template@example.org', password: PASSWORD, firstName: 'T', lastName: 'T', roles: ['member'] } })) as User
await db.execute(
  sql.raw(`
  INSERT INTO users (email, first_name, last_name, salt, hash, email_preferences_renewal_reminders, created_at, updated_at)
  SELECT 'member' || g || '@example.org', 'Member', 'No. ' || g, t.salt, t.hash, true, now(), now()
  FROM generate_series(1, ${MEMBERS}) g CROSS JOIN (SELECT salt, hash FROM users WHERE id = ${template.id}) t;
  INSERT INTO users_roles ("order", parent_id, value) SELECT 1, id, 'member' FROM users WHERE email LIKE 'member%@example.org';
  INSERT INTO memberships (title, member_id, tier_id, status, membership_number, period_start, period_end, open_key, created_at, updated_at)
  SELECT 'Bench ' || id, id, ${tier.id},
         (CASE WHEN id % 20 < 16 THEN 'active' WHEN id % 20 = 16 THEN 'grace' WHEN id % 20 = 17 THEN 'lapsed' ELSE 'awaiting_payment' END)::enum_memberships_status,
         'RSV-' || lpad(id::text, 7, '0'), now() - interval '100 days', now() + ((id % 365) - 20) * interval '1 day', id || ':${tier.id}', now(), now()
  FROM users WHERE email LIKE 'member%@example.org';
  ANALYZE users; ANALYZE memberships;
  `),
)
const racers = await rowsOf<{ email: string }>(
  db.execute(sql`SELECT u.email FROM users u JOIN memberships m ON m.member_id = u.id WHERE m.status = 'active' ORDER BY u.id LIMIT ${RACERS}`),
)
const tokens: string[] = []
for (const { email } of racers) tokens.push((await payload.login({ collection: 'users', data: { email, password: PASSWORD } })).token!)
const seeded = performance.now() - started

const organiser = (await payload.create({
  collection: 'users',
  data: { email: 'organiser@example.org', password: PASSWORD, firstName: 'O', lastName: 'O', roles: ['events', 'member'] },
})) as User
const event = await payload.create({
  collection: 'events',
  data: { title: 'Bench evening', startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), status: 'published', audience: 'members', capacity: PLACES, waitlist: true } as never,
  user: organiser,
  overrideAccess: false,
  depth: 0,
})

const post = REST_POST(config)
const rsvp = async (token: string) => {
  const begun = performance.now()
  const request = new Request('http://localhost:3000/api/rsvps?depth=0', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ event: event.id }),
  })
  const response = await post(request, { params: Promise.resolve({ slug: ['rsvps'] }) })
  const body = (await response.json()) as { doc?: Rsvp; errors?: Array<{ message: string }> }
  return { status: response.status, rsvp: body.doc, error: body.errors?.[0]?.message, ms: performance.now() - begun }
}

// every statement the RSVPs send, on any pooled connection (the adapter's pg is this pg)
let statements = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1
  if (process.env.BENCH_LOG_SQL) console.info(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 300))
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query
if (process.env.BENCH_LOG_SQL) await rsvp(tokens.pop()!)
statements = 0

started = performance.now()
const results = await Promise.all(tokens.map(rsvp))
const wall = performance.now() - started
pg.Client.prototype.query = query
const latencies = results.map((r) => r.ms).sort((a, b) => a - b)
const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!
const count = (status: Rsvp['status']) => results.filter((r) => r.rsvp?.status === status).length
const failed = results.filter((r) => r.status !== 201)
const taken = (await payload.findByID({ collection: 'events', id: event.id, depth: 0 })).placesTaken

console.info(`
RSVPs racing for the last places, on PostgreSQL (pool of ${Number(process.env.DATABASE_POOL_MAX) || 10} connections)
  members:       ${MEMBERS.toLocaleString('en-GB')} with memberships (seeded and ${RACERS} signed in, in ${(seeded / 1000).toFixed(1)} s)
  ${RACERS} RSVPs at once for ${PLACES} places: ${ms(wall)} wall; each: p50 ${ms(pick(0.5))}, p95 ${ms(pick(0.95))}, max ${ms(latencies.at(-1)!)}
  SQL statements: ${(statements / tokens.length).toFixed(1)} per RSVP (BEGIN and COMMIT included)
  going:         ${count('going')} (goal ${PLACES}); waitlisted: ${count('waitlisted')} (goal ${RACERS - PLACES}); places taken: ${taken}
  refused:       ${failed.length}${failed.length ? ` (${failed[0]!.status}: ${failed[0]!.error})` : ''}
`)
await payload.destroy()
process.exit(0)
