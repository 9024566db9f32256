/**
 * An import from start to end (issue 16 points 5 and 6): the dry run (every row checked and
 * planned against the database, nothing written) and the run (the same, then written, batch by
 * batch, with the progress saved after each batch so the admin panel's bar moves). Both read the
 * stored file again from the top, so the run acts on the database as it is when it runs.
 */
import type { Payload, PayloadRequest } from 'payload'
import { stringify } from 'csv-stringify/sync'

import type { MemberImport, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { organisationCountry } from '@/lib/contactFields'
import { RefusedError } from '@/lib/errors'
import { systemRequest } from '@/lib/transaction'

import { definitionsOf } from '../customFields'
import { readCsv } from './csv'
import type { Delimiter } from './csv'
import type { ImportMode } from './fields'
import { IMPORT_SYSTEM_CONTEXT, importFields, mappingProblems } from './fields'
import type { FileState, Outcome, PlanItem, RowReport } from './plan'
import { isPlanned, newFileState, planBatch } from './plan'
import type { DateOrder, RowCheck, RowContext } from './rows'
import { checkRow } from './rows'
import type { ImportSource } from './write'
import { writeBatch } from './write'

export const MEMBER_IMPORTS = 'member-imports'

/** Rows planned and written together: the queries a batch makes are shared by its rows. */
export const BATCH_SIZE = 500

export type ImportCounts = { total: number; processed: number; created: number; updated: number; unchanged: number; failed: number }
export const emptyCounts = (total = 0): ImportCounts => ({ total, processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 })

/** At most this many failed rows are kept on the import for the admin panel's table; the report has them all. */
export const SHOWN_PROBLEMS = 1000

export type StoredReport = { rows: RowReport[] }

type Prepared = { req: PayloadRequest; context: RowContext; source: ImportSource; state: FileState; canRecordPayments: boolean }

async function prepare(payload: Payload, doc: MemberImport, importer: User, now = new Date()): Promise<Prepared> {
  const req = await systemRequest(payload, importer)
  const mode = (doc.mode ?? 'create') as ImportMode
  const [tiers, definitions, country, settings] = await Promise.all([
    payload.find({ collection: 'tiers', pagination: false, depth: 0, overrideAccess: true, req, sort: 'name' }),
    definitionsOf(req),
    organisationCountry(req),
    payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req }),
  ])
  const headers = (doc.headers as string[] | null) ?? []
  const mapping = (doc.mapping as (string | null)[] | null) ?? []
  const live = definitions.filter((definition) => !definition.archived)
  const problems = mappingProblems(mapping, headers, importFields(mode, live), mode)
  if (problems.length) throw new RefusedError(`The columns are not mapped yet: ${problems.join(' ')}`, 400, { problems })
  const usersConfig = payload.collections.users.config
  const address = usersConfig.flattenedFields.find((field) => field.name === 'address') as { flattenedFields?: { name: string; defaultValue?: unknown }[] } | undefined
  const defaultCountry = address?.flattenedFields?.find((field) => field.name === 'country')?.defaultValue
  return {
    req,
    context: {
      mode,
      headers,
      mapping,
      tiers: (tiers.docs as Tier[]).map((tier) => ({ id: tier.id, name: tier.name, currency: tier.currency, kind: tier.kind, period: tier.period, renewalDay: tier.renewalDay, renewalMonth: tier.renewalMonth, graceDays: tier.graceDays })),
      definitions: live,
      country,
      dateOrder: (doc.options?.dateOrder ?? 'dmy') as DateOrder,
      now,
    },
    source: {
      id: doc.id,
      filename: doc.filename ?? 'the file',
      importer,
      options: { sendWelcome: Boolean(doc.options?.sendWelcome), sendReceipts: Boolean(doc.options?.sendReceipts) },
      definitions,
      prefix: settings.membershipNumberPrefix || 'HGR-',
      defaultCountry: typeof defaultCountry === 'string' ? defaultCountry : null,
      now,
    },
    state: newFileState(),
    canRecordPayments: reachesAll('payments', importer as Actor, 'create'),
  }
}

/** The data rows of the file in batches, each row checked (or why it could not be read). */
async function* checkedBatches(csv: string, delimiter: Delimiter | undefined, context: RowContext, skip = 0): AsyncGenerator<RowCheck[]> {
  let header = true
  let seen = 0
  let batch: RowCheck[] = []
  for await (const record of readCsv(csv, delimiter)) {
    if (header) {
      header = false
      continue
    }
    if (seen++ < skip) continue
    batch.push('error' in record ? { ok: false, line: record.line, email: '', errors: [`Line ${record.line} cannot be read: ${record.error}`] } : checkRow(record.line, record.cells, context))
    if (batch.length >= BATCH_SIZE) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

const reportOf = (item: PlanItem): RowReport => (isPlanned(item) ? item.report : item)

function count(counts: ImportCounts, reports: RowReport[]) {
  for (const report of reports) {
    counts.processed++
    counts[report.outcome]++
  }
}

/** The stored file, read as the system (it is never readable through the API). */
async function storedFile(payload: Payload, id: number): Promise<{ doc: MemberImport; csv: string }> {
  const doc = (await payload.findByID({ collection: MEMBER_IMPORTS, id, depth: 0, overrideAccess: true, disableErrors: true })) as MemberImport | null
  if (!doc) throw new RefusedError('There is no such import.', 404)
  return { doc, csv: doc.csv ?? '' }
}

/**
 * The dry run: what importing would do to every row, and why rows would fail, with nothing
 * written. Saved on the import (counts, the failed rows for the admin panel, every row for the report).
 */
export async function dryRunImport(payload: Payload, id: number, importer: User): Promise<{ counts: ImportCounts; problems: RowReport[] }> {
  const { doc, csv } = await storedFile(payload, id)
  const prepared = await prepare(payload, doc, importer)
  const counts = emptyCounts(doc.rowCount ?? 0)
  const rows: RowReport[] = []
  for await (const checks of checkedBatches(csv, (doc.delimiter as Delimiter | null) ?? undefined, prepared.context)) {
    const planned = await planBatch(prepared.req, checks, { mode: prepared.context.mode, state: prepared.state, canRecordPayments: prepared.canRecordPayments })
    const reports = planned.map(reportOf)
    count(counts, reports)
    rows.push(...reports)
  }
  counts.total = counts.processed
  const problems = rows.filter((row) => row.outcome === 'failed')
  await payload.update({
    collection: MEMBER_IMPORTS,
    id,
    data: { status: 'checked', dryRun: { at: new Date().toISOString(), counts, problems: problems.slice(0, SHOWN_PROBLEMS) }, results: { rows }, progress: emptyCounts(counts.total), error: null },
    depth: 0,
    overrideAccess: true,
    context: { [IMPORT_SYSTEM_CONTEXT]: true },
  })
  return { counts, problems }
}

async function saveProgress(payload: Payload, id: number, data: Partial<MemberImport>) {
  await payload.update({ collection: MEMBER_IMPORTS, id, data, depth: 0, overrideAccess: true, context: { [IMPORT_SYSTEM_CONTEXT]: true } })
}

/**
 * The run (the `memberImport` job's work): every row planned and written, batch by batch, the
 * progress and report saved after each. A run that is retried after its process stopped goes on
 * from the last saved batch (rows written before are found again by email in any case).
 */
export async function runImport(payload: Payload, id: number): Promise<ImportCounts> {
  const { doc, csv } = await storedFile(payload, id)
  const importer = (await payload.findByID({ collection: 'users', id: idOf(doc.runBy)!, depth: 0, overrideAccess: true, disableErrors: true })) as User | null
  if (!importer) throw new Error(`Import ${id} has nobody to run it as.`)
  const resumed = doc.status === 'running' ? ((doc.results as StoredReport | null)?.rows ?? []) : []
  const counts = doc.status === 'running' ? { ...emptyCounts(), ...(doc.progress as Partial<ImportCounts>) } : emptyCounts((doc.dryRun as { counts?: ImportCounts } | null)?.counts?.total ?? doc.rowCount ?? 0)
  if (doc.status !== 'running') counts.processed = 0
  const rows: RowReport[] = [...resumed]
  try {
    const prepared = await prepare(payload, doc, importer)
    await saveProgress(payload, id, { status: 'running', startedAt: doc.startedAt ?? new Date().toISOString(), progress: counts, ...(resumed.length ? {} : { results: { rows: [] } }) })
    for await (const checks of checkedBatches(csv, (doc.delimiter as Delimiter | null) ?? undefined, prepared.context, rows.length)) {
      const planned = await planBatch(prepared.req, checks, { mode: prepared.context.mode, state: prepared.state, canRecordPayments: prepared.canRecordPayments })
      const written = await writeBatch(payload, planned.filter(isPlanned), prepared.source)
      const byLine = new Map(written.map((report) => [report.line, report]))
      const reports = planned.map((item) => byLine.get(reportOf(item).line) ?? reportOf(item))
      count(counts, reports)
      rows.push(...reports)
      await saveProgress(payload, id, { progress: { ...counts, total: Math.max(counts.total, counts.processed) }, results: { rows } })
    }
    counts.total = counts.processed
    await saveProgress(payload, id, { status: 'finished', finishedAt: new Date().toISOString(), progress: counts, results: { rows } })
    payload.logger.info(`Import ${id} (${doc.filename}): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`)
    return counts
  } catch (error) {
    await saveProgress(payload, id, { status: 'failed', finishedAt: new Date().toISOString(), error: (error as Error).message.split('\n')[0]!.slice(0, 500), progress: counts, results: { rows } })
    throw error
  }
}

export const OUTCOME_LABELS: Record<Outcome, string> = { created: 'created', updated: 'updated', unchanged: 'unchanged', failed: 'failed' }

/** The report as CSV: every row's line, email, outcome and what happened (or why not). */
export function reportCsv(rows: readonly RowReport[], dryRun: boolean): string {
  const outcome = (o: Outcome) => (dryRun ? { created: 'to create', updated: 'to update', unchanged: 'to skip (unchanged)', failed: 'error' }[o] : OUTCOME_LABELS[o])
  return stringify(
    rows.map((row) => [row.line, row.email, outcome(row.outcome), row.message, row.person ?? '']),
    { header: true, columns: ['line', 'email', 'outcome', 'details', 'person id'], bom: true },
  )
}
