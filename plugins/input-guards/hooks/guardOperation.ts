import type { CollectionBeforeOperationHook, GlobalBeforeOperationHook, SanitizedCollectionConfig } from 'payload'
import { NotFound, ValidationError } from 'payload'

import { asListQueryError, isAdminListQuery, keepAllowedSort } from '@/lib/adminListQuery'
import { type IdType, documentIdOf } from '@/lib/documentId'

import { type FieldProblem, fieldTypeProblems } from '../fieldTypes'
import { type CollectionOf, joinWhereProblems, sortProblems, whereValueProblems } from '../whereValues'

/** The type of a collection's ids: text when it declares a text id field, else the database's serial numbers. */
export function idTypeOf(collection: SanitizedCollectionConfig): IdType {
  const id = collection.flattenedFields.find((field) => field.name === 'id')
  return id && id.type === 'text' ? 'text' : 'number'
}

function refuse(collection: string | undefined, problems: FieldProblem[], global?: string): never {
  throw new ValidationError({ collection, global, errors: problems })
}

/**
 * Every operation on every collection, before Payload touches the database:
 * - an id that names no document (`abc`, `1.5`, `-1`, beyond the integer range) is 404;
 *   (`where` values: guardWhere, below)
 * - the data a REST request writes is an object whose values have their fields' types (400
 *   naming the field; GraphQL's schema types its own).
 * Paging caps are applied to what a request asks for, where it asks it (the query string:
 * src/lib/apiGuard.ts; GraphQL arguments: graphqlLimits.ts), not here, where the server's own
 * queries made while answering a request (which may rightly read everything) pass too.
 */
export const guardOperation: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
    const idType = idTypeOf(collection)
    const input = args as Record<string, unknown>
    if ('id' in input && input.id !== undefined && input.id !== null && documentIdOf(input.id, idType) === undefined) throw new NotFound(req.t)

    // the request's own data (Payload's REST handlers pass `req.data` as it is); the server's
    // writes made while answering it, and GraphQL's (typed by its schema), are not checked here
    if ((operation === 'create' || operation === 'update') && req.payloadAPI === 'REST' && input.data === req.data) {
      const problems = fieldTypeProblems(collection.fields, input.data ?? null, idType)
      if (problems.length) refuse(collection.slug, problems)
    }
    return args
  }

/**
 * A `where` (the query's own, or a join's) whose operator does not apply to its field, or whose
 * value that field could not hold, and a sort through the rows of an array or a join, are 400
 * (whereValues.ts). It runs after the query guard
 * (plugins/query-guard), so that what a person may not ask about at all is refused as such (403)
 * before anything is said about how they asked it.
 */
export const guardWhere: CollectionBeforeOperationHook = async ({ args, collection, overrideAccess, req }) => {
  const input = args as Record<string, unknown>
  if (!input.where && !input.joins && !input.sort) return args
  const collectionOf: CollectionOf = (slug) => {
    const config = slug === collection.slug ? collection : req.payload.collections[slug as 'users']?.config
    return config ? { fields: config.flattenedFields, idType: idTypeOf(config) } : undefined
  }
  const adminList = isAdminListQuery(req, overrideAccess)
  if (adminList && input.sort !== undefined) {
    // the admin panel's list leaves out a sort it cannot use rather than failing the page (src/lib/adminListQuery.ts)
    input.sort = await keepAllowedSort(req, input.sort, (path) => sortProblems(path, collection.slug, collectionOf)[0]?.message ?? null)
  }
  const problems = [
    ...whereValueProblems(input.where, collection.slug, collectionOf),
    ...sortProblems(input.sort, collection.slug, collectionOf),
    ...joinWhereProblems(input.joins, collection.slug, collectionOf),
  ]
  if (problems.length) {
    const error = new ValidationError({ collection: collection.slug, errors: problems })
    throw adminList ? asListQueryError(error) : error
  }
  return args
}

/** Marks guardWhere among a collection's hooks (src/admin/listRefusals.ts runs it again to explain a refusal). */
export const WHERE_GUARD = Symbol.for('hangar.whereGuard')
Object.defineProperty(guardWhere, WHERE_GUARD, { value: true })

/** A global's update from outside: data is an object whose values have their fields' types. */
export const guardGlobalOperation: GlobalBeforeOperationHook = ({ args, global, operation, req }) => {
  if (req.payloadAPI !== 'REST' || operation !== 'update' || (args as { data?: unknown }).data !== req.data) return args
  const problems = fieldTypeProblems(global.fields, (args as { data?: unknown }).data ?? null, 'number')
  if (problems.length) refuse(undefined, problems, global.slug)
  return args
}
