/**
 * A `where` the database cannot answer is a 400 naming the filter, not a 500. Each condition's
 * path is followed to the field it ends on (through groups, arrays, tabs and blocks, and through
 * relationships and joins into the collections they point to), and then:
 *
 * - the operator must apply to that kind of field: `like`/`contains` compare text, so not a date,
 *   a number, a yes/no or an id (Postgres has no such operator for them); `near`, `within` and
 *   `intersects` are for points only; `all` is for fields that hold several values; a choice
 *   (select) is matched by equality only (Postgres keeps it as an enum);
 * - the value must be one the field could hold: an id for an id or a relationship (of the
 *   collection it points to), a number, a date, true/false, one of a choice's options; no NUL.
 *
 * A sort may not go through an array, blocks or a join to a field of their rows (sortProblems).
 * Payload's SQL adapters have no `all` operator, so it is refused everywhere. Unknown paths, whole
 * groups or arrays, and which JSON keys a person may query are left to Payload and to the query
 * guard (src/access/queryGuard.ts), which answer them with a 4xx.
 * Pure: collections come in through `collectionOf`.
 */
import type { FlattenedField, Where } from 'payload'

import { sortPaths } from '@/access/queryGuard'
import { type IdType, documentIdOf } from '@/lib/documentId'

import type { FieldProblem } from './fieldTypes'

/** What the guard needs of a collection: its fields and the type of its ids. */
export type WhereCollection = { fields: FlattenedField[]; idType: IdType }
export type CollectionOf = (slug: string) => WhereCollection | undefined

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const RANGE_OPERATORS = ['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'] as const
const EQUALITY = ['equals', 'not_equals', 'in', 'not_in', 'exists'] as const
const TEXT_MATCH = ['like', 'not_like', 'contains'] as const

/** The kinds of value a path can end on, each with the operators that apply to it. */
type Kind = 'id' | 'text' | 'number' | 'date' | 'checkbox' | 'choice' | 'reference' | 'polymorphic' | 'polymorphicValue' | 'join' | 'richText' | 'json' | 'jsonKey' | 'point'

const OPERATORS: Record<Kind, readonly string[]> = {
  // `like` on a document's id is Payload's own search by ID (an admin list's search box when the
  // collection has no title field): its adapters match it as `equals`, so it takes an id too
  id: [...EQUALITY, ...RANGE_OPERATORS, 'like'],
  text: [...EQUALITY, ...RANGE_OPERATORS, ...TEXT_MATCH],
  number: [...EQUALITY, ...RANGE_OPERATORS],
  date: [...EQUALITY, ...RANGE_OPERATORS],
  checkbox: EQUALITY,
  choice: EQUALITY,
  reference: [...EQUALITY, ...RANGE_OPERATORS],
  // a relationship to several collections: Payload's adapters match { relationTo, value } by
  // equality only, and its `.value` path by (not) equal
  polymorphic: ['equals', 'exists'],
  polymorphicValue: ['equals', 'not_equals', 'exists'],
  join: EQUALITY,
  richText: EQUALITY,
  // a JSON field as a whole (Postgres cannot compare it as text); inside it, ranges are the query
  // guard's to refuse, with its own reason
  json: EQUALITY,
  jsonKey: [...EQUALITY, ...RANGE_OPERATORS, ...TEXT_MATCH],
  point: ['equals', 'not_equals', 'exists', 'near', 'within', 'intersects'],
}

const CONTAINS_MANY = new Set<Kind>(['reference', 'text', 'number', 'choice'])

const KIND_WORDS: Record<Kind, string> = {
  id: 'an id',
  text: 'a text field',
  number: 'a number field',
  date: 'a date field',
  checkbox: 'a yes/no field',
  choice: 'a choice field',
  reference: 'a relationship',
  polymorphic: 'a relationship to several collections',
  polymorphicValue: 'the id of a relationship to several collections',
  join: 'a list of related documents',
  richText: 'a rich text field',
  json: 'a JSON field as a whole (filter on a key inside it)',
  jsonKey: 'a value inside a JSON field',
  point: 'a point',
}

/** Where a path ends: the kind of value, whether the field holds several, and what it accepts. */
type Target = { kind: Kind; many: boolean; idType: IdType; options?: Set<string> }

const isBoolean = (value: unknown) => typeof value === 'boolean' || value === 'true' || value === 'false'
const isNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
const isDate = (value: unknown) => value instanceof Date || ((typeof value === 'string' || typeof value === 'number') && !Number.isNaN(new Date(value).getTime()))
const hasNul = (value: unknown): boolean => (typeof value === 'string' ? value.includes('\u0000') : Array.isArray(value) ? value.some(hasNul) : value !== null && typeof value === 'object' ? Object.values(value).some(hasNul) : false)
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const fieldNamed = (fields: FlattenedField[], name: string) => fields.find((field) => 'name' in field && field.name === name)

function optionValues(field: FlattenedField): Set<string> | undefined {
  if (!('options' in field) || !Array.isArray(field.options)) return undefined
  return new Set(field.options.map((option) => String(typeof option === 'string' ? option : option.value)))
}

/** The field a path ends on, or null when the path is Payload's to answer (unknown, JSON, polymorphic, a whole group). */
export function targetOf(slug: string, path: string, collectionOf: CollectionOf): Target | null {
  const segments = path.replace(/__/g, '.').split('.').filter(Boolean)
  let collection = collectionOf(slug)
  let fields = collection?.fields
  // inside an array or blocks row, `id` is the row's own (text) id, not the document's
  let inRow = false
  for (let i = 0; i < segments.length; i++) {
    if (!collection || !fields) return null
    const name = segments[i]!
    const rest = segments.slice(i + 1)
    if ((name === 'id' || name === '_id') && rest.length === 0) return inRow ? null : { kind: 'id', many: false, idType: collection.idType }
    const field = fieldNamed(fields, name)
    if (!field) return null
    switch (field.type) {
      case 'relationship':
      case 'upload': {
        const many = 'hasMany' in field && Boolean(field.hasMany)
        if (Array.isArray(field.relationTo)) {
          const targets = field.relationTo.map(collectionOf)
          if (rest.length === 0) return { kind: 'polymorphic', many, idType: collection.idType }
          if (rest.length === 1 && rest[0] === 'relationTo') return { kind: 'choice', many: false, idType: collection.idType, options: new Set(field.relationTo) }
          if (rest.length === 1 && rest[0] === 'value') {
            const idType = targets.every((t) => t?.idType === 'number') ? 'number' : 'text'
            return { kind: 'polymorphicValue', many, idType }
          }
          return null // into one of several collections: Payload's to answer
        }
        const target = collectionOf(field.relationTo)
        if (!target) return null
        if (rest.length === 0 || (rest.length === 1 && (rest[0] === 'id' || rest[0] === '_id'))) {
          return { kind: 'reference', many, idType: target.idType }
        }
        collection = target
        fields = target.fields
        inRow = false
        continue
      }
      case 'join': {
        if (Array.isArray(field.collection)) return null
        const target = collectionOf(field.collection)
        if (!target) return null
        if (rest.length === 0 || (rest.length === 1 && (rest[0] === 'id' || rest[0] === '_id'))) return { kind: 'join', many: true, idType: target.idType }
        collection = target
        fields = target.fields
        inRow = false
        continue
      }
      case 'group':
      case 'tab':
      case 'array':
        if (rest.length === 0) return null
        fields = field.flattenedFields
        inRow = inRow || field.type === 'array'
        continue
      case 'blocks':
        if (rest.length === 0) return null
        fields = field.blocks.flatMap((block) => block.flattenedFields)
        inRow = true
        continue
      case 'json':
        // the field itself or a key inside it; the query guard decides who may query which keys
        return { kind: rest.length ? 'jsonKey' : 'json', many: false, idType: collection.idType }
    }
    if (rest.length > 0) return null // a locale or a key after a plain field: Payload's to refuse
    const many = 'hasMany' in field && Boolean(field.hasMany)
    const idType = collection.idType
    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'email':
      case 'code':
        return { kind: 'text', many, idType }
      case 'number':
        return { kind: 'number', many, idType }
      case 'date':
        return { kind: 'date', many, idType }
      case 'checkbox':
        return { kind: 'checkbox', many, idType }
      case 'select':
      case 'radio':
        return { kind: 'choice', many, idType, options: optionValues(field) }
      case 'richText':
        return { kind: 'richText', many, idType }
      case 'point':
        return { kind: 'point', many, idType }
      default:
        return null
    }
  }
  return null
}

function valuesOf(operator: string, value: unknown): unknown[] {
  if (!LIST_OPERATORS.has(operator)) return [value]
  if (Array.isArray(value)) return value
  return typeof value === 'string' ? value.split(',') : [value]
}

function valueFits(target: Target, operator: string, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true
  if (operator === 'exists') return isBoolean(value)
  if (target.kind === 'point' || target.kind === 'richText' || target.kind === 'json' || target.kind === 'jsonKey') return true
  // { relationTo, value } for a relationship to several collections (Payload checks its parts)
  if (target.kind === 'polymorphic') return isRecord(value)
  if (typeof value === 'object' && !(value instanceof Date)) return false // `where[f][equals][x]=1`
  const ranged = (RANGE_OPERATORS as readonly string[]).includes(operator)
  switch (target.kind) {
    case 'id':
    case 'reference':
    case 'polymorphicValue':
    case 'join':
      return ranged ? target.idType !== 'number' || isNumber(value) : documentIdOf(value, target.idType) !== undefined
    case 'number':
      return isNumber(value)
    case 'date':
      return isDate(value)
    case 'checkbox':
      return isBoolean(value)
    case 'choice':
      return !target.options || target.options.has(String(value))
    default:
      return true
  }
}

/** What is wrong with one operator on a path, or null. */
function problemWith(path: string, target: Target, operator: string, value: unknown): string | null {
  // Payload's SQL adapters have no `all` (MongoDB's): it would fail in the database
  if (operator === 'all') return `The filter ${path} all is not supported: use in (any of the values), or one condition for each value joined by and.`
  // `contains` on a field of several values asks whether one of them is the value
  const applies = OPERATORS[target.kind].includes(operator) || (operator === 'contains' && target.many && CONTAINS_MANY.has(target.kind))
  if (!applies) return `The filter ${path} ${operator} does not apply to ${KIND_WORDS[target.kind]}.`
  if (!valuesOf(operator, value).every((one) => valueFits(target, operator, one))) {
    if (target.kind === 'choice' && operator !== 'exists') return `The filter ${path} ${operator} names a value that is not one of its options.`
    if (target.kind === 'polymorphic' && operator !== 'exists') return `The filter ${path} ${operator} needs { relationTo, value }: or filter on ${path}.value and ${path}.relationTo.`
    return `The filter ${path} ${operator} has a value of the wrong type.`
  }
  return null
}

/** Every condition of a `where` (and/or nested), each path with its operators and values. */
export function whereValueProblems(where: unknown, slug: string, collectionOf: CollectionOf): FieldProblem[] {
  const problems: FieldProblem[] = []
  const walk = (node: unknown) => {
    if (!isRecord(node)) return
    for (const [key, condition] of Object.entries(node as Where)) {
      if (key === 'and' || key === 'or') {
        if (Array.isArray(condition)) condition.forEach(walk)
        else if (isRecord(condition)) Object.values(condition).forEach(walk)
        continue
      }
      if (hasNul(condition) || hasNul(key)) {
        problems.push({ path: key, message: `The filter on ${key.replace(/\u0000/g, '')} contains a NUL character.` })
        continue
      }
      if (!isRecord(condition)) continue // `where[title]=x`: Payload refuses the path
      const target = targetOf(slug, key, collectionOf)
      if (!target) continue
      for (const [operator, value] of Object.entries(condition)) {
        const problem = problemWith(key, target, operator, value)
        if (problem) problems.push({ path: key, message: problem })
      }
    }
  }
  walk(where)
  return problems
}

/**
 * The row set a sort path crosses into, when it goes through a field that holds several rows or
 * documents (an array, blocks, a join) to one of their fields: a document has no one value there to
 * be sorted by (Postgres fails on it), or null.
 */
function severalRowsOnPath(slug: string, path: string, collectionOf: CollectionOf): string | null {
  const segments = path.replace(/__/g, '.').split('.').filter(Boolean)
  let fields = collectionOf(slug)?.fields
  for (let i = 0; i < segments.length - 1; i++) {
    const field = fields ? fieldNamed(fields, segments[i]!) : undefined
    if (!field) return null
    if (field.type === 'array' || field.type === 'blocks' || field.type === 'join') return segments.slice(0, i + 1).join('.')
    if (field.type === 'relationship' || field.type === 'upload') {
      if (Array.isArray(field.relationTo)) return null
      fields = collectionOf(field.relationTo)?.fields
    } else if (field.type === 'group' || field.type === 'tab') fields = field.flattenedFields
    else return null
  }
  return null
}

/** Sort paths (`a,-b` or a list) that cross into several rows of a document (severalRowsOnPath). */
export function sortProblems(sort: unknown, slug: string, collectionOf: CollectionOf): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const path of sortPaths(sort)) {
    const rows = severalRowsOnPath(slug, path, collectionOf)
    if (rows) problems.push({ path, message: `You cannot sort on ${path}: each document has several rows in ${rows}, so there is no one value to sort it by.` })
  }
  return problems
}

/**
 * The `where` and `sort` of each join a query asks for (`joins[sessions][where]`), checked
 * against the collection the join lists.
 */
export function joinWhereProblems(joins: unknown, slug: string, collectionOf: CollectionOf): FieldProblem[] {
  if (!isRecord(joins)) return []
  const fields = collectionOf(slug)?.fields ?? []
  const problems: FieldProblem[] = []
  for (const [path, query] of Object.entries(joins)) {
    if (!isRecord(query)) continue
    const field = fieldNamed(fields, path.split('.')[0]!)
    const joined = field?.type === 'join' && typeof field.collection === 'string' ? field.collection : null
    if (!joined) continue
    const found = [...whereValueProblems(query.where, joined, collectionOf), ...sortProblems(query.sort, joined, collectionOf)]
    problems.push(...found.map((p) => ({ ...p, path: `${path}.${p.path}` })))
  }
  return problems
}
