/**
 * `movement`: per month, from the membership history (one GROUP BY over its entries in the range):
 *
 * - joins: a new membership becoming active (from applied, approved or awaiting payment);
 * - renewals: a paid renewal (active → active, recorded as "Renewed"), or an active status coming
 *   back from grace or lapsed;
 * - lapses: grace → lapsed; cancellations: any → cancelled;
 * - retention: renewals ÷ memberships that came due, where a membership came due in a month when
 *   it was renewed or lapsed in it (the outcome of a period's end is counted when it happens).
 */
import { and, eq, gte, inArray, lt, sql, tableOf } from '@/lib/db'
import { monthOf } from '@/lib/db'

import { monthsOf } from './params'
import type { ReportContext, ReportDefinition, Row } from './types'
import { rate, toNumber } from './types'

const NEW = ['applied', 'approved', 'awaiting_payment']
const RETURNING = ['active', 'grace', 'lapsed']

async function byMonth({ payload, db, query }: ReportContext): Promise<Row[]> {
  const h = tableOf(payload, 'memberships_history')
  const m = tableOf(payload, 'memberships')
  const month = monthOf(payload, h.at)
  const list = (values: string[]) => sql.join(values.map((value) => sql`${value}`), sql`, `)
  const counted = (condition: ReturnType<typeof sql>) => sql`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`
  const inRange = and(gte(h.at, query.from.toISOString()), lt(h.at, query.until.toISOString()))
  // only the entries that count in some column (not applications, approvals, grace)
  const counts = inArray(h.to, ['active', 'lapsed', 'cancelled'])
  const select = {
    month: month.label,
    joins: counted(sql`${h.to} = 'active' and ${h.from} in (${list(NEW)})`),
    renewals: counted(sql`${h.to} = 'active' and ${h.from} in (${list(RETURNING)})`),
    lapses: counted(sql`${h.to} = 'lapsed'`),
    cancellations: counted(sql`${h.to} = 'cancelled'`),
  }
  const rows = query.tier
    ? await db.select(select).from(h).innerJoin(m, eq(m.id, h._parentID)).where(and(inRange, counts, eq(m.tier, query.tier))).groupBy(month.group)
    : await db.select(select).from(h).where(and(inRange, counts)).groupBy(month.group)
  const found = new Map(rows.map((row) => [String(row.month), row]))
  return monthsOf(query).map((key) => {
    const row = found.get(key)
    const joins = toNumber(row?.joins)
    const renewals = toNumber(row?.renewals)
    const lapses = toNumber(row?.lapses)
    const cancellations = toNumber(row?.cancellations)
    const due = renewals + lapses
    return { month: key, joins, renewals, lapses, cancellations, due, retention: rate(renewals, due) }
  })
}

export const movementReport: ReportDefinition = {
  name: 'movement',
  title: 'Joins, renewals, lapses and cancellations',
  uses: { range: true, tier: true },
  tables: [
    {
      key: 'byMonth',
      title: 'Membership movement by month',
      kind: 'aggregate',
      columns: [
        { key: 'month', label: 'Month', kind: 'month' },
        { key: 'joins', label: 'Joined', kind: 'count' },
        { key: 'renewals', label: 'Renewed', kind: 'count' },
        { key: 'lapses', label: 'Lapsed', kind: 'count' },
        { key: 'cancellations', label: 'Cancelled', kind: 'count' },
        { key: 'due', label: 'Came due', kind: 'count' },
        { key: 'retention', label: 'Retention', kind: 'rate' },
      ],
      rows: byMonth,
    },
  ],
  summary: (_context, { byMonth: rows = [] }) => {
    const sum = (key: string) => rows.reduce((total, row) => total + toNumber(row[key]), 0)
    return {
      joins: sum('joins'),
      renewals: sum('renewals'),
      lapses: sum('lapses'),
      cancellations: sum('cancellations'),
      due: sum('due'),
      retention: rate(sum('renewals'), sum('due')),
    }
  },
}
