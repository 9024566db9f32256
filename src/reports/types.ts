import { differenceInDays } from 'date-fns/differenceInDays'
import type { Payload } from 'payload'

import type { ReportName } from '@/access/matrix'
import type { Db, SQL } from '@/lib/db'
import { sql, tableOf } from '@/lib/db'

import type { ReportQuery } from './params'

/** How a column's values read: money is minor units beside a `currency` column, a rate is 0–1. */
export type ColumnKind = 'text' | 'count' | 'money' | 'rate' | 'hours' | 'date' | 'month' | 'link'
export type Column = { key: string; label: string; kind: ColumnKind }
export type Row = Record<string, string | number | boolean | null>

export type ReportContext = { payload: Payload; db: Db; query: ReportQuery }

/**
 * One table of a report. An aggregate (a few rows per month, method, tier…) is read whole; a list
 * (memberships ending soon, payments waiting…) is read a page at a time: a page in JSON, every
 * page in turn for a CSV export, so memory stays flat however long it is.
 */
export type ReportTable = {
  key: string
  title: string
  columns: Column[]
} & (
  | { kind: 'aggregate'; rows: (context: ReportContext) => Promise<Row[]> }
  | { kind: 'list'; rows: (context: ReportContext, page: { limit: number; offset: number }) => Promise<Row[]>; count: (context: ReportContext) => Promise<number> }
)

export type ReportDefinition = {
  name: ReportName
  title: string
  /** Which parameters it reads: the dashboard shows only those, the answer echoes only those. */
  uses: { range?: boolean; tier?: boolean; days?: boolean; at?: boolean }
  tables: ReportTable[]
  /**
   * Totals and figures over everything the report covers (not a page of it); given the rows of
   * the aggregate tables already read, so nothing is counted twice.
   */
  summary?: (context: ReportContext, aggregates: Record<string, Row[]>) => Promise<Record<string, unknown>> | Record<string, unknown>
}

export const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))

/** A share from 0 to 1 with four decimals; `null` when there is nothing to share out. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null)

/** The admin panel's page of a document: what a row of a list links to. */
export const adminHref = (collection: string, id: number | string) => `/admin/collections/${collection}/${id}`

/** An ISO string from whatever the driver returned for a date column (Postgres: a string or Date; SQLite: ISO text). */
export const isoOf = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** Whole days from `since` to `now` (0 on the day itself). */
export const ageInDays = (since: string | null, now: Date): number | null =>
  since ? Math.max(0, differenceInDays(now, new Date(since))) : null

/**
 * With a tier chosen (`tier`), the people counted are those holding a membership of that tier (their
 * own membership, whatever its status now; a seat on an organisation's membership is not one):
 * a condition on the column holding the person's id. No tier: no condition.
 */
export function holdsTierMembership({ payload, query }: ReportContext, person: unknown): SQL | undefined {
  if (!query.tier) return undefined
  const m = tableOf(payload, 'memberships')
  return sql`exists (select 1 from ${m} where ${m.member} = ${person} and ${m.tier} = ${query.tier})`
}
