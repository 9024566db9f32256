import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'
import { ValidationError } from 'payload'

import type { MemberField } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { keyFromLabel, keyProblem, MAX_DEFINITIONS, MAX_OPTIONS, OPTION_VALUE_PATTERN } from '@/members/customFieldRules'
import { countValues, forgetDefinitions, MEMBER_FIELDS } from '@/members/customFields'

type Problem = { path: string; message: string }

/**
 * A definition is consistent before it is saved:
 * - the key is a machine name (made from the label when left empty), and it and the type cannot
 *   change while people have a value for the field (their values would be lost or wrong);
 * - a choice has options, each value filterable and given once;
 * - a field the staff alone see is filled in by the staff alone and never shown in the directory.
 */
export const guardDefinition: CollectionBeforeChangeHook<MemberField> = async ({ data, operation, originalDoc, req }) => {
  const problems: Problem[] = []
  const merged = { ...originalDoc, ...data } as MemberField
  if (operation === 'create') {
    const { totalDocs } = await req.payload.count({ collection: MEMBER_FIELDS, overrideAccess: true, req })
    if (totalDocs >= MAX_DEFINITIONS) throw new RefusedError(`There can be at most ${MAX_DEFINITIONS} member fields; archive or delete one first.`, 409)
    if (!data.key && typeof data.label === 'string') data.key = keyFromLabel(data.label)
  }
  if (typeof data.key === 'string') data.key = data.key.trim()
  const key = data.key ?? originalDoc?.key
  const keyIssue = keyProblem(key)
  if (keyIssue) problems.push({ path: 'key', message: keyIssue })

  if (operation === 'update' && originalDoc) {
    const keyChanged = data.key !== undefined && data.key !== originalDoc.key
    const typeChanged = data.type !== undefined && data.type !== originalDoc.type
    // values are sealed or not as they are written: a field's values never stand half encrypted
    const sensitiveChanged = data.sensitive !== undefined && Boolean(data.sensitive) !== Boolean(originalDoc.sensitive)
    if (keyChanged || typeChanged || sensitiveChanged) {
      const inUse = await countValues(req, originalDoc.key ?? '')
      if (inUse > 0) {
        const people = `${inUse} ${inUse === 1 ? 'person has' : 'people have'} a value for it`
        if (keyChanged) problems.push({ path: 'key', message: `The key cannot change: ${people}.` })
        if (typeChanged) problems.push({ path: 'type', message: `The type cannot change: ${people}. Archive this field and add a new one instead.` })
        if (sensitiveChanged) problems.push({ path: 'sensitive', message: `Whether it is sensitive (stored encrypted) cannot change: ${people}. Archive this field and add a new one instead.` })
      }
    }
  }

  if (merged.type === 'choice') {
    const options = merged.options ?? []
    if (options.length === 0) problems.push({ path: 'options', message: 'A choice needs at least one option.' })
    if (options.length > MAX_OPTIONS) problems.push({ path: 'options', message: `A choice has at most ${MAX_OPTIONS} options.` })
    const seen = new Set<string>()
    options.forEach((option, index) => {
      const value = (option.value ?? '').trim() || (option.label ?? '').trim()
      option.value = value
      if (!OPTION_VALUE_PATTERN.test(value)) problems.push({ path: `options.${index}.value`, message: 'An option’s value is letters, digits, spaces and _ . @ + : - only.' })
      else if (seen.has(value)) problems.push({ path: `options.${index}.value`, message: `The value "${value}" is given twice.` })
      seen.add(value)
    })
    if (data.options === undefined && operation === 'update') data.options = options
  }

  if (merged.visibleTo === 'staff') {
    data.editableBy = 'staff'
    data.directoryEligible = false
  }
  if (problems.length) throw new ValidationError({ collection: MEMBER_FIELDS, errors: problems }, req.t)
  return data
}

/** A field people have values for is archived rather than deleted: their values stay theirs (and are exported). */
export const refuseDeletingUsedDefinition: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const definition = (await req.payload.findByID({ collection: MEMBER_FIELDS, id, depth: 0, overrideAccess: true, disableErrors: true, req })) as MemberField | null
  if (!definition) return
  const inUse = definition.key ? await countValues(req, definition.key) : 0
  if (inUse > 0) {
    throw new RefusedError(`“${definition.label}” cannot be deleted: ${inUse} ${inUse === 1 ? 'person has' : 'people have'} a value for it. Archive it instead (its values stay, and it is no longer shown or asked).`, 409)
  }
}

/** The definitions read earlier in this request are out of date. */
export const forgetCachedDefinitions: CollectionAfterChangeHook & CollectionAfterDeleteHook = ({ doc, req }) => {
  forgetDefinitions(req)
  return doc
}
