/**
 * Reading every document a list view shows, page by page, as the person asking: Payload's own
 * `find` with `overrideAccess: false` and their user, so collection access (which documents),
 * field access (which values: a treasurer reads no internal notes, nobody reads another person's
 * API key) and the query guard (which filters) apply exactly as they do to the list itself.
 *
 * Memory stays flat: one page (EXPORT_PAGE_SIZE documents) is held at a time. Without a sort, or
 * sorted by id, pages follow each other by id (keyset: `id < last`), which costs the same for the
 * last page as for the first. Sorted by anything else, the matching ids are read first in that
 * order (the id alone: 100,000 of them are under a megabyte), then the documents 200 ids at a time,
 * so the database sorts once rather than once per page, and no document is skipped or repeated.
 */
import type { CollectionSlug, PayloadRequest, PopulateType, SelectType, Where } from 'payload'

export const EXPORT_PAGE_SIZE = 500
/** Ids asked for at once when paging by a list of ids: the query guard's bound on an `in` list. */
const ID_SLICE = 200

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

  // sorted by something else: the matching ids in order first (one query, ids only), then the
  // documents a slice of ids at a time; a slice is within the query guard's `in` bound
  const tieBreak = sort.some((item) => item.replace(/^-/, '') === 'id') ? sort : [...sort, 'id']
  const { docs: ordered } = await req.payload.find({ ...base, where: query.where ?? {}, sort: tieBreak, limit: 0, select: { id: true } as never, populate: undefined })
  const ids = ordered.map((doc) => (doc as unknown as Doc).id)
  const slice = Math.min(pageSize, ID_SLICE)
  for (let start = 0; start < ids.length; start += slice) {
    const wanted = ids.slice(start, start + slice)
    const { docs } = await req.payload.find({ ...base, where: withIdBound(query.where, { in: wanted }), limit: wanted.length, sort: tieBreak })
    const found = new Map((docs as unknown as Doc[]).map((doc) => [String(doc.id), doc]))
    const page = wanted.flatMap((id) => found.get(String(id)) ?? [])
    if (page.length) yield page
  }
}
