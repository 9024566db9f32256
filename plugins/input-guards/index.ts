/**
 * Input guards (issue 12, points 3, 12, 13): no request a person can send makes the server
 * answer 5xx or write a wrong-typed value. `inputGuardsPlugin(options)(config)`:
 * - every endpoint with a document id in its path answers 404 to one that names no document
 *   (endpoints/idParam.ts);
 * - every collection gets a `beforeOperation` hook (hooks/guardOperation.ts): ids that name no
 *   document are 404, `where` values of the wrong type and wrong-typed data are 400 naming the
 *   field;
 * - GraphQL `limit` above the cap and `page` below 1 are refused (graphqlLimits.ts; REST's query
 *   string is clamped by the route guard, src/lib/apiGuard.ts, with the same numbers);
 * - routes Payload serves but cannot answer (versions without versions, verification without
 *   verification) are 404 (endpoints/notOffered.ts);
 * - an uploaded file missing from the disk is 404 (hooks/uploads.ts, refuseMissingFile);
 * - an admin list whose filter or sort the guards refuse still shows, with the reason above it
 *   (src/lib/adminListQuery.ts, src/admin/ListQueryRefusal.tsx);
 * - a relationship or upload id that names no document is 400 naming the field, not the
 *   database's foreign-key error (references.ts).
 *
 * Payload adds its own collections (jobs, preferences, locked documents, key-value) and the
 * default endpoints after plugins run, so the guards are installed on the built config when
 * Payload starts (`onInit`), which reaches all of them. What body a request may send is checked
 * earlier, in the route handlers (src/lib/apiGuard.ts).
 */
import type { Config, SanitizedCollectionConfig, SanitizedConfig, SanitizedGlobalConfig } from 'payload'

import { notOfferedEndpoints } from './endpoints/notOffered'
import { withDocumentIdCheck } from './endpoints/idParam'
import { guardGlobalOperation, guardOperation, guardWhere, idTypeOf } from './hooks/guardOperation'
import { QUERY_GUARD } from '../query-guard'
import { deletePreferenceEndpoint } from './endpoints/deletePreference'
import { pagingArgumentsRule } from './graphqlLimits'
import { refuseMissingFile } from '../../hooks/uploads'
import { refuseMissingReferences } from './references'
import type { InputGuardSettings, InputGuardsOptions } from './types'

export type { InputGuardsOptions } from './types'

export const DEFAULT_MAX_LIMIT = 100
export const DEFAULT_MAX_DEPTH = 3

const INSTALLED = Symbol.for('hangar.inputGuards')

/** Above every admin list: what in its filter or sort was refused, and why (src/lib/adminListQuery.ts). */
export const LIST_QUERY_REFUSAL = '/src/admin/ListQueryRefusal#ListQueryRefusal'

function installOnCollection(collection: SanitizedCollectionConfig) {
  const marked = collection as SanitizedCollectionConfig & { [INSTALLED]?: boolean }
  if (marked[INSTALLED]) return
  marked[INSTALLED] = true
  const before = collection.hooks.beforeOperation ?? []
  // the filter check right after the query guard (refused subjects first), else after the id check
  const queryGuardAt = before.findIndex((hook) => (hook as unknown as Record<symbol, unknown>)[QUERY_GUARD] === true)
  collection.hooks.beforeOperation = [guardOperation, ...before.slice(0, queryGuardAt + 1), guardWhere, ...before.slice(queryGuardAt + 1)]
  // last, so it sees what the collection's own hooks and field access left to write; first where
  // those hooks take a lock (RSVPs claim places), so its reads are not made while holding it
  const hooks = collection.hooks.beforeChange ?? []
  collection.hooks.beforeChange = checksReferencesFirst(collection) ? [refuseMissingReferences, ...hooks] : [...hooks, refuseMissingReferences]
  if (collection.endpoints) {
    collection.endpoints.unshift(...notOfferedEndpoints(collection), ...(collection.slug === 'payload-preferences' ? [deletePreferenceEndpoint] : []))
    const idType = idTypeOf(collection)
    collection.endpoints = collection.endpoints.map((endpoint) => withDocumentIdCheck(endpoint, idType))
  }
  // every upload collection, also those that do not use servedUploads(), answers a missing file with 404
  if (collection.upload && collection.upload.staticDir && !collection.upload.handlers?.includes(refuseMissingFile)) {
    collection.upload.handlers = [refuseMissingFile, ...(collection.upload.handlers ?? [])]
  }
}

/**
 * `custom: { checkReferencesFirst: true }` on a collection whose beforeChange hooks take a lock
 * and set no references themselves (they are set by beforeValidate, which the check follows).
 */
function checksReferencesFirst(collection: SanitizedCollectionConfig): boolean {
  return (collection.custom as { checkReferencesFirst?: boolean } | undefined)?.checkReferencesFirst === true
}

function installOnGlobal(global: SanitizedGlobalConfig) {
  const marked = global as SanitizedGlobalConfig & { [INSTALLED]?: boolean }
  if (marked[INSTALLED]) return
  marked[INSTALLED] = true
  global.hooks.beforeOperation = [guardGlobalOperation, ...(global.hooks.beforeOperation ?? [])]
  if (global.endpoints) global.endpoints.unshift(...notOfferedEndpoints(global))
}

/** Installs the guards on every collection and global of a built config (idempotent). */
export function installInputGuards(config: Pick<SanitizedConfig, 'collections' | 'globals'>) {
  for (const collection of config.collections) installOnCollection(collection)
  for (const global of config.globals) installOnGlobal(global)
}

/**
 * The built config with the guards installed, for `payload.config.ts` to export. Payload's
 * development server rebuilds the config after every edit and swaps it into the running
 * instance without calling `onInit` again, so guards installed only there would be gone until a
 * restart; installed on the exported config, every rebuild has them. (`onInit` still installs
 * them on a config built without this, e.g. a test's own.)
 */
export async function withInputGuards(config: Promise<SanitizedConfig>): Promise<SanitizedConfig> {
  const built = await config
  if ((built.custom as { inputGuards?: unknown } | undefined)?.inputGuards) installInputGuards(built)
  return built
}

export const inputGuardsPlugin =
  (options: InputGuardsOptions = {}) =>
  (config: Config): Config => {
    if (options.enabled === false) return config
    const settings: InputGuardSettings = { maxLimit: options.maxLimit ?? DEFAULT_MAX_LIMIT, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH }
    const onInit = config.onInit
    return {
      ...config,
      custom: { ...config.custom, inputGuards: settings },
      collections: (config.collections ?? []).map((collection) => ({
        ...collection,
        admin: { ...collection.admin, components: { ...collection.admin?.components, beforeListTable: [LIST_QUERY_REFUSAL, ...(collection.admin?.components?.beforeListTable ?? [])] } },
      })),
      graphQL: { ...config.graphQL, validationRules: (args) => [...(config.graphQL?.validationRules?.(args) ?? []), pagingArgumentsRule(settings, args)] },
      onInit: async (payload) => {
        installInputGuards(payload.config)
        await onInit?.(payload)
      },
    }
  }
