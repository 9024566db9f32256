/**
 * A report as the endpoint answers it: JSON (every aggregate table, one page of each list, the
 * summary), or one table as CSV streamed a batch of rows at a time (csv-stringify), so a list of
 * tens of thousands of memberships never sits in memory whole.
 */
import { Readable, pipeline } from 'node:stream'

import { stringify } from 'csv-stringify'

import type { Payload } from 'payload'

import { readForReport } from '@/lib/db'

import type { ReportQuery } from './params'
import type { ReportContext, ReportDefinition, ReportTable, Row } from './types'

/** Rows read per query while a CSV export streams. */
export const CSV_BATCH = 1000

export type AnsweredTable = {
  title: string
  columns: ReportTable['columns']
  rows: Row[]
  /** Lists only: how many rows there are in all, and which page this is. */
  totalDocs?: number
  page?: number
  limit?: number
  totalPages?: number
}

export type ReportAnswer = {
  report: string
  title: string
  params: Record<string, string | number | null>
  summary: Record<string, unknown>
  tables: Record<string, AnsweredTable>
}

/** The parameters the report reads, as the reader gave them (or their defaults). */
export function echoedParams(definition: ReportDefinition, query: ReportQuery): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = {}
  if (definition.uses.range) Object.assign(params, { from: query.fromDay, to: query.toDay })
  if (definition.uses.at) params.at = query.at?.toISOString() ?? null
  if (definition.uses.tier) params.tier = query.tier
  if (definition.uses.days) params.days = query.days
  return params
}

/** The report as JSON, its queries run together (one read-only transaction on Postgres). */
export function answerReport(definition: ReportDefinition, payload: Payload, query: ReportQuery): Promise<ReportAnswer> {
  return readForReport(payload, (db) => answerWith(definition, { payload, db, query }))
}

async function answerWith(definition: ReportDefinition, context: ReportContext): Promise<ReportAnswer> {
  const { query } = context
  const tables: Record<string, AnsweredTable> = {}
  const aggregates: Record<string, Row[]> = {}
  await Promise.all(
    definition.tables.map(async (table) => {
      const base = { title: table.title, columns: table.columns }
      if (table.kind === 'aggregate') {
        const rows = await table.rows(context)
        aggregates[table.key] = rows
        tables[table.key] = { ...base, rows }
      } else {
        const [rows, totalDocs] = await Promise.all([table.rows(context, { limit: query.limit, offset: (query.page - 1) * query.limit }), table.count(context)])
        tables[table.key] = { ...base, rows, totalDocs, page: query.page, limit: query.limit, totalPages: Math.ceil(totalDocs / query.limit) }
      }
    }),
  )
  const summary = definition.summary ? await definition.summary(context, aggregates) : {}
  // tables in the report's own order, whichever query finished first
  const ordered = Object.fromEntries(definition.tables.map((table) => [table.key, tables[table.key]!]))
  return { report: definition.name, title: definition.title, params: echoedParams(definition, query), summary, tables: ordered }
}

/** Each batch is read on its own (no transaction is held open while the reader takes its time). */
async function* rowsOf(table: ReportTable, payload: Payload, query: ReportQuery): AsyncGenerator<Row> {
  if (table.kind === 'aggregate') {
    yield* await readForReport(payload, (db) => table.rows({ payload, db, query }))
    return
  }
  for (let offset = 0; ; offset += CSV_BATCH) {
    const rows = await readForReport(payload, (db) => table.rows({ payload, db, query }, { limit: CSV_BATCH, offset }))
    yield* rows
    if (rows.length < CSV_BATCH) return
  }
}

/** `hangar-revenue-byMonth-2025-08-01-to-2026-07-31.csv`, or with today's date for a report of now. */
export function csvFileName(definition: ReportDefinition, table: ReportTable, query: ReportQuery): string {
  const when = definition.uses.range ? `${query.fromDay}-to-${query.toDay}` : query.now.toISOString().slice(0, 10)
  return `hangar-${definition.name}-${table.key}-${when}.csv`
}

/**
 * One table as CSV: a header row of column keys, then the rows, read from the database a batch at
 * a time as the reader takes them. Booleans read yes/no; a value that a spreadsheet would take for
 * a formula (a name starting with "=") is escaped.
 */
export function csvStream(table: ReportTable, payload: Payload, query: ReportQuery, onError: (error: Error) => void): ReadableStream<Uint8Array> {
  const csv = stringify({
    header: true,
    columns: table.columns.map((column) => ({ key: column.key, header: column.key })),
    cast: { boolean: (value) => (value ? 'yes' : 'no') },
    escape_formulas: true,
  })
  const source = Readable.from(rowsOf(table, payload, query))
  pipeline(source, csv, (error) => {
    if (error) onError(error)
  })
  return Readable.toWeb(csv) as unknown as ReadableStream<Uint8Array>
}
