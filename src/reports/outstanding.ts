/**
 * `outstanding`: memberships awaiting payment (since they last entered that status, from their
 * history) and pending payments (since they were started), oldest first, with their age; counted
 * by age band in SQL (comparisons with the bands' cut-off moments, the same on both databases).
 */
import { subDays } from 'date-fns/subDays'

import { and, asc, eq, sql, tableOf } from '@/lib/db'
import type { SQL } from '@/lib/db'
import { METHOD_LABELS } from '@/payments/ledger'
import type { PaymentMethod } from '@/payments/ledger'

import type { ReportContext, ReportDefinition, Row } from './types'
import { adminHref, ageInDays, isoOf, toNumber } from './types'

/** Age bands, in days: 0–7, 8–30, 31–90, over 90. */
export const AGE_BANDS = [
  { key: 'upTo7Days', label: 'Up to a week', olderThanDays: 0 },
  { key: 'upTo30Days', label: '8 to 30 days', olderThanDays: 7 },
  { key: 'upTo90Days', label: '31 to 90 days', olderThanDays: 30 },
  { key: 'over90Days', label: 'Over 90 days', olderThanDays: 90 },
] as const

/** A count per age band: `since` after the next band's cut-off and at or before its own. */
function bandCounts(since: unknown, now: Date): Record<string, SQL> {
  const cutOff = (days: number) => subDays(now, days).toISOString()
  return Object.fromEntries(
    AGE_BANDS.map((band, index) => {
      const older = AGE_BANDS[index + 1]
      // the newest band also takes anything dated a moment ahead of now (clock drift)
      const conditions = [index > 0 ? sql`${since} <= ${cutOff(band.olderThanDays)}` : undefined, older ? sql`${since} > ${cutOff(older.olderThanDays)}` : undefined].filter(
        (condition): condition is SQL => condition !== undefined,
      )
      return [band.key, sql`coalesce(sum(case when ${sql.join(conditions, sql` and `)} then 1 else 0 end), 0)`]
    }),
  )
}

function awaitingMemberships({ payload, query }: ReportContext) {
  const m = tableOf(payload, 'memberships')
  const h = tableOf(payload, 'memberships_history')
  const since = sql`coalesce((select max(${h.at}) from ${h} where ${h._parentID} = ${m.id} and ${h.to} = 'awaiting_payment'), ${m.createdAt})`
  return { m, since, where: and(eq(m.status, 'awaiting_payment'), query.tier ? eq(m.tier, query.tier) : undefined) }
}

function pendingPayments({ payload, query }: ReportContext) {
  const p = tableOf(payload, 'payments')
  const m = tableOf(payload, 'memberships')
  return { p, m, where: and(eq(p.status, 'pending'), query.tier ? eq(m.tier, query.tier) : undefined) }
}

async function membershipRows(context: ReportContext, page: { limit: number; offset: number }): Promise<Row[]> {
  const { payload, db, query } = context
  const { m, since, where } = awaitingMemberships(context)
  const users = tableOf(payload, 'users')
  const tiers = tableOf(payload, 'tiers')
  const rows = await db
    .select({ id: m.id, title: m.title, firstName: users.firstName, lastName: users.lastName, email: users.email, tier: tiers.name, fee: tiers.fee, currency: tiers.currency, since: sql`${since}` })
    .from(m)
    .leftJoin(users, eq(users.id, m.member))
    .leftJoin(tiers, eq(tiers.id, m.tier))
    .where(where)
    .orderBy(asc(since), asc(m.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((row) => {
    const at = isoOf(row.since)
    return {
      id: Number(row.id),
      member: [row.firstName, row.lastName].filter(Boolean).join(' '),
      email: row.email ? String(row.email) : null,
      tier: row.tier ? String(row.tier) : null,
      awaitingSince: at,
      ageDays: ageInDays(at, query.now),
      link: adminHref('memberships', Number(row.id)),
    }
  })
}

async function paymentRows(context: ReportContext, page: { limit: number; offset: number }): Promise<Row[]> {
  const { payload, db, query } = context
  const { p, m, where } = pendingPayments(context)
  const users = tableOf(payload, 'users')
  const rows = await db
    .select({ id: p.id, amount: p.amount, currency: p.currency, method: p.method, purpose: p.purpose, createdAt: p.createdAt, firstName: users.firstName, lastName: users.lastName, email: users.email })
    .from(p)
    .leftJoin(m, eq(m.id, p.membership))
    .leftJoin(users, eq(users.id, p.member))
    .where(where)
    .orderBy(asc(p.createdAt), asc(p.id))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((row) => {
    const at = isoOf(row.createdAt)
    return {
      id: Number(row.id),
      member: [row.firstName, row.lastName].filter(Boolean).join(' '),
      email: row.email ? String(row.email) : null,
      amount: toNumber(row.amount),
      currency: String(row.currency),
      method: String(row.method),
      methodLabel: METHOD_LABELS[row.method as PaymentMethod] ?? String(row.method),
      purpose: String(row.purpose),
      startedAt: at,
      ageDays: ageInDays(at, query.now),
      link: adminHref('payments', Number(row.id)),
    }
  })
}

export const outstandingReport: ReportDefinition = {
  name: 'outstanding',
  title: 'Outstanding',
  uses: { tier: true },
  tables: [
    {
      key: 'memberships',
      title: 'Memberships awaiting payment',
      kind: 'list',
      columns: [
        { key: 'member', label: 'Member', kind: 'text' },
        { key: 'email', label: 'Email', kind: 'text' },
        { key: 'tier', label: 'Tier', kind: 'text' },
        { key: 'awaitingSince', label: 'Awaiting payment since', kind: 'date' },
        { key: 'ageDays', label: 'Days waiting', kind: 'count' },
        { key: 'link', label: 'Membership', kind: 'link' },
      ],
      rows: membershipRows,
      count: async (context) => {
        const { m, where } = awaitingMemberships(context)
        const [row] = await context.db.select({ count: sql`count(*)` }).from(m).where(where)
        return toNumber(row?.count)
      },
    },
    {
      key: 'payments',
      title: 'Pending payments',
      kind: 'list',
      columns: [
        { key: 'member', label: 'Member', kind: 'text' },
        { key: 'email', label: 'Email', kind: 'text' },
        { key: 'amount', label: 'Amount', kind: 'money' },
        { key: 'currency', label: 'Currency', kind: 'text' },
        { key: 'methodLabel', label: 'Method', kind: 'text' },
        { key: 'purpose', label: 'For', kind: 'text' },
        { key: 'startedAt', label: 'Started', kind: 'date' },
        { key: 'ageDays', label: 'Days pending', kind: 'count' },
        { key: 'link', label: 'Payment', kind: 'link' },
      ],
      rows: paymentRows,
      count: async (context) => {
        const { p, m, where } = pendingPayments(context)
        const [row] = await context.db.select({ count: sql`count(*)` }).from(p).leftJoin(m, eq(m.id, p.membership)).where(where)
        return toNumber(row?.count)
      },
    },
  ],
  summary: async (context) => {
    const { db, query } = context
    const awaiting = awaitingMemberships(context)
    const pending = pendingPayments(context)
    const [memberships, payments] = await Promise.all([
      db.select({ count: sql`count(*)`, ...bandCounts(awaiting.since, query.now) }).from(awaiting.m).where(awaiting.where),
      db
        .select({ currency: pending.p.currency, count: sql`count(*)`, amount: sql`coalesce(sum(${pending.p.amount}), 0)`, ...bandCounts(pending.p.createdAt, query.now) })
        .from(pending.p)
        .leftJoin(pending.m, eq(pending.m.id, pending.p.membership))
        .where(pending.where)
        .groupBy(pending.p.currency),
    ])
    const bands = (row: Record<string, unknown> | undefined) => Object.fromEntries(AGE_BANDS.map((band) => [band.key, toNumber(row?.[band.key])]))
    return {
      memberships: { count: toNumber(memberships[0]?.count), byAge: bands(memberships[0]) },
      payments: {
        count: payments.reduce((total, row) => total + toNumber(row.count), 0),
        byCurrency: payments.map((row) => ({ currency: String(row.currency), count: toNumber(row.count), amount: toNumber(row.amount), byAge: bands(row) })),
      },
      ageBands: AGE_BANDS.map(({ key, label }) => ({ key, label })),
    }
  },
}
