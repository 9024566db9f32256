/**
 * Relationship and upload ids a write names must name documents that exist. Without this, a
 * missing id reaches the database's foreign key and the request ends in a 500; with it, the
 * request is a 400 naming the field. One query per collection named, only for writes that come
 * from outside (REST and GraphQL) and only for ids the request has not just read itself
 * (src/lib/knownDocuments.ts); the server's own writes name what they have just read.
 */
import type { Collection, CollectionBeforeChangeHook, Field, Payload, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

import { documentIdOf } from '@/lib/documentId'
import { knownToExist } from '@/lib/knownDocuments'

import type { FieldProblem } from './fieldTypes'

export type Reference = { path: string; collection: string; id: number | string }

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** The id in a relationship value: an id, a document with one, or (polymorphic) `{ relationTo, value }`. */
function referenceIn(field: Field & { relationTo: string | string[] }, value: unknown): { collection: string; id: unknown } | undefined {
  if (Array.isArray(field.relationTo)) {
    if (!isPlainObject(value) || typeof value.relationTo !== 'string') return undefined
    const inner = isPlainObject(value.value) ? value.value.id : value.value
    return { collection: value.relationTo, id: inner }
  }
  return { collection: field.relationTo, id: isPlainObject(value) ? value.id : value }
}

/** Every relationship and upload id `data` holds, with its path (nested groups, tabs, lists and blocks included). */
export function collectReferences(fields: Field[], data: unknown, prefix = '', found: Reference[] = []): Reference[] {
  if (!isPlainObject(data)) return found
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) collectReferences(tab.fields, data[tab.name], `${prefix}${tab.name}.`, found)
        else collectReferences(tab.fields, data, prefix, found)
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) collectReferences(field.fields, data, prefix, found)
      continue
    }
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (value === undefined || value === null) continue
    if (field.type === 'group') collectReferences(field.fields, value, `${path}.`, found)
    else if (field.type === 'array' && Array.isArray(value)) value.forEach((row, index) => collectReferences(field.fields, row, `${path}.${index}.`, found))
    else if (field.type === 'blocks' && Array.isArray(value))
      value.forEach((row, index) => {
        const block = isPlainObject(row) ? field.blocks.find((candidate) => candidate.slug === row.blockType) : undefined
        if (block) collectReferences(block.fields, row, `${path}.${index}.`, found)
      })
    else if (field.type === 'relationship' || field.type === 'upload') {
      const values = Array.isArray(value) ? value.map((item, index) => [item, `${path}.${index}`] as const) : [[value, path] as const]
      for (const [item, itemPath] of values) {
        const reference = referenceIn(field, item)
        if (reference && reference.id !== undefined && reference.id !== null) found.push({ path: itemPath, collection: reference.collection, id: reference.id as number | string })
      }
    }
  }
  return found
}

/** The references that name no document: one query per collection named. */
export async function missingReferences(payload: Payload, references: Reference[], req?: PayloadRequest): Promise<Reference[]> {
  const byCollection = new Map<string, Reference[]>()
  for (const reference of references) byCollection.set(reference.collection, [...(byCollection.get(reference.collection) ?? []), reference])
  const missing: Reference[] = []
  for (const [collection, named] of byCollection) {
    const config = collectionNamed(payload, collection)?.config
    if (!config) {
      missing.push(...named)
      continue
    }
    const idType = config.flattenedFields.some((field) => field.name === 'id' && field.type === 'text') ? 'text' : 'number'
    const ids = [...new Set(named.map((reference) => documentIdOf(reference.id, idType)).filter((id) => id !== undefined))]
    const existing = new Set<string>()
    if (ids.length) {
      const found = await payload.find({
        collection: collection as never,
        where: { id: { in: ids } },
        select: {} as never,
        depth: 0,
        limit: ids.length,
        pagination: false,
        overrideAccess: true,
        req,
      })
      for (const doc of found.docs) existing.add(String((doc as { id: number | string }).id))
    }
    for (const reference of named) {
      const id = documentIdOf(reference.id, idType)
      if (id === undefined || !existing.has(String(id))) missing.push(reference)
    }
  }
  return missing
}

/**
 * A collection `beforeChange` hook, run after field access has dropped what the user may not
 * write (so nothing here tells them whether a document they could not name exists): a write from
 * outside that names a missing document is a 400 naming the field.
 */
export const refuseMissingReferences: CollectionBeforeChangeHook = async ({ collection, data, req }) => {
  if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return data
  // what the request's own hooks just read, and the signed-in person, are not asked for again
  const references = collectReferences(collection.fields, data).filter((reference) => !knownToExist(req, reference.collection, reference.id))
  if (!references.length) return data
  const missing = await missingReferences(req.payload, references, req)
  if (missing.length) {
    const errors: FieldProblem[] = missing.map((reference) => ({ path: reference.path, message: `${reference.path}: there is no ${singularOf(req.payload, reference.collection)} ${String(reference.id)}.` }))
    throw new ValidationError({ collection: collection.slug, errors })
  }
  return data
}

function singularOf(payload: Payload, slug: string): string {
  const label = collectionNamed(payload, slug)?.config.labels?.singular
  return (typeof label === 'string' ? label : slug).toLowerCase()
}

function collectionNamed(payload: Payload, slug: string): Collection | undefined {
  return (payload.collections as Record<string, Collection | undefined>)[slug]
}
