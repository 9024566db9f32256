/**
 * Strict types for what a request writes: each value must have its field's type (a number for a
 * number field, text for text, true/false for a checkbox, a date, an id for a relationship...).
 * Payload coerces some of these and fails on others with a 500 deep in a hook; a wrong type is a
 * 400 naming the field instead. Number fields hold whole numbers (money is an integer of minor
 * units) unless marked `custom: { decimal: true }`.
 */
import type { Field } from 'payload'

import { type IdType, documentIdOf } from '@/lib/documentId'

export type FieldProblem = { path: string; message: string }

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Upload collections' image focal point is a fraction. */
const DECIMAL_BY_NAME = new Set(['focalX', 'focalY'])

function checkOne(field: Field, value: unknown, path: string, idType: IdType, problems: FieldProblem[]): void {
  if (value === null || value === undefined) return
  const fail = (message: string): void => {
    problems.push({ path, message })
  }
  switch (field.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${path} must be a number${typeof value === 'string' ? ', not text' : ''}.`)
      const decimal = (field.custom as { decimal?: boolean } | undefined)?.decimal || DECIMAL_BY_NAME.has(field.name)
      if (!decimal && !Number.isSafeInteger(value)) return fail(`${path} must be a whole number.`)
      return
    }
    case 'text':
    case 'textarea':
    case 'code':
    case 'email':
      if (typeof value !== 'string') return fail(`${path} must be text.`)
      return
    case 'checkbox':
      if (typeof value !== 'boolean') return fail(`${path} must be true or false.`)
      return
    case 'date':
      if (!(value instanceof Date) && !(typeof value === 'string' && !Number.isNaN(Date.parse(value)))) return fail(`${path} must be a date.`)
      return
    case 'select':
    case 'radio':
      if (typeof value !== 'string') return fail(`${path} must be one of its options.`)
      return
    case 'relationship':
    case 'upload': {
      const polymorphic = Array.isArray(field.relationTo)
      const ok = polymorphic
        ? isPlainObject(value) && typeof value.relationTo === 'string' && (field.relationTo as string[]).includes(value.relationTo) && isReference(value.value, idType)
        : isReference(value, idType)
      if (!ok) return fail(`${path} must be the id of a document.`)
      return
    }
    default:
      return
  }
}

/** An id, or a document (as the admin panel may send back) with an id. */
function isReference(value: unknown, idType: IdType): boolean {
  if (isPlainObject(value)) return documentIdOf(value.id, idType) !== undefined
  return documentIdOf(value, idType) !== undefined
}

/** The problems with `data` against `fields` (only the fields it holds: updates are partial). */
export function fieldTypeProblems(fields: Field[], data: unknown, idType: IdType, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!isPlainObject(data)) {
    problems.push({ path: prefix || 'data', message: `${prefix || 'The data'} must be an object.` })
    return problems
  }
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) {
          if (data[tab.name] !== undefined && data[tab.name] !== null) problems.push(...fieldTypeProblems(tab.fields, data[tab.name], idType, `${prefix}${tab.name}.`))
        } else problems.push(...fieldTypeProblems(tab.fields, data, idType, prefix))
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) problems.push(...fieldTypeProblems(field.fields, data, idType, prefix))
      continue
    }
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (value === undefined || value === null) continue
    if (field.type === 'group') {
      problems.push(...fieldTypeProblems(field.fields, value, idType, `${path}.`))
      continue
    }
    // The admin panel's form state holds a list's row count where it sends no rows (an empty or
    // read-only list); Payload's own validation takes a count as the list's length, so do we.
    if ((field.type === 'array' || field.type === 'blocks') && isRowCount(value)) continue
    if (field.type === 'array') {
      if (!Array.isArray(value)) problems.push({ path, message: `${path} must be a list.` })
      else value.forEach((row, index) => problems.push(...fieldTypeProblems(field.fields, row, idType, `${path}.${index}.`)))
      continue
    }
    if (field.type === 'blocks') {
      if (!Array.isArray(value)) problems.push({ path, message: `${path} must be a list.` })
      else
        value.forEach((row, index) => {
          const block = isPlainObject(row) ? field.blocks.find((candidate) => candidate.slug === row.blockType) : undefined
          if (!block) problems.push({ path: `${path}.${index}`, message: `${path}.${index} must be one of its blocks.` })
          else problems.push(...fieldTypeProblems(block.fields, row, idType, `${path}.${index}.`))
        })
      continue
    }
    const many = ('hasMany' in field && field.hasMany) || false
    if (many) {
      if (!Array.isArray(value)) problems.push({ path, message: `${path} must be a list.` })
      else value.forEach((item, index) => checkOne(field, item, `${path}.${index}`, idType, problems))
    } else checkOne(field, value, path, idType, problems)
  }
  return problems
}

/** A whole number of rows, 0 or more: what the admin panel sends for a list it sends no rows of. */
function isRowCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}
