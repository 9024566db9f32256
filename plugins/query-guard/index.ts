import type { CollectionBeforeOperationHook, Plugin } from 'payload'

import type { WhereLimits } from '@/access/queryGuard'
import { WHERE_LIMITS, checkQuery } from '@/access/queryGuard'
import type { Actor } from '@/access/subjects'
import { asListQueryError, isAdminListQuery, keepAllowedSort } from '@/lib/adminListQuery'
import { RefusedError } from '@/lib/errors'

/** Marks the guard among a collection's hooks (the input guards' filter check goes right after it). */
export const QUERY_GUARD = Symbol.for('hangar.queryGuard')

export type QueryGuardOptions = {
  /** false leaves the config untouched */
  enabled?: boolean
  /** bounds on the shape of a `where` (defaults: WHERE_LIMITS) */
  limits?: Partial<WhereLimits>
}

/**
 * Refuses, before any database work, a query that would answer a question about data the asker
 * may not read (a filter or sort through a relationship into a collection they cannot read in
 * full, or on a field they cannot read), and a `where` beyond the limits. Applies to every request
 * made for a person (REST, GraphQL, the admin panel, Local API calls with `overrideAccess: false`);
 * the system's own queries (`overrideAccess` true) are not checked. See src/access/queryGuard.ts.
 */
export const queryGuardPlugin =
  (options: QueryGuardOptions = {}): Plugin =>
  (config) => {
    if (options.enabled === false) return config
    const limits: WhereLimits = { ...WHERE_LIMITS, ...options.limits }
    const guard: CollectionBeforeOperationHook = async ({ args, collection, overrideAccess, req }) => {
      // REST and GraphQL leave overrideAccess unset (access applies); the Local API sets it true by default
      if (overrideAccess === true) return args
      const { where, joins } = args as { where?: unknown; joins?: unknown }
      let { sort } = args as { sort?: unknown }
      if (where === undefined && sort === undefined && joins === undefined) return args
      const fieldsOf = (slug: string) => req.payload.collections[slug as 'users']?.config.flattenedFields
      const check = (query: { where?: unknown; sort?: unknown; joins?: unknown }) =>
        checkQuery({
          collection: collection.slug,
          actor: req.user as Actor,
          ...query,
          fieldsOf,
          // a field's own read rule, asked as Payload asks it for a filter: without a document
          fieldReadable: async (_slug, field) => {
            const read = 'access' in field ? field.access?.read : undefined
            return read ? Boolean(await read({ req, data: {}, siblingData: {}, doc: undefined } as never)) : true
          },
          // a JSON field whose values have their own visibility answers for paths into it (users.customFields)
          jsonPathRefusal: async (_slug, field, key) => {
            const refuse = (field as { custom?: { refuseQuery?: (args: { req: typeof req; key: string | null }) => Promise<{ status: 400 | 403; message: string } | null> } }).custom?.refuseQuery
            return refuse ? refuse({ req, key }) : null
          },
          limits,
        })
      const adminList = isAdminListQuery(req, overrideAccess)
      if (adminList && sort !== undefined) {
        // the admin panel's list: a sort it may not use (an encrypted column's heading, a path it
        // may not read, typed into the address or remembered in its preferences) leaves the list in
        // its default order rather than failing the page (src/lib/adminListQuery.ts); REST and
        // GraphQL are told (below)
        sort = await keepAllowedSort(req, sort, async (path) => (await check({ sort: path }))?.message ?? null)
        ;(args as { sort?: unknown }).sort = sort
      }
      const refusal = await check({ where, sort, joins })
      if (refusal) {
        const error = new RefusedError(refusal.message, refusal.status)
        throw adminList ? asListQueryError(error) : error
      }
      return args
    }
    Object.defineProperty(guard, QUERY_GUARD, { value: true })
    return {
      ...config,
      custom: { ...config.custom, queryGuard: { limits } },
      collections: (config.collections ?? []).map((collection) => ({
        ...collection,
        hooks: { ...collection.hooks, beforeOperation: [guard, ...(collection.hooks?.beforeOperation ?? [])] },
      })),
    }
  }
