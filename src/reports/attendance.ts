/**
 * `attendance`: per published (or since cancelled) event starting in the range, the replies going
 * and waitlisted, how many were checked in, and for events that have started the no-shows (going,
 * not checked in) and their rate. One GROUP BY over the replies joined to their events. With a
 * tier, only the replies of people holding a membership of that tier are counted.
 */
import { and, desc, eq, gte, inArray, lt, sql, tableOf } from '@/lib/db'

import type { ReportContext, ReportDefinition, Row } from './types'
import { adminHref, holdsTierMembership, isoOf, rate, toNumber } from './types'

const REPORTED_STATUSES = ['published', 'cancelled']

async function byEvent(context: ReportContext): Promise<Row[]> {
  const { payload, db, query } = context
  const e = tableOf(payload, 'events')
  const r = tableOf(payload, 'rsvps')
  const counted = (condition: ReturnType<typeof sql>) => sql`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`
  const rows = await db
    .select({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      status: e.status,
      capacity: e.capacity,
      going: counted(sql`${r.status} = 'going'`),
      waitlisted: counted(sql`${r.status} = 'waitlisted'`),
      checkedIn: counted(sql`${r.checkedInAt} is not null`),
      goingNotCheckedIn: counted(sql`${r.status} = 'going' and ${r.checkedInAt} is null`),
    })
    .from(e)
    // one tier: the replies of its members (each event is still listed, with what they did)
    .leftJoin(r, and(eq(r.event, e.id), holdsTierMembership(context, r.member)))
    .where(and(inArray(e.status, REPORTED_STATUSES), gte(e.startsAt, query.from.toISOString()), lt(e.startsAt, query.until.toISOString())))
    .groupBy(e.id, e.title, e.startsAt, e.status, e.capacity)
    .orderBy(desc(e.startsAt), desc(e.id))
  return rows.map((row) => {
    const startsAt = isoOf(row.startsAt)
    const started = Boolean(startsAt && new Date(startsAt) <= query.now) && row.status !== 'cancelled'
    const going = toNumber(row.going)
    const noShows = started ? toNumber(row.goingNotCheckedIn) : null
    return {
      id: Number(row.id),
      event: String(row.title),
      startsAt,
      status: String(row.status),
      capacity: row.capacity === null || row.capacity === undefined ? null : toNumber(row.capacity),
      going,
      waitlisted: toNumber(row.waitlisted),
      checkedIn: toNumber(row.checkedIn),
      noShows,
      noShowRate: noShows === null ? null : rate(noShows, going),
      link: adminHref('events', Number(row.id)),
    }
  })
}

export const attendanceReport: ReportDefinition = {
  name: 'attendance',
  title: 'Event attendance',
  uses: { range: true, tier: true },
  tables: [
    {
      key: 'byEvent',
      title: 'Attendance by event',
      kind: 'aggregate',
      columns: [
        { key: 'event', label: 'Event', kind: 'text' },
        { key: 'startsAt', label: 'Starts', kind: 'date' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'capacity', label: 'Places', kind: 'count' },
        { key: 'going', label: 'Going', kind: 'count' },
        { key: 'waitlisted', label: 'Waitlisted', kind: 'count' },
        { key: 'checkedIn', label: 'Checked in', kind: 'count' },
        { key: 'noShows', label: 'No-shows', kind: 'count' },
        { key: 'noShowRate', label: 'No-show rate', kind: 'rate' },
        { key: 'link', label: 'Event', kind: 'link' },
      ],
      rows: byEvent,
    },
  ],
  summary: (_context, { byEvent: rows = [] }) => {
    const held = rows.filter((row) => row.noShows !== null)
    const sum = (list: Row[], key: string) => list.reduce((total, row) => total + toNumber(row[key]), 0)
    return {
      events: rows.length,
      going: sum(rows, 'going'),
      waitlisted: sum(rows, 'waitlisted'),
      checkedIn: sum(rows, 'checkedIn'),
      noShowRate: rate(sum(held, 'noShows'), sum(held, 'going')),
    }
  },
}
