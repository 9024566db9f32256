import type { CollectionBeforeOperationHook, GlobalBeforeOperationHook, SanitizedCollectionConfig } from 'payload'
import { APIError, NotFound, ValidationError } from 'payload'

import { type IdType, documentIdOf } from '@/lib/documentId'

import { type FieldProblem, fieldTypeProblems } from '../fieldTypes'
import type { InputGuardSettings } from '../types'
import { whereValueProblems } from '../whereValues'

/** The type of a collection's ids: text when it declares a text id field, else the database's serial numbers. */
export function idTypeOf(collection: SanitizedCollectionConfig): IdType {
  const id = collection.flattenedFields.find((field) => field.name === 'id')
  return id && id.type === 'text' ? 'text' : 'number'
}

/** A whole number from `min`, given as a number or digits; `undefined` when absent; `null` when not one. */
function wholeNumber(value: unknown, min: number): number | undefined | null {
  if (value === undefined || value === null || value === '') return undefined
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN
  return Number.isSafeInteger(number) && number >= min ? number : null
}

function refuse(collection: string | undefined, problems: FieldProblem[], global?: string): never {
  throw new ValidationError({ collection, global, errors: problems })
}

/**
 * Every operation on every collection, before Payload touches the database:
 * - an id that names no document (`abc`, `1.5`, `-1`, beyond the integer range) is 404;
 * - a `where` value of the wrong type for its field is 400;
 * and for requests from outside (REST, GraphQL; the server's own Local API calls are trusted):
 * - `limit` is a whole number, at most `maxLimit` (more is clamped to it; 0, "no limit", too);
 *   `page` a whole number from 1; `depth` a whole number, at most `maxDepth` (clamped);
 * - written data is an object whose values have their fields' types (400 naming the field).
 */
export const guardOperation =
  (settings: InputGuardSettings): CollectionBeforeOperationHook =>
  ({ args, collection, operation, req }) => {
    const idType = idTypeOf(collection)
    const input = args as Record<string, unknown>
    if ('id' in input && input.id !== undefined && input.id !== null && documentIdOf(input.id, idType) === undefined) throw new NotFound(req.t)

    if (input.where) {
      const problems = whereValueProblems(input.where, collection.flattenedFields, idType)
      if (problems.length) refuse(collection.slug, problems)
    }

    if (req.payloadAPI === 'local') return args

    if ('limit' in input) {
      const limit = wholeNumber(input.limit, 0)
      if (limit === null) throw new APIError('limit must be a whole number.', 400, undefined, true)
      if (limit !== undefined || input.pagination === false) input.limit = limit === undefined || limit === 0 || limit > settings.maxLimit ? settings.maxLimit : limit
    } else if (input.pagination === false) input.limit = settings.maxLimit
    if ('page' in input) {
      const page = wholeNumber(input.page, 1)
      if (page === null) throw new APIError('page must be a whole number from 1.', 400, undefined, true)
      input.page = page
    }
    if ('depth' in input) {
      const depth = wholeNumber(input.depth, 0)
      if (depth === null) throw new APIError('depth must be a whole number.', 400, undefined, true)
      input.depth = depth === undefined ? depth : Math.min(depth, settings.maxDepth)
    }

    if (operation === 'create' || operation === 'update') {
      const problems = fieldTypeProblems(collection.fields, input.data ?? null, idType)
      if (problems.length) refuse(collection.slug, problems)
    }
    return args
  }

/** A global's update from outside: data is an object whose values have their fields' types. */
export const guardGlobalOperation: GlobalBeforeOperationHook = ({ args, global, operation, req }) => {
  if (req.payloadAPI === 'local' || operation !== 'update') return args
  const problems = fieldTypeProblems(global.fields, (args as { data?: unknown }).data ?? null, 'number')
  if (problems.length) refuse(undefined, problems, global.slug)
  return args
}
