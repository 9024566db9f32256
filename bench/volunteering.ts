/**
 * Benchmark of the volunteering paths people wait on (issue 7), on PostgreSQL:
 * - VOLUNTEERS members holding the Fire role (verified certificate, current membership), set up
 *   in bulk with SQL; SHIFTS upcoming Fire shifts;
 * - all volunteers signing up at once for one shift with PLACES places (the locked path);
 * - the candidate list for a shift (everyone holding the role, with eligibility and availability);
 * - a member's open shifts (what /volunteering shows);
 * - the hours of every volunteer, summed in the database over ATTENDED attended rows.
 *
 *   npm run bench:volunteering        (creates and drops the database hangar_bench)
 *
 * Not run by CI. Figures go in the closing note of the issue.
 */
import { createLocalReq, getPayload } from 'payload'

import config from '@payload-config'

import { drizzleOf, sql } from '../src/lib/db'

import type { Shift, User } from '@payload-types'

import { volunteerHours } from '../src/volunteering/hours'
import { joinShift, openShiftsFor, shiftCandidates } from '../src/volunteering/roster'

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS) || 300
const SHIFTS = Number(process.env.BENCH_SHIFTS) || 100
const PLACES = 40
const ATTENDED = Number(process.env.BENCH_ATTENDED) || 20_000

const payload = await getPayload({ config })
if (payload.db.name !== 'postgres') throw new Error('Run the benchmark against PostgreSQL (npm run bench:volunteering).')
const db = drizzleOf(payload)
const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`

let started = performance.now()
const tier = await payload.create({ collection: 'tiers', data: { name: 'Bench', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false, active: true } })
const fire = (await payload.find({ collection: 'volunteer-roles', where: { name: { equals: 'Fire' } }, depth: 0 })).docs[0]!
const training = (await payload.find({ collection: 'certificate-types', where: { name: { equals: 'Fire training' } }, depth: 0 })).docs[0]!
await db.execute(
  sql.raw(`
  INSERT INTO users (email, first_name, last_name, email_preferences_renewal_reminders, created_at, updated_at)
  SELECT 'volunteer' || g || '@example.org', 'Volunteer', 'No. ' || g, true, now(), now() FROM generate_series(1, ${VOLUNTEERS}) g;
  INSERT INTO memberships (title, member_id, tier_id, status, membership_number, period_start, period_end, open_key, created_at, updated_at)
  SELECT 'Bench ' || id, id, ${tier.id}, 'active', 'VOL-' || lpad(id::text, 6, '0'), now() - interval '30 days', now() + interval '300 days', id || ':${tier.id}', now(), now()
  FROM users WHERE email LIKE 'volunteer%@example.org';
  INSERT INTO certificates (title, member_id, type_id, issued_on, expires_on, verified, created_at, updated_at)
  SELECT 'Fire training', id, ${training.id}, now() - interval '30 days', now() + interval '700 days', true, now(), now()
  FROM users WHERE email LIKE 'volunteer%@example.org';
  INSERT INTO volunteer_assignments (member_id, role_id, status, assigned_at, created_at, updated_at)
  SELECT id, ${fire.id}, 'active', now(), now(), now() FROM users WHERE email LIKE 'volunteer%@example.org';
  INSERT INTO availability (member_id, created_at, updated_at)
  SELECT id, now(), now() FROM users WHERE email LIKE 'volunteer%@example.org' AND id % 2 = 0;
  INSERT INTO availability_weekly (_order, _parent_id, id, day, "from", "to")
  SELECT 1, a.id, 'w' || a.id, 'sat', '08:00', '18:00' FROM availability a;
  `),
)
const shifts: Shift[] = []
for (let i = 0; i < SHIFTS; i++) {
  const startsAt = new Date(Date.now() + (7 + i) * 86_400_000)
  startsAt.setUTCHours(9, 0, 0, 0)
  shifts.push((await payload.create({ collection: 'shifts', data: { role: fire.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(), peopleNeeded: PLACES } })) as Shift)
}
// a year of attended shifts behind them, for the hours
await db.execute(
  sql.raw(`
  INSERT INTO shifts (title, role_id, starts_at, ends_at, people_needed, open_places, created_at, updated_at)
  SELECT 'Past shift ' || g, ${fire.id}, now() - (g || ' days')::interval, now() - (g || ' days')::interval + interval '4 hours', 60, 0, now(), now()
  FROM generate_series(1, ${Math.ceil(ATTENDED / 60)}) g;
  INSERT INTO shifts_assigned (_order, _parent_id, id, member_id, via, attended, hours)
  SELECT row_number() over (partition by s.id), s.id, 'a' || s.id || '-' || u.id, u.id, 'signup', true, 4
  FROM shifts s JOIN LATERAL (SELECT id FROM users WHERE email LIKE 'volunteer%@example.org' AND (id + s.id) % 5 = 0 LIMIT 60) u ON true
  WHERE s.title LIKE 'Past shift %';
  `),
)
const users = (await payload.find({ collection: 'users', where: { email: { like: 'volunteer' } }, pagination: false, depth: 0 })).docs as User[]
console.info(`Setup: ${users.length} volunteers, ${SHIFTS} upcoming shifts, past rosters in ${ms(started)}`)

const coordinator = users[0]!
started = performance.now()
const outcomes = await Promise.allSettled(users.map((user) => joinShift(payload, user, shifts[0]!.id, user.id, 'signup')))
const took = (performance.now() - started) / 1000
const on = ((await payload.findByID({ collection: 'shifts', id: shifts[0]!.id, depth: 0 })) as Shift).assigned?.length ?? 0
console.info(`Sign-up race: ${users.length} at once for ${PLACES} places → ${outcomes.filter((o) => o.status === 'fulfilled').length} accepted, ${on} on the shift, in ${took.toFixed(2)} s`)

const req = await createLocalReq({ user: coordinator }, payload)
// a Saturday shift, when half of them are usually free
const saturday = shifts.slice(1).find((s) => new Date(s.startsAt).getUTCDay() === 6)!
started = performance.now()
const candidates = await shiftCandidates(req, saturday)
console.info(`Candidates for a shift: ${candidates.length} role holders (${candidates.filter((c) => c.availability.answer === 'available').length} available) in ${ms(started)}`)

const member = users.at(-1)!
started = performance.now()
const open = await openShiftsFor(req, member)
console.info(`Open shifts for a member: ${open.length} of ${SHIFTS} upcoming in ${ms(started)}`)

started = performance.now()
const hours = await volunteerHours(payload)
const rows = [...hours.values()].reduce((sum, h) => sum + h.shifts, 0)
console.info(`Hours of every volunteer: ${hours.size} volunteers, ${rows} attended shifts summed in ${ms(started)}`)
console.info(`Peak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`)
process.exit(0)
