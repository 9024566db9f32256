/**
 * `expiring`: active memberships whose period ends in the next N days (`days`, default 30), soonest
 * first, and whether a renewal reminder for that period end went out (the reminder ledger, keyed by
 * membership and period end: the latest step sent and when).
 */
import { UTCDate } from '@date-fns/utc'
import { addDays } from 'date-fns/addDays'
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays'

import { and, asc, eq, gte, lt, sql, tableOf } from '@/lib/db'

import type { ReportContext, ReportDefinition, Row } from './types'
import { adminHref, isoOf, toNumber } from './types'

function ending({ payload, query }: ReportContext) {
  const m = tableOf(payload, 'memberships')
  const r = tableOf(payload, 'reminders')
  const where = and(
    eq(m.status, 'active'),
    gte(m.periodEnd, query.now.toISOString()),
    lt(m.periodEnd, addDays(query.now, query.days).toISOString()),
    query.tier ? eq(m.tier, query.tier) : undefined,
  )
  const ofThisPeriod = sql`${r.membership} = ${m.id} and ${r.periodEnd} = ${m.periodEnd}`
  return { m, r, where, ofThisPeriod }
}

async function rows(context: ReportContext, page: { limit: number; offset: number }): Promise<Row[]> {
  const { payload, db, query } = context
  const { m, r, where, ofThisPeriod } = ending(context)
  const users = tableOf(payload, 'users')
  const tiers = tableOf(payload, 'tiers')
  // the page's memberships first (read from the status + period end index), then the reminder
  // figures for those rows only, not for every row skipped on the way to a later page
  const onPage = db.select({ id: sql`${m.id}`.as('page_id') }).from(m).where(where).orderBy(asc(m.periodEnd), asc(m.id)).limit(page.limit).offset(page.offset).as('on_page')
  const found = await db
    .select({
      id: m.id,
      number: m.membershipNumber,
      periodEnd: m.periodEnd,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      tier: tiers.name,
      reminders: sql`(select count(*) from ${r} where ${ofThisPeriod})`,
      lastStep: sql`(select ${r.step} from ${r} where ${ofThisPeriod} order by ${r.createdAt} desc limit 1)`,
      lastAt: sql`(select max(${r.createdAt}) from ${r} where ${ofThisPeriod})`,
    })
    .from(onPage)
    .innerJoin(m, eq(m.id, onPage.id))
    .leftJoin(users, eq(users.id, m.member))
    .leftJoin(tiers, eq(tiers.id, m.tier))
    .orderBy(asc(m.periodEnd), asc(m.id))
  return found.map((row) => {
    const periodEnd = isoOf(row.periodEnd)
    return {
      id: Number(row.id),
      membershipNumber: row.number ? String(row.number) : null,
      member: [row.firstName, row.lastName].filter(Boolean).join(' '),
      email: row.email ? String(row.email) : null,
      tier: row.tier ? String(row.tier) : null,
      periodEnd,
      daysLeft: periodEnd ? Math.max(0, differenceInCalendarDays(new UTCDate(periodEnd), new UTCDate(query.now))) : null,
      reminderSent: toNumber(row.reminders) > 0,
      remindersSent: toNumber(row.reminders),
      lastReminder: row.lastStep ? String(row.lastStep) : null,
      lastReminderAt: isoOf(row.lastAt),
      link: adminHref('memberships', Number(row.id)),
    }
  })
}

export const expiringReport: ReportDefinition = {
  name: 'expiring',
  title: 'Ending soon',
  uses: { tier: true, days: true },
  tables: [
    {
      key: 'memberships',
      title: 'Memberships ending soon',
      kind: 'list',
      columns: [
        { key: 'member', label: 'Member', kind: 'text' },
        { key: 'email', label: 'Email', kind: 'text' },
        { key: 'membershipNumber', label: 'Number', kind: 'text' },
        { key: 'tier', label: 'Tier', kind: 'text' },
        { key: 'periodEnd', label: 'Ends', kind: 'date' },
        { key: 'daysLeft', label: 'Days left', kind: 'count' },
        { key: 'reminderSent', label: 'Reminded', kind: 'text' },
        { key: 'lastReminder', label: 'Last reminder', kind: 'text' },
        { key: 'lastReminderAt', label: 'Reminded on', kind: 'date' },
        { key: 'link', label: 'Membership', kind: 'link' },
      ],
      rows,
      count: async (context) => {
        const { m, where } = ending(context)
        const [row] = await context.db.select({ count: sql`count(*)` }).from(m).where(where)
        return toNumber(row?.count)
      },
    },
  ],
  summary: async (context) => {
    const { m, r, where, ofThisPeriod } = ending(context)
    const [row] = await context.db
      .select({ count: sql`count(*)`, reminded: sql`coalesce(sum(case when exists (select 1 from ${r} where ${ofThisPeriod}) then 1 else 0 end), 0)` })
      .from(m)
      .where(where)
    const count = toNumber(row?.count)
    const reminded = toNumber(row?.reminded)
    return { days: context.query.days, count, reminded, notReminded: count - reminded }
  },
}
