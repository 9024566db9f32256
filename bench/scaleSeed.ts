/**
 * The 100,000-member data set of the scale benchmark (bench/scale.ts), seeded in SQL
 * (generate_series) on a migrated PostgreSQL database, and reused by bench/reports.ts:
 * members (80% active, 5% grace, 5% lapsed, 10% awaiting payment; 1% organisation memberships with
 * 5 seat holders each), their history, 2 payments each, the reminder ledger a year of daily runs
 * would have left, 200 events with tier audiences and RSVPs.
 */
import type { Payload } from 'payload'
import type pg from 'pg'

import { reminderSchedule } from '../jobs/renewalReminders'
import { stepKey } from '../src/membership/reminders'

export const RACE_PLACES = 20
const SEEDED_EVENTS = 199 // and the race event: 200
export const PASSWORD = 'Scale bench: correct horse battery staple 14'
export const ADMIN_EMAIL = 'admin@bench.example.org'
/** User ids are USER_ID_BASE + g and membership ids g, for member number g = 1 … MEMBERS. */
export const USER_ID_BASE = 1000
export const ORGANISATION_EVERY = 100 // g % 100 = 1: organisation memberships (g % 20 = 1, active)

export type ScaleSeed = { day: string; members: number; historic: number; race: number; tiers: number[] }

const secs = (value: number) => `${(value / 1000).toFixed(1)} s`

export async function seedScale(options: {
  payload: Payload
  db: pg.Client
  members: number
  /** The run day, at 00:00 UTC: period ends and the reminder ledger are dated from it. */
  today: Date
  timed: <T>(label: string, work: () => Promise<T>) => Promise<T>
}): Promise<ScaleSeed> {
  const { payload, db, members: MEMBERS, today, timed } = options
  const SEEDED_RSVPS = Math.min(20_000, Math.floor(MEMBERS / 5))
  const todayIso = today.toISOString()
  const day = todayIso.slice(0, 10)
  const one = async <T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T> => (await db.query(text, values)).rows[0] as T
  console.info(`Seeding ${MEMBERS.toLocaleString('en-GB')} members in SQL (run day ${day})`)
  const started = performance.now()
  const schedule = await reminderSchedule(payload)
  const [tierA, tierB, tierOrg] = await timed('tiers, a template member and the admin (Local API)', async () => {
    const tier = (data: Record<string, unknown>) =>
      payload.create({ collection: 'tiers', data: { currency: 'GBP', period: 'rolling', graceDays: 30, public: true, active: true, ...data } as never, depth: 0 })
    const tiers = [
      await tier({ name: 'Full member', fee: 5000, kind: 'individual' }),
      await tier({ name: 'Junior member', fee: 2500, kind: 'individual' }),
      await tier({ name: 'Syndicate', fee: 20000, kind: 'organisation', seats: 10 }),
    ]
    await payload.create({ collection: 'users', data: { email: ADMIN_EMAIL, password: PASSWORD, firstName: 'Bench', lastName: 'Admin', roles: ['admin'] } as never })
    await payload.create({ collection: 'users', data: { email: 'template@bench.example.org', password: PASSWORD, firstName: 'Template', lastName: 'Member' } as never })
    return tiers.map((t) => t.id as number)
  })
  const template = await one<{ id: number; salt: string; hash: string }>(`SELECT id, salt, hash FROM users WHERE email = 'template@bench.example.org'`)
  if ((await one<{ max: number }>('SELECT max(id) AS max FROM users')).max >= USER_ID_BASE) throw new Error('users ids are past the bench base; use a fresh database')
  const U = USER_ID_BASE
  const N = MEMBERS

  await timed(`${N.toLocaleString('en-GB')} users (the template's password hash), their roles`, async () => {
    await db.query(
      `INSERT INTO users (id, email, first_name, last_name, salt, hash, email_preferences_renewal_reminders, address_town, address_country, created_at, updated_at)
       SELECT ${U} + g, 'm' || g || '@bench.example.org', (ARRAY['Alex','Sam','Jo','Chris','Pat','Robin','Kim','Lee'])[1 + g % 8], 'Member ' || g,
              $1, $2, g % 97 <> 3, 'Town ' || (g % 50), 'United Kingdom', now() - (g % 1500) * interval '1 day', now()
       FROM generate_series(1, ${N}) g`,
      [template.salt, template.hash],
    )
    await db.query(`INSERT INTO users_roles ("order", parent_id, value) SELECT 1, ${U} + g, 'member' FROM generate_series(1, ${N}) g`)
    await db.query(`DELETE FROM users WHERE id = $1`, [template.id])
    await db.query(`SELECT setval('users_id_seq', (SELECT max(id) FROM users))`)
  })

  await timed('memberships (80/5/5/10%), their history, organisation seats', async () => {
    await db.query(
      `INSERT INTO memberships (id, member_id, tier_id, status, membership_number, period_start, period_end, open_key, title, organisation_name, created_at, updated_at)
       SELECT g, ${U} + g, t.tier, s.status::enum_memberships_status,
              CASE WHEN s.status <> 'awaiting_payment' THEN 'BEN-' || lpad(g::text, 7, '0') END,
              p.period_end - interval '1 year', p.period_end,
              CASE WHEN s.status IN ('active', 'grace', 'awaiting_payment') THEN (${U} + g) || ':' || t.tier END,
              'Member ' || g || ' · ' || t.name, CASE WHEN t.tier = ${tierOrg} THEN 'Syndicate ' || g END,
              coalesce(p.period_end - interval '1 year', $1::timestamptz - (g % 30) * interval '1 day'), now()
       FROM generate_series(1, ${N}) g
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 16 THEN 'active' WHEN g % 20 = 16 THEN 'grace' WHEN g % 20 = 17 THEN 'lapsed' ELSE 'awaiting_payment' END AS status) s
       CROSS JOIN LATERAL (SELECT CASE WHEN g % ${ORGANISATION_EVERY} = 1 THEN ${tierOrg} WHEN g % 3 = 0 THEN ${tierB} ELSE ${tierA} END AS tier,
                                  CASE WHEN g % ${ORGANISATION_EVERY} = 1 THEN 'Syndicate' WHEN g % 3 = 0 THEN 'Junior member' ELSE 'Full member' END AS name) t
       -- active: period ends spread over the next 64 days; grace: ended 1-28 days ago; lapsed: 40-339 days ago
       CROSS JOIN LATERAL (SELECT $1::timestamptz + (CASE s.status WHEN 'active' THEN (g / 20) % 64 WHEN 'grace' THEN -1 - (g / 20) % 28
                                  WHEN 'lapsed' THEN -40 - (g / 20) % 300 END) * interval '1 day' AS period_end) p`,
      [todayIso],
    )
    await db.query(`SELECT setval('memberships_id_seq', (SELECT max(id) FROM memberships))`)
    await db.query(
      `INSERT INTO memberships_history (_order, _parent_id, id, "from", "to", at, cause)
       SELECT k, m.id, lpad(to_hex(m.id), 20, '0') || lpad(k::text, 4, '0'),
              (CASE WHEN k = 2 THEN 'applied' END)::enum_memberships_history_from,
              (CASE WHEN k = 1 THEN 'applied' ELSE m.status::text END)::enum_memberships_history_to,
              m.created_at + (k - 1) * interval '1 hour', (CASE WHEN k = 1 THEN 'member' ELSE 'system' END)::enum_memberships_history_cause
       FROM memberships m CROSS JOIN generate_series(1, 2) k`,
    )
    // the first seat goes to a member awaiting payment (g + 17), who gets member access through it
    await db.query(
      `INSERT INTO memberships_seat_holders (_order, _parent_id, id, email, added_at, added_by_id)
       SELECT k, m.id, 'seat' || lpad(to_hex(m.id), 16, '0') || lpad(k::text, 4, '0'),
              CASE WHEN k = 1 AND m.id + 17 <= ${N} THEN 'm' || (m.id + 17) || '@bench.example.org' ELSE 'seat' || m.id || '-' || k || '@syndicate.example.org' END,
              m.created_at, m.member_id
       FROM memberships m CROSS JOIN generate_series(1, 5) k WHERE m.tier_id = ${tierOrg}`,
    )
  })

  await timed(`${(2 * N).toLocaleString('en-GB')} payments`, () =>
    db.query(
      `INSERT INTO payments (membership_id, member_id, amount, list_amount, currency, method, purpose, status, paid_at, receipt_number, idempotency_key, provider, created_at, updated_at)
       SELECT m.id, m.member_id, 5000, 5000, 'GBP', (CASE WHEN k = 1 THEN 'cash' ELSE 'stripe' END)::enum_payments_method, 'membership',
              x.status::enum_payments_status, CASE WHEN x.status = 'succeeded' THEN x.at END,
              CASE WHEN x.status = 'succeeded' THEN 'R-' || lpad((m.id * 2 + k)::text, 8, '0') END,
              'bench-' || m.id || '-' || k, CASE WHEN k = 2 THEN 'stripe' END, x.at, x.at
       FROM memberships m CROSS JOIN generate_series(1, 2) k
       CROSS JOIN LATERAL (SELECT CASE WHEN m.status = 'awaiting_payment' THEN (CASE WHEN k = 1 THEN 'failed' ELSE 'pending' END) ELSE 'succeeded' END AS status,
                                  coalesce(m.period_start, m.created_at) - (2 - k) * interval '1 year' AS at) x`,
    ),
  )

  // Every step whose day has passed is in the ledger, as earlier daily runs left it, pointing at
  // an email already sent (a claim without its email would be finished by the run as orphaned).
  const historic = await timed('reminder ledger of the earlier daily runs', async () => {
    const { id } = await one<{ id: number }>(
      `INSERT INTO notifications (recipient, template, subject, status, attempts, sent_at, created_at, updated_at)
       VALUES ('history@bench.example.org', 'renewal-reminder', 'Earlier renewal reminders', 'sent', 1, now(), now(), now()) RETURNING id`,
    )
    const steps = schedule.offsets.map((offset) => `(${offset}, '${stepKey(offset)}')`).join(', ')
    await db.query(
      `INSERT INTO reminders (membership_id, member_id, period_end, step, "offset", notification_id, created_at, updated_at)
       SELECT m.id, m.member_id, m.period_end, s.step, s.off, $1, m.period_end + s.off * interval '1 day', now()
       FROM memberships m CROSS JOIN (VALUES ${steps}) AS s(off, step)
       WHERE m.status IN ('active', 'grace') AND m.period_end + s.off * interval '1 day' < $2::timestamptz`,
      [id, todayIso],
    )
    return id
  })

  const race = await timed(`${SEEDED_EVENTS + 1} events, tier audiences, ${SEEDED_RSVPS.toLocaleString('en-GB')} RSVPs`, async () => {
    await db.query(
      `INSERT INTO events (title, slug, summary, type, status, starts_at, ends_at, location, audience, capacity, waitlist, places_taken, created_at, updated_at)
       SELECT 'Club event ' || e, 'scale-event-' || e, 'Event ' || e || ' of the bench calendar.',
              (ARRAY['meeting','social','fly-in','training','open-day'])[1 + e % 5]::enum_events_type,
              (CASE WHEN e % 20 = 0 THEN 'draft' WHEN e % 29 = 0 THEN 'cancelled' ELSE 'published' END)::enum_events_status,
              $1::timestamptz + (e - 100) * interval '1 day' + interval '18 hours', $1::timestamptz + (e - 100) * interval '1 day' + interval '21 hours',
              'Clubhouse ' || (e % 4), (ARRAY['public','members','tiers'])[1 + e % 3]::enum_events_audience,
              CASE WHEN e % 4 = 0 THEN 40 END, true, 0, now(), now()
       FROM generate_series(1, ${SEEDED_EVENTS}) e`,
      [todayIso],
    )
    await db.query(
      `INSERT INTO events_rels ("order", parent_id, path, tiers_id)
       SELECT 1, id, 'audienceTiers', CASE WHEN id % 2 = 0 THEN ${tierA} ELSE ${tierB} END FROM events WHERE audience = 'tiers' AND slug LIKE 'scale-event-%'`,
    )
    // what the audience field's hook keeps beside the relationship (src/access/audience.ts)
    await db.query(
      `UPDATE events e SET audience_tier_list = ',' || r.tiers_id || ',' FROM events_rels r WHERE r.parent_id = e.id AND r.path = 'audienceTiers' AND e.slug LIKE 'scale-event-%'`,
    )
    await db.query(
      `INSERT INTO rsvps (event_id, member_id, status, guests, created_at, updated_at)
       SELECT ev.ids[1 + g % array_length(ev.ids, 1)], ${U} + g * 5, 'going', 0, now(), now()
       FROM generate_series(1, ${SEEDED_RSVPS}) g, (SELECT array_agg(id ORDER BY id) AS ids FROM events WHERE slug LIKE 'scale-event-%' AND status = 'published') ev`,
    )
    const startsAt = new Date(today.getTime() + (10 * 24 + 18) * 3_600_000).toISOString()
    const event = await payload.create({
      collection: 'events',
      data: { title: 'RSVP race', slug: 'rsvp-race', type: 'social', status: 'published', audience: 'members', startsAt, capacity: RACE_PLACES, waitlist: true } as never,
      depth: 0,
    })
    return event.id as number
  })

  await db.query(`CREATE TABLE bench_scale_seed (day date, members integer, historic integer, race integer, tiers integer[])`)
  await db.query(`INSERT INTO bench_scale_seed VALUES ($1, $2, $3, $4, $5)`, [day, N, historic, race, [tierA, tierB, tierOrg]])
  console.info(`  ${'seeded in'.padEnd(58)} ${secs(performance.now() - started)}`)
  return { day, members: N, historic, race, tiers: [tierA!, tierB!, tierOrg!] }
}

