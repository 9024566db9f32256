/**
 * `volunteering`: hours from attended shifts starting in the range (the shift roster's rows, summed
 * in SQL), per role, per month and per member; and the shifts of the next N days (`days`, default
 * 30) that still have places to fill. With a tier, the hours are those of people holding a membership
 * of that tier; the shifts to fill are everyone's.
 */
import { addDays } from 'date-fns/addDays'

import { and, asc, desc, eq, gt, gte, lt, sql, tableOf } from '@/lib/db'
import { monthOf } from '@/lib/db'

import { monthsOf } from './params'
import type { ReportContext, ReportDefinition, Row } from './types'
import { adminHref, holdsTierMembership, isoOf, toNumber } from './types'

const hoursOf = (value: unknown) => Math.round(toNumber(value) * 100) / 100

function attended(context: ReportContext) {
  const { payload, query } = context
  const a = tableOf(payload, 'shifts_assigned')
  const s = tableOf(payload, 'shifts')
  const where = and(eq(a.attended, true), gte(s.startsAt, query.from.toISOString()), lt(s.startsAt, query.until.toISOString()), holdsTierMembership(context, a.member))
  const figures = {
    shifts: sql`count(distinct ${s.id})`,
    volunteers: sql`count(distinct ${a.member})`,
    hours: sql`coalesce(sum(${a.hours}), 0)`,
  }
  return { a, s, where, figures }
}

async function byRole(context: ReportContext): Promise<Row[]> {
  const { payload, db } = context
  const { a, s, where, figures } = attended(context)
  const roles = tableOf(payload, 'volunteer_roles')
  const rows = await db
    .select({ id: roles.id, role: roles.name, ...figures })
    .from(a)
    .innerJoin(s, eq(s.id, a._parentID))
    .innerJoin(roles, eq(roles.id, s.role))
    .where(where)
    .groupBy(roles.id, roles.name)
    .orderBy(asc(roles.name))
  return rows.map((row) => ({ roleId: Number(row.id), role: String(row.role), shifts: toNumber(row.shifts), volunteers: toNumber(row.volunteers), hours: hoursOf(row.hours) }))
}

async function byMonth(context: ReportContext): Promise<Row[]> {
  const { payload, db, query } = context
  const { a, s, where, figures } = attended(context)
  const month = monthOf(payload, s.startsAt)
  const rows = await db.select({ month: month.label, ...figures }).from(a).innerJoin(s, eq(s.id, a._parentID)).where(where).groupBy(month.group)
  const found = new Map(rows.map((row) => [String(row.month), row]))
  return monthsOf(query).map((key) => {
    const row = found.get(key)
    return { month: key, shifts: toNumber(row?.shifts), volunteers: toNumber(row?.volunteers), hours: hoursOf(row?.hours) }
  })
}

async function byMember(context: ReportContext, page: { limit: number; offset: number }): Promise<Row[]> {
  const { payload, db } = context
  const { a, s, where } = attended(context)
  const users = tableOf(payload, 'users')
  const hours = sql`coalesce(sum(${a.hours}), 0)`
  const rows = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, email: users.email, shifts: sql`count(distinct ${s.id})`, hours })
    .from(a)
    .innerJoin(s, eq(s.id, a._parentID))
    .innerJoin(users, eq(users.id, a.member))
    .where(where)
    .groupBy(users.id, users.firstName, users.lastName, users.email)
    .orderBy(desc(hours), asc(users.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((row) => ({
    memberId: Number(row.id),
    member: [row.firstName, row.lastName].filter(Boolean).join(' '),
    email: String(row.email),
    shifts: toNumber(row.shifts),
    hours: hoursOf(row.hours),
    link: adminHref('users', Number(row.id)),
  }))
}

function unfilled({ payload, query }: ReportContext) {
  const s = tableOf(payload, 'shifts')
  const where = and(gt(s.openPlaces, 0), gte(s.startsAt, query.now.toISOString()), lt(s.startsAt, addDays(query.now, query.days).toISOString()))
  return { s, where }
}

async function unfilledShifts(context: ReportContext, page: { limit: number; offset: number }): Promise<Row[]> {
  const { payload, db } = context
  const { s, where } = unfilled(context)
  const roles = tableOf(payload, 'volunteer_roles')
  const rows = await db
    .select({ id: s.id, title: s.title, role: roles.name, startsAt: s.startsAt, needed: s.peopleNeeded, open: s.openPlaces })
    .from(s)
    .leftJoin(roles, eq(roles.id, s.role))
    .where(where)
    .orderBy(asc(s.startsAt), asc(s.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((row) => ({
    id: Number(row.id),
    shift: String(row.title ?? ''),
    role: row.role ? String(row.role) : null,
    startsAt: isoOf(row.startsAt),
    needed: toNumber(row.needed),
    filled: toNumber(row.needed) - toNumber(row.open),
    open: toNumber(row.open),
    link: adminHref('shifts', Number(row.id)),
  }))
}

export const volunteeringReport: ReportDefinition = {
  name: 'volunteering',
  title: 'Volunteering',
  uses: { range: true, tier: true, days: true },
  tables: [
    {
      key: 'byRole',
      title: 'Hours by role',
      kind: 'aggregate',
      columns: [
        { key: 'role', label: 'Role', kind: 'text' },
        { key: 'shifts', label: 'Shifts', kind: 'count' },
        { key: 'volunteers', label: 'Volunteers', kind: 'count' },
        { key: 'hours', label: 'Hours', kind: 'hours' },
      ],
      rows: byRole,
    },
    {
      key: 'byMonth',
      title: 'Hours by month',
      kind: 'aggregate',
      columns: [
        { key: 'month', label: 'Month', kind: 'month' },
        { key: 'shifts', label: 'Shifts', kind: 'count' },
        { key: 'volunteers', label: 'Volunteers', kind: 'count' },
        { key: 'hours', label: 'Hours', kind: 'hours' },
      ],
      rows: byMonth,
    },
    {
      key: 'byMember',
      title: 'Hours by member',
      kind: 'list',
      columns: [
        { key: 'member', label: 'Member', kind: 'text' },
        { key: 'email', label: 'Email', kind: 'text' },
        { key: 'shifts', label: 'Shifts', kind: 'count' },
        { key: 'hours', label: 'Hours', kind: 'hours' },
        { key: 'link', label: 'Person', kind: 'link' },
      ],
      rows: byMember,
      count: async (context) => {
        const { a, s, where } = attended(context)
        const [row] = await context.db.select({ count: sql`count(distinct ${a.member})` }).from(a).innerJoin(s, eq(s.id, a._parentID)).where(where)
        return toNumber(row?.count)
      },
    },
    {
      key: 'unfilledShifts',
      title: 'Shifts with places to fill',
      kind: 'list',
      columns: [
        { key: 'shift', label: 'Shift', kind: 'text' },
        { key: 'role', label: 'Role', kind: 'text' },
        { key: 'startsAt', label: 'Starts', kind: 'date' },
        { key: 'needed', label: 'People needed', kind: 'count' },
        { key: 'filled', label: 'Signed up', kind: 'count' },
        { key: 'open', label: 'Places open', kind: 'count' },
        { key: 'link', label: 'Shift', kind: 'link' },
      ],
      rows: unfilledShifts,
      count: async (context) => {
        const { s, where } = unfilled(context)
        const [row] = await context.db.select({ count: sql`count(*)` }).from(s).where(where)
        return toNumber(row?.count)
      },
    },
  ],
  summary: async (context, { byRole: rows = [] }) => {
    const { a, s, where } = attended(context)
    const [totals] = await context.db
      .select({ shifts: sql`count(distinct ${s.id})`, volunteers: sql`count(distinct ${a.member})`, hours: sql`coalesce(sum(${a.hours}), 0)` })
      .from(a)
      .innerJoin(s, eq(s.id, a._parentID))
      .where(where)
    const { s: shifts, where: open } = unfilled(context)
    const [openRow] = await context.db.select({ shifts: sql`count(*)`, places: sql`coalesce(sum(${shifts.openPlaces}), 0)` }).from(shifts).where(open)
    return {
      hours: hoursOf(totals?.hours),
      shifts: toNumber(totals?.shifts),
      volunteers: toNumber(totals?.volunteers),
      roles: rows.length,
      days: context.query.days,
      unfilledShifts: toNumber(openRow?.shifts),
      openPlaces: toNumber(openRow?.places),
    }
  },
}
