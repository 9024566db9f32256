/**
 * Reading every document a list view shows, page by page, as the person asking: Payload's own
 * `find` with `overrideAccess: false` and their user, so collection access (which documents),
 * field access (which values: a treasurer reads no internal notes, nobody reads another person's
 * API key) and the query guard (which filters) apply exactly as they do to the list itself.
 *
 * Memory stays flat: one page (EXPORT_PAGE_SIZE documents) is held at a time. Without a sort, or
 * sorted by id, pages follow each other by id (keyset: `id < last`), which costs the same for the
 * last page as for the first. Sorted by anything else, the matching ids are found in that order by
 * the database alone, once (ids only, with the id as a tie-breaker; 100,000 ids are a few
 * megabytes), then the documents are read as the asker 200 at a time, in that order: the database
 * sorts once, and no document is skipped or repeated.
 */
import type { CollectionSlug, PayloadRequest, PopulateType, SelectType, Where } from 'payload'
import { combineQueries } from 'payload'

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

  // Sorted by something else: the matching ids in order are found in the database alone, once (no
  // documents built), then those documents are read as the asker, a slice at a time. The filter is
  // first checked by a real `find` as the asker (the query guard, field access on filtered fields,
  // and the hooks that type custom-field values), and the ids query carries the asker's read
  // access, so it matches exactly what the list matches.
  const tieBreak = sort.some((item) => item.replace(/^-/, '') === 'id') ? sort : [...sort, 'id']
  const where = query.where ?? {}
  await req.payload.find({ ...base, where, sort: tieBreak, limit: 1 })
  const access = await req.payload.collections[query.collection].config.access.read({ req })
  if (access === false) return
  const matching = access === true ? where : combineQueries(where, access)
  const found = await req.payload.db.find({ collection: query.collection, where: matching, sort: tieBreak, limit: 0, pagination: false, select: { id: true }, req })
  const ids = (found.docs as Array<{ id: number | string }>).map((doc) => doc.id)
  const slice = Math.min(pageSize, ID_SLICE)
  for (let start = 0; start < ids.length; start += slice) {
    const wanted = ids.slice(start, start + slice)
    const { docs } = await req.payload.find({ ...base, where: withIdBound(where, { in: wanted }), limit: wanted.length, sort: tieBreak })
    const byKey = new Map((docs as unknown as Doc[]).map((doc) => [String(doc.id), doc]))
    const inOrder = wanted.flatMap((id) => byKey.get(String(id)) ?? [])
    if (inOrder.length) yield inOrder
  }
}
