/**
 * Reading every document a list view shows, page by page, as the person asking: Payload's own
 * `find` with `overrideAccess: false` and their user, so collection access (which documents),
 * field access (which values: a treasurer reads no internal notes, nobody reads another person's
 * API key) and the query guard (which filters) apply exactly as they do to the list itself.
 *
 * Memory stays flat: one page (EXPORT_PAGE_SIZE documents) is held at a time. Without a sort, or
 * sorted by id, pages follow each other by id (keyset: `id < last`), which costs the same for the
 * last page as for the first. Sorted by anything else, pages are taken by offset with the id as a
 * tie-breaker, so no document is skipped or repeated between pages; the database sorts again for
 * each page, slower on very large exports but exact.
 */
import type { CollectionSlug, PayloadRequest, PopulateType, SelectType, Where } from 'payload'

export const EXPORT_PAGE_SIZE = 500

export type PageQuery = {
  collection: CollectionSlug
  where?: Where
  sort?: string[]
  select?: SelectType
  populate?: PopulateType
  depth?: number
  pageSize?: number
}

type Doc = Record<string, unknown> & { id: number | string }

/** The list's sort as Payload takes it: `-createdAt,email` or an array of those; empty when none. */
export function sortOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : []
  return items.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter(Boolean)
}

/** `where` with one more condition on `id` (kept at the top level, so the filter gets no deeper). */
function withIdBound(where: Where | undefined, bound: Where[string]): Where {
  if (!where || Object.keys(where).length === 0) return { id: bound }
  if (!('id' in where)) return { ...where, id: bound }
  return { and: [where, { id: bound }] }
}

/** Every page of documents matching the query, read as `req.user`. */
export async function* readPages(req: PayloadRequest, query: PageQuery): AsyncGenerator<Doc[]> {
  const pageSize = query.pageSize ?? EXPORT_PAGE_SIZE
  const sort = query.sort ?? []
  const byId = sort.length === 0 || (sort.length === 1 && (sort[0] === 'id' || sort[0] === '-id'))
  const descending = sort.length === 0 || sort[0] === '-id'
  const base = {
    collection: query.collection,
    depth: query.depth ?? 0,
    limit: pageSize,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    req,
    select: query.select,
    populate: query.populate,
  } as const

  if (byId) {
    let last: number | string | undefined
    for (;;) {
      const where = last === undefined ? (query.where ?? {}) : withIdBound(query.where, descending ? { less_than: last } : { greater_than: last })
      const { docs } = await req.payload.find({ ...base, where, sort: descending ? '-id' : 'id' })
      if (docs.length === 0) return
      yield docs as unknown as Doc[]
      if (docs.length < pageSize) return
      last = (docs.at(-1) as unknown as Doc).id
    }
  }

  const tieBreak = sort.some((item) => item.replace(/^-/, '') === 'id') ? sort : [...sort, 'id']
  for (let page = 1; ; page++) {
    const { docs } = await req.payload.find({ ...base, where: query.where ?? {}, sort: tieBreak, page })
    if (docs.length === 0) return
    yield docs as unknown as Doc[]
    if (docs.length < pageSize) return
  }
}
