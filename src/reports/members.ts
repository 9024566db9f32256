/**
 * `members`: memberships by tier × status, now (the status column) or at a past date (`at`): then
 * each membership's status is the `to` of its last history entry at or before that moment,
 * picked in the database with a window function, so nothing is loaded per membership.
 */
import { MEMBERSHIP_STATUSES, STATUS_LABELS } from '@/membership/lifecycle'
import { and, asc, eq, inArray, lt, sql, tableOf } from '@/lib/db'

import type { ReportContext, ReportDefinition, Row } from './types'
import { toNumber } from './types'

type Count = { tier: number; status: string; count: number }

async function countsNow({ payload, db, query }: ReportContext): Promise<Count[]> {
  const m = tableOf(payload, 'memberships')
  const rows = await db
    .select({ tier: m.tier, status: m.status, count: sql`count(*)` })
    .from(m)
    .where(query.tier ? eq(m.tier, query.tier) : undefined)
    .groupBy(m.tier, m.status)
  return rows.map((row) => ({ tier: Number(row.tier), status: String(row.status), count: toNumber(row.count) }))
}

async function countsAt({ payload, db, query }: ReportContext, at: Date): Promise<Count[]> {
  const m = tableOf(payload, 'memberships')
  const h = tableOf(payload, 'memberships_history')
  const ranked = db
    .select({
      parent: sql`${h._parentID}`.as('ranked_membership'),
      status: sql`${h.to}`.as('ranked_status'),
      // the order of the per-membership index (memberships_history_parent_at_newest_idx), so it is read in order, not sorted
      position: sql`row_number() over (partition by ${h._parentID} order by ${h.at} desc nulls last, ${h._order} desc nulls last)`.as('ranked_position'),
    })
    .from(h)
    // one tier: only its memberships' history is ranked
    .where(and(lt(h.at, at.toISOString()), query.tier ? inArray(h._parentID, db.select({ id: m.id }).from(m).where(eq(m.tier, query.tier))) : undefined))
    .as('ranked')
  const rows = await db
    .select({ tier: m.tier, status: ranked.status, count: sql`count(*)` })
    .from(ranked)
    .innerJoin(m, eq(m.id, ranked.parent))
    .where(and(eq(ranked.position, 1), query.tier ? eq(m.tier, query.tier) : undefined))
    .groupBy(m.tier, ranked.status)
  return rows.map((row) => ({ tier: Number(row.tier), status: String(row.status), count: toNumber(row.count) }))
}

async function byTier(context: ReportContext): Promise<Row[]> {
  const { payload, db, query } = context
  const tiers = tableOf(payload, 'tiers')
  const [counts, tierRows] = await Promise.all([
    query.at ? countsAt(context, query.at) : countsNow(context),
    db.select({ id: tiers.id, name: tiers.name }).from(tiers).where(query.tier ? eq(tiers.id, query.tier) : undefined).orderBy(asc(tiers.sortOrder), asc(tiers.name)),
  ])
  return tierRows.map((tier) => {
    const row: Row = { tierId: Number(tier.id), tier: String(tier.name) }
    let total = 0
    for (const status of MEMBERSHIP_STATUSES) {
      const count = counts.find((c) => c.tier === Number(tier.id) && c.status === status)?.count ?? 0
      row[status] = count
      total += count
    }
    row.total = total
    return row
  })
}

export const membersReport: ReportDefinition = {
  name: 'members',
  title: 'Members by tier and status',
  uses: { tier: true, at: true },
  tables: [
    {
      key: 'byTier',
      title: 'Memberships by tier and status',
      kind: 'aggregate',
      columns: [
        { key: 'tier', label: 'Tier', kind: 'text' },
        ...MEMBERSHIP_STATUSES.map((status) => ({ key: status, label: STATUS_LABELS[status], kind: 'count' as const })),
        { key: 'total', label: 'Total', kind: 'count' },
      ],
      rows: byTier,
    },
  ],
  summary: (context, { byTier: rows = [] }) => {
    const sum = (key: string) => rows.reduce((total, row) => total + toNumber(row[key]), 0)
    return {
      at: context.query.at?.toISOString() ?? null,
      // members now: those whose membership gives member access
      current: sum('active') + sum('grace'),
      byStatus: Object.fromEntries(MEMBERSHIP_STATUSES.map((status) => [status, sum(status)])),
      total: sum('total'),
    }
  },
}
