import type { CollectionBeforeOperationHook, Payload, SanitizedCollectionConfig, TypedUser, Where } from 'payload'
import { createLocalReq, validateQueryPaths } from 'payload'
import * as qs from 'qs-esm'

import { type DroppedSort, droppedSortOf } from '@/lib/adminListQuery'
import { WHERE_GUARD } from '../../plugins/input-guards/hooks/guardOperation'
import { QUERY_GUARD } from '../../plugins/query-guard'

export type ListRefusal = {
  /** why the filter cannot be applied (empty when it can) */
  filter: string[]
  /** the sort items left out, each with why */
  sort: DroppedSort[]
}

type SearchParams = Record<string, string | string[] | undefined> | undefined

/** The address's query string as Payload's list view reads it (`where[a][equals]=b` into objects). */
export function listQueryOf(searchParams: SearchParams): Record<string, unknown> {
  const pairs: [string, string][] = []
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string') pairs.push([key, one])
  }
  return qs.parse(new URLSearchParams(pairs).toString(), { depth: 10, ignoreQueryPrefix: true }) as Record<string, unknown>
}

/** What an error says about a refused filter: each field's reason where it names them. */
function reasonsOf(error: unknown): string[] {
  const { message, data } = (error ?? {}) as { message?: string; data?: unknown }
  const fieldErrors = (data as { errors?: { message?: string }[] } | undefined)?.errors
  const reasons = Array.isArray(fieldErrors) ? fieldErrors.map((e) => e.message).filter((m): m is string => Boolean(m)) : []
  return reasons.length ? reasons : [message || 'The filter cannot be applied.']
}

const isGuard = (hook: unknown) => {
  const marks = hook as Record<symbol, unknown>
  return marks[QUERY_GUARD] === true || marks[WHERE_GUARD] === true
}

/**
 * Runs a list's filter and sort through the same checks its query meets (the query guard, the
 * input guards' filter check, then Payload's own path check), as the signed-in person, without
 * reading the database: what the admin list view would refuse or leave out, and why.
 */
export async function listRefusalOf(args: { payload: Payload; user: TypedUser | null | undefined; collection: SanitizedCollectionConfig; where?: Where; sort?: string }): Promise<ListRefusal> {
  const { payload, user, where, sort } = args
  const refusal: ListRefusal = { filter: [], sort: [] }
  if (!where && !sort) return refusal
  // the running collection, with the guards installed when Payload started (plugins/input-guards);
  // the config an admin view is handed is an earlier copy of it
  const collection = payload.collections[args.collection.slug as 'users']?.config ?? args.collection
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  const query = { where, sort }
  const guards = (collection.hooks.beforeOperation ?? []).filter(isGuard) as CollectionBeforeOperationHook[]
  try {
    for (const guard of guards) await guard({ args: query as never, collection, context: req.context, operation: 'read', overrideAccess: false, req })
    if (where) await validateQueryPaths({ collectionConfig: collection, overrideAccess: false, req, where })
  } catch (error) {
    refusal.filter = reasonsOf(error)
  }
  refusal.sort = [...droppedSortOf(req)]
  return refusal
}

const isWhere = (key: string) => key === 'where' || key.startsWith('where[')

/** Whether an address's query holds a list filter (`where`, `where[…]`). */
export const holdsFilter = (searchParams: SearchParams): boolean => Object.keys(searchParams ?? {}).some(isWhere)

/** Where an admin list's address keeps a filter it did not apply, for the banner to explain. */
export const REFUSED_WHERE = 'refusedWhere'

/**
 * The address to send an admin list to instead, when its filter would be refused: the same
 * address with the filter moved from `where` to `refusedWhere`, or null when the list may go ahead.
 * Payload's list view passes the address's `where` to the filter builder in the browser, which
 * reads it from the address itself and cannot draw a condition whose field or value it does not
 * know (a date compared by `like`, a field that does not exist): the page goes blank. Moved out
 * of `where`, the filter is not applied, the list shows unfiltered, and the banner above it
 * (ListQueryRefusal.tsx) runs the moved filter through the guards again to say why.
 */
export async function addressWithoutRefusedFilter(args: { payload: Payload; user: TypedUser | null | undefined; segments: string[] | undefined; searchParams: SearchParams }): Promise<string | null> {
  const { payload, user, segments, searchParams } = args
  if (!user || segments?.length !== 2 || segments[0] !== 'collections' || !holdsFilter(searchParams)) return null
  const collection = payload.collections[segments[1] as 'users']?.config
  if (!collection) return null
  if ((await filterRefusalOf({ payload, user, collection, where: listQueryOf(searchParams).where })).length === 0) return null
  const address = new URLSearchParams()
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one === 'string') address.append(isWhere(key) ? `${REFUSED_WHERE}${key.slice('where'.length)}` : key, one)
    }
  }
  return `${payload.config.routes.admin}/collections/${collection.slug}?${address.toString()}`
}

/** Why a filter from an address cannot be applied to a list (empty when it can). */
export async function filterRefusalOf(args: { payload: Payload; user: TypedUser | null | undefined; collection: SanitizedCollectionConfig; where: unknown }): Promise<string[]> {
  const { where } = args
  if (where === undefined) return []
  if (!where || typeof where !== 'object' || Array.isArray(where)) return ['The address does not hold a filter in a form the list can read.']
  return (await listRefusalOf({ ...args, where: where as Where })).filter
}
