import type { PayloadRequest } from 'payload'

import { sortItems } from '@/access/queryGuard'

/**
 * The admin panel's lists (and their drawers) read through the Local API with the signed-in
 * person's access. What they filter and sort by comes from the address, which anyone can edit,
 * and a sort is also remembered in the person's list preferences. A refused filter or sort must
 * not take the page down (Payload's list view rethrows any error but one named `QueryError`), and
 * a remembered bad sort must not break the list on every later visit. So, for these queries only:
 *
 * - a sort item the guards refuse is dropped (the list keeps its default order) and recorded on
 *   `req.context` with the reason;
 * - a refused filter keeps its status and message but is named `QueryError`, which the list view
 *   shows as a list without rows.
 *
 * The banner above each list (src/admin/ListQueryRefusal.tsx) runs the same guards on the same
 * filter and sort and says what was refused and why. REST and GraphQL are answered 400/403 as ever.
 */
export function isAdminListQuery(req: PayloadRequest, overrideAccess: boolean | undefined): boolean {
  return req.payloadAPI === 'local' && overrideAccess === false
}

export type DroppedSort = { path: string; message: string }

const DROPPED_SORT = 'hangar.droppedSort'

/** Keeps the sort items `refusalOf` has nothing against; records the others on `req.context`. */
export async function keepAllowedSort(req: PayloadRequest, sort: unknown, refusalOf: (path: string) => string | null | Promise<string | null>): Promise<string[] | undefined> {
  const kept: string[] = []
  for (const item of sortItems(sort)) {
    const path = item.replace(/^-/, '')
    const message = await refusalOf(path)
    if (message === null) kept.push(item)
    else droppedSortOf(req).push({ path, message })
  }
  return kept.length ? kept : undefined
}

/** The sort items the guards dropped while answering this request. */
export function droppedSortOf(req: PayloadRequest): DroppedSort[] {
  const context = req.context as Record<string, unknown>
  if (!Array.isArray(context[DROPPED_SORT])) context[DROPPED_SORT] = []
  return context[DROPPED_SORT] as DroppedSort[]
}

/** A refused filter, named so the admin list shows no rows instead of failing the page. */
export function asListQueryError<E extends Error>(error: E): E {
  error.name = 'QueryError'
  return error
}
