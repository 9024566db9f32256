/**
 * Values in a `where` that cannot match anything of their field's type ("abc" for an id or a
 * number, "notadate" for a date, a NUL anywhere) reach the database as NaN, an out-of-range
 * integer or an invalid byte and come back as a 500. Each is a 400 naming the field instead.
 * Only fields of the collection itself are checked; paths through relationships are left to
 * Payload (which refuses unknown paths with a 400).
 */
import type { FlattenedField, Where } from 'payload'

import { type IdType, documentIdOf } from '@/lib/documentId'

import type { FieldProblem } from './fieldTypes'

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const COMPARE_OPERATORS = new Set(['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'])
const EQUALITY_OPERATORS = new Set(['equals', 'not_equals', ...LIST_OPERATORS, ...COMPARE_OPERATORS])

const isBoolean = (value: unknown) => typeof value === 'boolean' || value === 'true' || value === 'false'
const isNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
const isDate = (value: unknown) => value instanceof Date || ((typeof value === 'string' || typeof value === 'number') && !Number.isNaN(new Date(value).getTime()))
const hasNul = (value: unknown): boolean => (typeof value === 'string' ? value.includes('\u0000') : Array.isArray(value) ? value.some(hasNul) : value !== null && typeof value === 'object' ? Object.values(value).some(hasNul) : false)

function valuesOf(operator: string, value: unknown): unknown[] {
  if (!LIST_OPERATORS.has(operator)) return [value]
  if (Array.isArray(value)) return value
  return typeof value === 'string' ? value.split(',') : [value]
}

function checkValue(field: FlattenedField | 'id', operator: string, value: unknown, idType: IdType): boolean {
  if (value === null || value === undefined || value === '') return true
  if (operator === 'exists') return isBoolean(value)
  if (!EQUALITY_OPERATORS.has(operator)) return true
  const type = field === 'id' ? 'id' : field.type
  if (type === 'id' || ((type === 'relationship' || type === 'upload') && field !== 'id' && 'relationTo' in field && typeof field.relationTo === 'string')) {
    return COMPARE_OPERATORS.has(operator) ? (idType === 'number' ? isNumber(value) : true) : documentIdOf(value, idType) !== undefined
  }
  if (type === 'number') return isNumber(value)
  if (type === 'date') return isDate(value)
  if (type === 'checkbox') return isBoolean(value)
  return true
}

export function whereValueProblems(where: unknown, fields: FlattenedField[], idType: IdType): FieldProblem[] {
  const problems: FieldProblem[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    for (const [key, condition] of Object.entries(node as Where)) {
      if (key === 'and' || key === 'or') {
        if (Array.isArray(condition)) condition.forEach(walk)
        continue
      }
      if (hasNul(condition)) {
        problems.push({ path: key, message: `The filter on ${key} contains a NUL character.` })
        continue
      }
      const field = key === 'id' ? ('id' as const) : fields.find((candidate) => candidate.name === key)
      if (!field || !condition || typeof condition !== 'object') continue
      for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
        if (!valuesOf(operator, value).every((one) => checkValue(field, operator, one, idType))) {
          problems.push({ path: key, message: `The filter ${key} ${operator} has a value of the wrong type.` })
        }
      }
    }
  }
  walk(where)
  return problems
}
