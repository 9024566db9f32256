/**
 * `revenue`: money taken and given back, per month and per payment method, in minor units with the
 * currency (two GROUP BYs: payments by the month they were paid, refunds by the month they were
 * made, each with its payment's method). Counted: payments that went through (succeeded, and those
 * since refunded in full or in part); a refund counts when it completed. Net = gross − refunds.
 * Discounts (the household discount, …) are what the payments were reduced by, for information:
 * gross is already after them.
 */
import { METHOD_LABELS, PAYMENT_METHODS } from '@/payments/ledger'
import type { PaymentMethod } from '@/payments/ledger'
import { and, eq, gte, inArray, isNull, lt, or, sql, tableOf } from '@/lib/db'
import { monthOf } from '@/lib/db'

import { monthsOf } from './params'
import type { ReportContext, ReportDefinition, Row } from './types'
import { toNumber } from './types'

/** Payments whose money was taken (some of it may have been given back since). */
export const TAKEN_STATUSES = ['succeeded', 'refunded', 'partially_refunded']

type Figures = { payments: number; gross: number; discounts: number; refunds: number }
const zero = (): Figures => ({ payments: 0, gross: 0, discounts: 0, refunds: 0 })

async function figures({ payload, db, query }: ReportContext): Promise<Map<string, Figures>> {
  const p = tableOf(payload, 'payments')
  const r = tableOf(payload, 'payments_refunds')
  const m = tableOf(payload, 'memberships')
  const paidAt = sql`coalesce(${p.paidAt}, ${p.createdAt})`
  const paidMonth = monthOf(payload, paidAt)
  const refundMonth = monthOf(payload, r.at)
  const ofTier = query.tier ? eq(m.tier, query.tier) : undefined
  const taken = inArray(p.status, TAKEN_STATUSES)

  const paymentsQuery = db
    .select({
      month: paidMonth.label,
      method: p.method,
      currency: p.currency,
      payments: sql`count(*)`,
      gross: sql`coalesce(sum(${p.amount}), 0)`,
      discounts: sql`coalesce(sum(${p.discount_amount}), 0)`,
    })
    .from(p)
  const paymentsWhere = and(taken, gte(paidAt, query.from.toISOString()), lt(paidAt, query.until.toISOString()), ofTier)
  const refundsQuery = db
    .select({ month: refundMonth.label, method: p.method, currency: p.currency, refunds: sql`coalesce(sum(${r.amount}), 0)` })
    .from(r)
    .innerJoin(p, eq(p.id, r._parentID))
  const refundsWhere = and(taken, or(isNull(r.status), eq(r.status, 'completed')), gte(r.at, query.from.toISOString()), lt(r.at, query.until.toISOString()), ofTier)

  const [paid, refunded] = await Promise.all([
    (query.tier ? paymentsQuery.leftJoin(m, eq(m.id, p.membership)) : paymentsQuery).where(paymentsWhere).groupBy(paidMonth.group, p.method, p.currency),
    (query.tier ? refundsQuery.leftJoin(m, eq(m.id, p.membership)) : refundsQuery).where(refundsWhere).groupBy(refundMonth.group, p.method, p.currency),
  ])
  const found = new Map<string, Figures>()
  const at = (month: unknown, method: unknown, currency: unknown) => {
    const key = `${month}|${method}|${currency}`
    if (!found.has(key)) found.set(key, zero())
    return found.get(key)!
  }
  for (const row of paid) Object.assign(at(row.month, row.method, row.currency), { payments: toNumber(row.payments), gross: toNumber(row.gross), discounts: toNumber(row.discounts) })
  for (const row of refunded) at(row.month, row.method, row.currency).refunds = toNumber(row.refunds)
  return found
}

const moneyRow = (figures: Figures) => ({ ...figures, net: figures.gross - figures.refunds })

/** The other tables are totals of this one: read once per request. */
const readOnce = new WeakMap<ReportContext, Promise<Row[]>>()

/** Month × method × currency, only where something happened, in month and method order. */
function byMonthAndMethod(context: ReportContext): Promise<Row[]> {
  if (!readOnce.has(context)) readOnce.set(context, readByMonthAndMethod(context))
  return readOnce.get(context)!
}

async function readByMonthAndMethod(context: ReportContext): Promise<Row[]> {
  const found = await figures(context)
  const months = monthsOf(context.query)
  return [...found.entries()]
    .map(([key, figures]) => {
      const [month, method, currency] = key.split('|') as [string, PaymentMethod, string]
      return { month, method, methodLabel: METHOD_LABELS[method] ?? method, currency, ...moneyRow(figures) }
    })
    .sort((a, b) => months.indexOf(a.month) - months.indexOf(b.month) || PAYMENT_METHODS.indexOf(a.method) - PAYMENT_METHODS.indexOf(b.method) || a.currency.localeCompare(b.currency))
}

/** Totals of the month × method rows by some of their columns. */
function totalsBy(rows: Row[], keys: string[]): Row[] {
  const totals = new Map<string, Row>()
  for (const row of rows) {
    const key = keys.map((k) => row[k]).join('|')
    const total = totals.get(key) ?? { ...Object.fromEntries(keys.map((k) => [k, row[k]!])), payments: 0, gross: 0, discounts: 0, refunds: 0, net: 0 }
    for (const figure of ['payments', 'gross', 'discounts', 'refunds', 'net']) total[figure] = toNumber(total[figure]) + toNumber(row[figure])
    totals.set(key, total)
  }
  return [...totals.values()]
}

const moneyColumns = [
  { key: 'currency', label: 'Currency', kind: 'text' as const },
  { key: 'payments', label: 'Payments', kind: 'count' as const },
  { key: 'gross', label: 'Gross', kind: 'money' as const },
  { key: 'discounts', label: 'Discounts given', kind: 'money' as const },
  { key: 'refunds', label: 'Refunds', kind: 'money' as const },
  { key: 'net', label: 'Net', kind: 'money' as const },
]

/** Every month of the range, per currency, zeros included (what the chart draws). */
async function byMonth(context: ReportContext): Promise<Row[]> {
  const rows = await byMonthAndMethod(context)
  const currencies = [...new Set(rows.map((row) => String(row.currency)))]
  const totals = totalsBy(rows, ['month', 'currency'])
  return monthsOf(context.query).flatMap((month) =>
    (currencies.length ? currencies : [null]).map(
      (currency) => totals.find((row) => row.month === month && row.currency === currency) ?? { month, currency, payments: 0, gross: 0, discounts: 0, refunds: 0, net: 0 },
    ),
  )
}

export const revenueReport: ReportDefinition = {
  name: 'revenue',
  title: 'Revenue',
  uses: { range: true, tier: true },
  tables: [
    {
      key: 'byMonthAndMethod',
      title: 'Revenue by month and method',
      kind: 'aggregate',
      columns: [{ key: 'month', label: 'Month', kind: 'month' }, { key: 'method', label: 'Method', kind: 'text' }, { key: 'methodLabel', label: 'Method name', kind: 'text' }, ...moneyColumns],
      rows: byMonthAndMethod,
    },
    {
      key: 'byMonth',
      title: 'Revenue by month',
      kind: 'aggregate',
      columns: [{ key: 'month', label: 'Month', kind: 'month' }, ...moneyColumns],
      rows: byMonth,
    },
    {
      key: 'byMethod',
      title: 'Revenue by method',
      kind: 'aggregate',
      columns: [{ key: 'method', label: 'Method', kind: 'text' }, { key: 'methodLabel', label: 'Method name', kind: 'text' }, ...moneyColumns],
      rows: async (context) => totalsBy(await byMonthAndMethod(context), ['method', 'methodLabel', 'currency']),
    },
  ],
  summary: (_context, { byMonthAndMethod: rows = [] }) => ({ totals: totalsBy(rows, ['currency']) }),
}
