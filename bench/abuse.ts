/**
 * Abuse benchmark (issue 12, point 12), on PostgreSQL: USERS members with memberships, then
 * 4 loops each sending heavy queries back to back for SECONDS seconds (every member at once with
 * their memberships populated as deep as asked, under a wide OR filter) while /api/health is
 * polled every 100 ms. Run twice through the same route handlers: once straight to Payload (no
 * limits: the behaviour before issue 12) and once through the API guard (limit clamped to 100,
 * depth to 3). Prints the health check's p50/p95 and status counts, and how long the heavy
 * queries took, for each.
 *
 *   npm run bench:abuse        (creates and drops the database hangar_bench)
 *
 * Not run by CI. Figures go in the closing note of the issue.
 */
import { sql } from 'drizzle-orm'
import { REST_GET } from '@payloadcms/next/routes'
import { getPayload } from 'payload'

import config from '@payload-config'

import { guardApiRoute } from '../src/lib/apiGuard'

const USERS = Number(process.env.BENCH_USERS) || 20_000
const SECONDS = Number(process.env.BENCH_SECONDS) || 15
const PARALLEL = 4

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:abuse).')
const db = (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }).drizzle

const tier = await payload.create({ collection: 'tiers', data: { name: 'Bench', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false, active: true } })
await db.execute(
  sql.raw(`
  INSERT INTO users (email, first_name, last_name, email_preferences_renewal_reminders, created_at, updated_at)
  SELECT 'abuse' || g || '@example.org', 'Member', 'No. ' || g, true, now(), now() FROM generate_series(1, ${USERS}) g;
  INSERT INTO memberships (title, member_id, tier_id, status, membership_number, period_start, period_end, open_key, created_at, updated_at)
  SELECT 'Bench ' || id, id, ${tier.id}, 'active', 'AB-' || lpad(id::text, 6, '0'), now() - interval '30 days', now() + interval '300 days', id || ':${tier.id}', now(), now()
  FROM users WHERE email LIKE 'abuse%@example.org';
  `),
)
const email = 'abuse-admin@example.org'
await payload.create({ collection: 'users', data: { email, password: 'correct-horse-battery', firstName: 'Bench', lastName: 'Admin', roles: ['admin', 'member'] } })
const { token } = await payload.login({ collection: 'users', data: { email, password: 'correct-horse-battery' } })

type Get = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>
const unguarded = REST_GET(config) as Get
// what app/(payload)/api/[...slug]/route.ts serves (that module imports CSS, which a script cannot)
const guarded = guardApiRoute(REST_GET(config), config) as Get

async function get(handler: Get, path: string, auth = true): Promise<{ status: number; ms: number; docs?: number }> {
  const url = new URL(`/api${path}`, 'http://localhost:3000')
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  const started = performance.now()
  const response = await handler(new Request(url, { headers: auth ? { Authorization: `JWT ${token}` } : {} }), { params: Promise.resolve({ slug }) })
  const text = await response.text()
  let docs: number | undefined
  try {
    docs = (JSON.parse(text) as { docs?: unknown[] }).docs?.length
  } catch {
    // not JSON
  }
  return { status: response.status, ms: performance.now() - started, docs }
}

const wideOr = Array.from({ length: 20 }, (_, i) => `where[or][${i}][email][like]=abuse${i + 1}`).join('&')
const heavy = [`/memberships?limit=100000&depth=10&${wideOr.replaceAll('[email]', '[member.email]')}`, `/users?limit=100000&depth=10&${wideOr}`, `/users?pagination=false&depth=5&sort=-lastName`, `/memberships?limit=0&depth=5&sort=-membershipNumber`]

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN
}

async function phase(label: string, handler: Get) {
  const until = Date.now() + SECONDS * 1000
  const health: { status: number; ms: number }[] = []
  const queries: { status: number; ms: number; docs?: number }[] = []
  const poll = (async () => {
    while (Date.now() < until) {
      health.push(await get(guarded, '/health', false).catch(() => ({ status: 0, ms: 0 })))
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  const loops = Array.from({ length: PARALLEL }, async (_, i) => {
    let n = i
    while (Date.now() < until) queries.push(await get(handler, heavy[n++ % heavy.length]!).catch(() => ({ status: 0, ms: 0 })))
  })
  await Promise.all([poll, ...loops])
  const count = (rows: { status: number }[]) => Object.entries(rows.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {})).map(([s, n]) => `${s}×${n}`).join(' ')
  const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(0)} ms`
  console.info(`\n${label}`)
  console.info(`  heavy queries: ${queries.length} in ${SECONDS} s (${PARALLEL} in parallel), statuses ${count(queries)}, p50 ${ms(queries.map((q) => q.ms), 50)}, p95 ${ms(queries.map((q) => q.ms), 95)}, largest answer ${Math.max(0, ...queries.map((q) => q.docs ?? 0))} docs`)
  console.info(`  /api/health: ${health.length} polls, statuses ${count(health)}, p50 ${ms(health.map((h) => h.ms), 50)}, p95 ${ms(health.map((h) => h.ms), 95)}`)
  return health
}

console.info(`${USERS} members with memberships; ${PARALLEL} parallel heavy queries for ${SECONDS} s per run`)
await phase('Without limits (Payload as it answers unguarded)', unguarded)
const after = await phase('With limits (API guard: limit ≤ 100, depth ≤ 3)', guarded)
const unhealthy = after.filter((h) => h.status !== 200).length
console.info(unhealthy ? `\n/api/health failed ${unhealthy} times with the limits on` : '\n/api/health stayed 200 throughout with the limits on')
process.exit(unhealthy ? 1 : 0)
