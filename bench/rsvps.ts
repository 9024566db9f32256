/**
 * Benchmark of RSVPs racing for the last places (issue 14), on PostgreSQL: MEMBERS members with
 * memberships set up in bulk with SQL (80% active, 5% grace, 5% lapsed, 10% awaiting payment),
 * then RACERS of the active ones sending `POST /api/rsvps` at the same moment, through Payload's
 * REST handler, for an event with PLACES places and a waitlist. Prints the wall time, each
 * request's latency (p50, p95, max) and how many went and waited; the goal is PLACES going and
 * the rest waitlisted, in at most 2 s. BENCH_ROUNDS races (3), each for a new event; the median counts.
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
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3
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
const newEvent = (round: number) =>
  payload.create({
    collection: 'events',
    data: { title: `Bench evening ${round}`, startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), status: 'published', audience: 'members', capacity: PLACES, waitlist: true } as never,
    user: organiser,
    overrideAccess: false,
    depth: 0,
  })

const post = REST_POST(config)
const rsvp = async (token: string, eventId: number) => {
  const begun = performance.now()
  const request = new Request('http://localhost:3000/api/rsvps?depth=0', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ event: eventId }),
  })
  const response = await post(request, { params: Promise.resolve({ slug: ['rsvps'] }) })
  const body = (await response.json()) as { doc?: Rsvp; errors?: Array<{ message: string }> }
  return { status: response.status, rsvp: body.doc, error: body.errors?.[0]?.message, ms: performance.now() - begun }
}

// every statement the RSVPs send, on any pooled connection (the adapter's pg is this pg)
// and, per connection, what happens between BEGIN and COMMIT: how long the transaction held its
// connection, how long it held the event's row (from the places UPDATE) and how many statements
// it sent while holding that lock
let statements = 0
const held = { transactions: 0, connectionMs: 0, locks: 0, lockMs: 0, statementsUnderLock: 0 }
const open = new WeakMap<pg.Client, { begun: number; locked?: number; underLock: number }>()
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1
  const text = String((args[0] as { text?: string })?.text ?? args[0])
  if (process.env.BENCH_LOG_SQL) console.info(text.slice(0, 300))
  const now = performance.now()
  const tx = open.get(this)
  if (/^begin/i.test(text)) open.set(this, { begun: now, underLock: 0 })
  else if (tx && /^(commit|rollback)/i.test(text)) {
    held.transactions += 1
    held.connectionMs += now - tx.begun
    if (tx.locked !== undefined) {
      held.locks += 1
      held.lockMs += now - tx.locked
      held.statementsUnderLock += tx.underLock
    }
    open.delete(this)
  } else if (tx?.locked !== undefined) tx.underLock += 1
  else if (tx && /^update "events" set "places_taken"/i.test(text)) tx.locked = now
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query

// ROUNDS races, each for a new event (this machine is shared: the median round is the figure)
const rounds: string[] = []
const walls: number[] = []
for (let round = 1; round <= ROUNDS; round++) {
  const event = await newEvent(round)
  statements = 0
  Object.assign(held, { transactions: 0, connectionMs: 0, locks: 0, lockMs: 0, statementsUnderLock: 0 })
  started = performance.now()
  const results = await Promise.all(tokens.map((token) => rsvp(token, event.id)))
  const wall = performance.now() - started
  const perRsvp = statements / tokens.length
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b)
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!
  const count = (status: Rsvp['status']) => results.filter((r) => r.rsvp?.status === status).length
  const failed = results.filter((r) => r.status !== 201)
  const taken = (await payload.findByID({ collection: 'events', id: event.id, depth: 0 })).placesTaken
  walls.push(wall)
  rounds.push(
    `  round ${round}: ${ms(wall)} wall; each: p50 ${ms(pick(0.5))}, p95 ${ms(pick(0.95))}, max ${ms(latencies.at(-1)!)}; ${perRsvp.toFixed(1)} SQL statements per RSVP\n` +
      `           a transaction held its connection ${ms(held.connectionMs / Math.max(1, held.transactions))} and the event's row ${ms(held.lockMs / Math.max(1, held.locks))} on average, ` +
      `${(held.statementsUnderLock / Math.max(1, held.locks)).toFixed(1)} statements under that lock before COMMIT\n` +
      `           going ${count('going')} (goal ${PLACES}), waitlisted ${count('waitlisted')} (goal ${RACERS - PLACES}), places taken ${taken}, refused ${failed.length}` +
      (failed.length ? ` (${failed[0]!.status}: ${failed[0]!.error})` : ''),
  )
}
pg.Client.prototype.query = query
const median = [...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)]!

console.info(`
RSVPs racing for the last places, on PostgreSQL (pool of ${Number(process.env.DATABASE_POOL_MAX) || 10} connections)
  members: ${MEMBERS.toLocaleString('en-GB')} with memberships (seeded and ${RACERS} signed in, in ${(seeded / 1000).toFixed(1)} s)
  ${RACERS} RSVPs at once for ${PLACES} places, median of ${ROUNDS} rounds: ${ms(median)} wall (goal 2 s)
${rounds.join('\n')}
`)
await payload.destroy()
process.exit(0)
