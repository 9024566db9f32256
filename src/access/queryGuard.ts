/**
 * The query guard (issue 12, point 8): a filter or a sort is an oracle. Asking for the shifts
 * whose `assigned.member.phone` contains "07" answers a question about a phone number the asker
 * may not read, one digit at a time. Payload checks field access along a path, but not whether
 * the asker may read the *documents* a path crosses into. The rule here, derived from the matrix:
 *
 * - a path may stop at a relationship (its id is a column of the document the asker can read);
 * - a path that crosses a relationship, upload or join into another collection is allowed only
 *   when the asker reads that collection in full (scope `all`), and every field on the rest of the
 *   path is one they may read on any document (field rules, owner-only fields, hidden fields);
 * - on the collection itself, a field they may not read on others' documents cannot be queried.
 *
 * It also bounds the shape of a `where`: values of `in`/`not_in`, nesting depth and conditions,
 * and refuses with 400 a filter or sort on a field encrypted at rest (phone, address, date of
 * birth: src/privacy/fieldEncryption.ts), here or through a relationship: each value is sealed with
 * a random IV, so the database cannot compare or order them, and a filter would silently match
 * nothing.
 * Pure: the fields of each collection come in through `fieldsOf`.
 */
import type { FlattenedField, Where } from 'payload'

import { isEncryptedField } from '@/privacy/fieldEncryption'

import { canReadFieldOfOthers, reachesAll } from './resolve'
import type { Actor } from './subjects'

export type WhereLimits = {
  /** values in one `in` / `not_in` list */
  maxListValues: number
  /** nesting of `and` / `or` */
  maxDepth: number
  /** conditions (path + operator) in one query */
  maxConditions: number
}
export const WHERE_LIMITS: WhereLimits = { maxListValues: 200, maxDepth: 5, maxConditions: 100 }

export type QueryRefusal = { status: 400 | 403; message: string }
export type FieldsOf = (collection: string) => FlattenedField[] | undefined
/** The field's own read access, asked without a document (as Payload does for a filter). */
export type FieldReadable = (collection: string, field: FlattenedField) => boolean | Promise<boolean>
const anyFieldReadable: FieldReadable = () => true
/**
 * A JSON field's own answer for a path into it (`key` is the first segment after the field, null
 * for the field as a whole): a refusal, or null when the asker may query it. Fields that hold
 * values with their own visibility (users.customFields) give one.
 */
export type JsonPathRefusal = (collection: string, field: FlattenedField, key: string | null) => Promise<QueryRefusal | null> | QueryRefusal | null

export type QueryToCheck = {
  collection: string
  actor: Actor
  where?: unknown
  sort?: unknown
  /** Payload's `joins` argument: where/sort applied to the documents of a join field */
  joins?: unknown
  fieldsOf: FieldsOf
  fieldReadable?: FieldReadable
  jsonPathRefusal?: JsonPathRefusal
  limits?: WhereLimits
}

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Why the actor may not query `path` on `collection`, or null when they may. */
export async function refusePath(
  collection: string,
  path: string,
  actor: Actor,
  fieldsOf: FieldsOf,
  fieldReadable: FieldReadable = anyFieldReadable,
  jsonPathRefusal?: JsonPathRefusal,
): Promise<QueryRefusal | string | null> {
  const segments = path.replace(/__/g, '.').split('.').filter(Boolean)
  return walk({ actor, fieldsOf, fieldReadable, jsonPathRefusal, fullPath: path }, collection, segments)
}

type Walk = { actor: Actor; fieldsOf: FieldsOf; fieldReadable: FieldReadable; jsonPathRefusal?: JsonPathRefusal; fullPath: string }

async function walk(context: Walk, collection: string, segments: string[]): Promise<QueryRefusal | string | null> {
  const { actor, fieldsOf, fieldReadable, fullPath } = context
  let fields = fieldsOf(collection)
  const slug = collection
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!
    if (!fields) return null
    if (name === 'id' || name === '_id') return null
    const field = findField(fields, name)
    // an unknown path (or a locale / nested JSON key) is for Payload to answer
    if (!field) return null
    const fieldName = 'name' in field ? field.name : name
    if (('hidden' in field && field.hidden) || !canReadFieldOfOthers(slug, fieldName, actor) || !(await fieldReadable(slug, field))) {
      return `You are not allowed to filter or sort on "${fullPath}": the field ${slug}.${fieldName} is not readable by you.`
    }
    const rest = segments.slice(i + 1)
    if (field.type === 'json' && context.jsonPathRefusal) return context.jsonPathRefusal(slug, field, rest[0] ?? null)
    if (field.type === 'relationship' || field.type === 'upload') {
      const polymorphic = Array.isArray(field.relationTo)
      let remaining = rest
      if (polymorphic) {
        if (remaining[0] === 'relationTo' && remaining.length === 1) return null
        if (remaining[0] === 'value') remaining = remaining.slice(1)
      }
      // the relationship's own value (an id) is a column of this document
      if (remaining.length === 0 || (remaining.length === 1 && (remaining[0] === 'id' || remaining[0] === '_id'))) return null
      const targets = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      for (const target of targets) {
        const refusal = await crossInto(context, target, remaining)
        if (refusal) return refusal
      }
      return null
    }
    if (field.type === 'join') {
      // even `join.id` asks which documents of the other collection point here
      const targets = Array.isArray(field.collection) ? field.collection : [field.collection]
      for (const target of targets) {
        const refusal = await crossInto(context, target, rest)
        if (refusal) return refusal
      }
      return null
    }
    if (field.type === 'blocks') {
      fields = field.blocks.flatMap((block) => block.flattenedFields)
      // a block's slug comes between the field and its sub-field in some paths
      continue
    }
    if ('flattenedFields' in field) {
      fields = field.flattenedFields
      continue
    }
    return null
  }
  return null
}

async function crossInto(context: Walk, target: string, rest: string[]): Promise<QueryRefusal | string | null> {
  let readsAll = false
  try {
    readsAll = reachesAll(target, context.actor, 'read')
  } catch {
    readsAll = false // a collection outside the matrix (Payload's own) is never crossed into
  }
  if (!readsAll) {
    return `You are not allowed to filter or sort on "${context.fullPath}": it reaches into ${target}, which you cannot read in full.`
  }
  return rest.length ? walk(context, target, rest) : null
}

function findField(fields: FlattenedField[], name: string): FlattenedField | undefined {
  return fields.find((field) => 'name' in field && field.name === name)
}

/**
 * The encrypted field a path ends on or crosses, as `collection.field`, or null. Follows
 * relationships and joins into their collections (whatever the asker may read: that is refusePath's).
 */
export function encryptedFieldOnPath(collection: string, path: string, fieldsOf: FieldsOf): string | null {
  const visit = (slug: string, segments: string[]): string | null => {
    let fields = fieldsOf(slug)
    for (let i = 0; i < segments.length; i++) {
      const field = fields ? findField(fields, segments[i]!) : undefined
      if (!field) return null
      if (isEncryptedField(field)) return `${slug}.${segments.slice(0, i + 1).join('.')}`
      let rest = segments.slice(i + 1)
      if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') {
        const targets = field.type === 'join' ? field.collection : field.relationTo
        if (Array.isArray(targets) && rest[0] === 'value') rest = rest.slice(1)
        for (const target of Array.isArray(targets) ? targets : [targets]) {
          const found = rest.length ? visit(target, rest) : null
          if (found) return found
        }
        return null
      }
      if (field.type === 'blocks') fields = field.blocks.flatMap((block) => block.flattenedFields)
      else if ('flattenedFields' in field) fields = field.flattenedFields
      else return null
    }
    return null
  }
  return visit(collection, path.replace(/__/g, '.').split('.').filter(Boolean))
}

/**
 * Whether a path goes inside a JSON field (`answers.hours`). Payload's adapters compare inside JSON
 * by equality and `like` only: a range there fails in the SQLite adapter (a 500), so it is refused
 * with 400 on both databases (an event's registrant list filters answers by range:
 * GET /api/events/:id/registrants).
 */
function pathIntoJson(collection: string, path: string, fieldsOf: FieldsOf): boolean {
  const segments = path.replace(/__/g, '.').split('.').filter(Boolean)
  let fields = fieldsOf(collection)
  for (let i = 0; i < segments.length && fields; i++) {
    const field = findField(fields, segments[i]!)
    if (!field) return false
    if (field.type === 'json') return i < segments.length - 1
    if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join' || field.type === 'blocks') return false
    fields = 'flattenedFields' in field ? field.flattenedFields : undefined
  }
  return false
}
const RANGE_OPERATORS = new Set(['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'])

const encryptedRefusal = (path: string, field: string, what: 'filter' | 'sort'): QueryRefusal => ({
  status: 400,
  message: `You cannot ${what} on "${path}": ${field} is stored encrypted, so it cannot be searched or sorted.`,
})

/** Every `path → operators` condition of a where, with its nesting depth. */
function* conditionsOf(where: unknown, depth = 0): Generator<{ path: string; constraint: unknown; depth: number }> {
  if (!isRecord(where)) return
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && (Array.isArray(value) || isRecord(value))) {
      for (const nested of Array.isArray(value) ? value : Object.values(value)) yield* conditionsOf(nested, depth + 1)
    } else {
      yield { path: key, constraint: value, depth }
    }
  }
}

function listLength(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (typeof value === 'string') return value.split(',').length
  return 1
}

/** The field paths a sort names (`a,-b` or a list), without their direction. */
export function sortPaths(sort: unknown): string[] {
  return sortItems(sort).map((item) => item.replace(/^-/, '')).filter(Boolean)
}

/** The items of a sort, each with its sign (`'-a,b'` and `['-a', 'b']` alike), blanks left out. */
export function sortItems(sort: unknown): string[] {
  const items = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return items.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim())
}

/** The first reason to refuse the query, or null when it may run. */
export async function checkQuery(query: QueryToCheck): Promise<QueryRefusal | null> {
  const { collection, actor, where, sort, joins, fieldsOf, fieldReadable = anyFieldReadable, jsonPathRefusal, limits = WHERE_LIMITS } = query
  const refused = (refusal: QueryRefusal | string | null): QueryRefusal | null => (refusal === null ? null : typeof refusal === 'string' ? { status: 403, message: refusal } : refusal)
  let conditions = 0
  for (const { path, constraint, depth } of conditionsOf(where)) {
    if (depth > limits.maxDepth) {
      return { status: 400, message: `The filter is nested too deeply: at most ${limits.maxDepth} levels of and/or.` }
    }
    const operators = isRecord(constraint) ? Object.entries(constraint) : [['equals', constraint] as const]
    conditions += Math.max(operators.length, 1)
    if (conditions > limits.maxConditions) {
      return { status: 400, message: `The filter has too many conditions: at most ${limits.maxConditions}.` }
    }
    for (const [operator, value] of operators) {
      if (LIST_OPERATORS.has(operator) && listLength(value) > limits.maxListValues) {
        return { status: 400, message: `The filter on "${path}" lists too many values for "${operator}": at most ${limits.maxListValues}.` }
      }
      if (RANGE_OPERATORS.has(operator) && pathIntoJson(collection, path, fieldsOf)) {
        return { status: 400, message: `"${operator}" cannot compare values inside a JSON field ("${path}"): filter with equals, not_equals, like, in or exists.` }
      }
    }
    const refusal = refused(await refusePath(collection, path, actor, fieldsOf, fieldReadable, jsonPathRefusal))
    if (refusal) return refusal
    const encrypted = encryptedFieldOnPath(collection, path, fieldsOf)
    if (encrypted) return encryptedRefusal(path, encrypted, 'filter')
  }
  for (const path of sortPaths(sort)) {
    const refusal = refused(await refusePath(collection, path, actor, fieldsOf, fieldReadable, jsonPathRefusal))
    if (refusal) return refusal
    const encrypted = encryptedFieldOnPath(collection, path, fieldsOf)
    if (encrypted) return encryptedRefusal(path, encrypted, 'sort')
  }
  if (isRecord(joins)) {
    for (const [path, joinQuery] of Object.entries(joins)) {
      const refusal = refused(await refusePath(collection, path, actor, fieldsOf, fieldReadable, jsonPathRefusal))
      if (refusal) return refusal
      const field = findField(fieldsOf(collection) ?? [], path.split('.')[0]!)
      if (!isRecord(joinQuery) || field?.type !== 'join') continue
      for (const target of Array.isArray(field.collection) ? field.collection : [field.collection]) {
        const nested = await checkQuery({ collection: target, actor, where: joinQuery.where as Where, sort: joinQuery.sort, fieldsOf, fieldReadable, jsonPathRefusal, limits })
        if (nested) return nested
      }
    }
  }
  return null
}
