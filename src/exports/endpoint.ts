/**
 * `GET /api/<collection>/export.csv`: a list view of the admin panel as a CSV file (issue 16
 * point 4), with the list's own query string: `where[...]` (its filters), `search` (its search
 * box, over the collection's `listSearchableFields`) and `sort`. Who may export a collection is
 * who reads all of it in the permission matrix; everyone else gets 403 (401 signed out).
 *
 * Each collection says which columns its file has (`CsvExport`): a column tied to a field is left
 * out when the asker may not read that field (the field's own read access, asked as Payload asks
 * it for a filter), and every value comes from documents Payload read as the asker, so what a role
 * cannot read is never in its file. Credentials (password hash and salt, API keys, reset and
 * verification tokens) are in no export's columns at all.
 */
import type { CollectionSlug, Endpoint, Field, PayloadRequest, PopulateType, SelectType, Where } from 'payload'
import { mergeListSearchAndWhere } from 'payload/shared'

import { reachesAll, rolesReachingAll } from '@/access/resolve'
import { ROLE_LABELS } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'

import type { CsvCell } from './csv'
import { csvFileName, csvResponse } from './csv'
import { readPages, sortOf } from './pages'

type Doc = Record<string, unknown> & { id: number | string }

export type CsvColumn<Extra = void> = {
  header: string
  value: (doc: Doc, extra: Extra) => CsvCell
  /** A top-level field of the collection the column shows: left out for an asker who may not read it. */
  field?: string
}

/** What one request's file holds and how it is read. */
export type CsvPlan<Extra = void> = {
  columns: CsvColumn<Extra>[]
  select?: SelectType
  populate?: PopulateType
  depth?: number
  /** Looked up once per page (not per row), e.g. volunteer hours for the page's people. */
  forPage?: (docs: Doc[]) => Promise<Extra>
  /** The file's name, without the date and extension. */
  fileName?: string
}

export type CsvExport<Extra = void> = {
  collection: CollectionSlug
  /** Plural, for messages and the file name: "people", "payments". */
  label: string
  plan: (req: PayloadRequest, where: Where) => Promise<CsvPlan<Extra>>
}

const plural = (label: string) => (label.endsWith('y') ? `${label.slice(0, -1)}ies` : `${label}s`).toLowerCase()

/** "Superusers, admins, secretaries and treasurers", from the matrix, so the refusal never disagrees with it. */
function exporters(collection: string): string {
  const names = rolesReachingAll(collection, 'read').map((role) => plural(ROLE_LABELS[role]))
  const text = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!
  return text[0]!.toUpperCase() + text.slice(1)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The top-level fields of `collection` the asker may read on documents in general: each field's
 * read access asked without a document, as Payload asks it for a filter (the query guard does the
 * same). A field only its owner reads is unreadable here, whoever asks.
 */
export async function readableFields(req: PayloadRequest, collection: CollectionSlug, names: readonly string[]): Promise<Set<string>> {
  const fields = req.payload.collections[collection].config.flattenedFields
  const readable = new Set<string>()
  for (const name of names) {
    const field = fields.find((candidate) => 'name' in candidate && candidate.name === name) as (Field & { access?: { read?: (args: never) => unknown } }) | undefined
    if (!field || ('hidden' in field && field.hidden)) continue
    const read = field.access?.read
    if (!read || (await read({ req, data: {}, siblingData: {}, doc: undefined } as never))) readable.add(name)
  }
  return readable
}

/** The list view's filter, with its search box folded in as the list does it. */
export function listWhere(req: PayloadRequest, collection: CollectionSlug): Where {
  const { where, search } = (req.query ?? {}) as { where?: unknown; search?: unknown }
  if (where !== undefined && !isPlainObject(where)) throw new RefusedError('where must be a filter such as where[status][equals]=active.', 400)
  if (search !== undefined && typeof search !== 'string') throw new RefusedError('search must be text.', 400)
  const config = req.payload.collections[collection].config
  return mergeListSearchAndWhere({ collectionConfig: config, search: search?.trim() ?? '', where: (where ?? {}) as Where }) ?? {}
}

/** Answers an export request: checks, the first page read (so a bad filter is a 4xx), then the stream. */
export async function exportResponse<Extra>(req: PayloadRequest, spec: CsvExport<Extra>): Promise<Response> {
  if (!req.user) throw new RefusedError('Sign in to export.', 401)
  if (!reachesAll(spec.collection, req.user as Actor, 'read')) throw new RefusedError(`${exporters(spec.collection)} can export ${spec.label}; you cannot.`, 403)
  const where = listWhere(req, spec.collection)
  const sort = sortOf((req.query as { sort?: unknown } | undefined)?.sort)
  const plan = await spec.plan(req, where)
  const readable = await readableFields(req, spec.collection, plan.columns.flatMap((column) => (column.field ? [column.field] : [])))
  const columns = plan.columns.filter((column) => !column.field || readable.has(column.field))

  const pages = readPages(req, { collection: spec.collection, where, sort, select: plan.select, populate: plan.populate, depth: plan.depth })
  const first = await pages.next()
  const firstExtra = !first.done && plan.forPage ? await plan.forPage(first.value) : (undefined as Extra)

  async function* rows(): AsyncGenerator<CsvCell[]> {
    if (first.done) return
    for (const doc of first.value) yield columns.map((column) => column.value(doc, firstExtra))
    for await (const docs of pages) {
      const extra = plan.forPage ? await plan.forPage(docs) : (undefined as Extra)
      for (const doc of docs) yield columns.map((column) => column.value(doc, extra))
    }
  }

  const onError = (error: unknown) => req.payload.logger.error({ err: error, msg: `CSV export of ${spec.collection} failed part-way` })
  return csvResponse(
    csvFileName(plan.fileName ?? spec.label.toLowerCase()),
    columns.map((column) => column.header),
    rows(),
    onError,
  )
}

/** The endpoint that serves `spec` at `/api/<collection>/export.csv`. */
export function csvExportEndpoint<Extra>(spec: CsvExport<Extra>): Endpoint {
  return { path: '/export.csv', method: 'get', handler: (req) => exportResponse(req, spec) }
}
