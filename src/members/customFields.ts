/**
 * Custom member fields, the Payload side (issue 15 point 2; the rules are in customFieldRules.ts).
 *
 * Every read and write of a person's custom values goes through this module:
 * - `customFieldsField()` is the `users.customFields` JSON field: its hooks apply a change as the
 *   rules say (beforeValidate), turn each value into its stored form (beforeChange, `toStored`) and
 *   back (afterRead, `fromStored`), and leave out of every read what the reader may not see (their
 *   own staff-only values too), also in populated documents and GraphQL;
 * - `refuseCustomFieldQuery` is the query guard's check for a filter or sort on a value
 *   (plugins/query-guard): nobody learns a value they may not read from a `where`;
 * - `prepareCustomFieldQuery` types the values of a filter on custom values and refuses operators
 *   the database cannot run on them;
 * - exports, erasure, the directory and the audit trail read values through `valuesOf` and
 *   `definitionsOf`.
 *
 * Values of fields marked sensitive are sealed at rest in `toStored` and opened in `fromStored`
 * (src/privacy/fieldEncryption.ts): every stored value passes through them, and nothing else
 * reads or writes the column except the key rotation (src/privacy/rekey.ts).
 */
import type { CollectionBeforeOperationHook, FieldHook, JSONField, PayloadRequest, TextField, Where } from 'payload'
import { ValidationError } from 'payload'

import { customFieldValueRules } from '@/access/matrix'
import { canField, reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { eq, tableOf, transactionDb } from '@/lib/db'
import { RefusedError } from '@/lib/errors'
import { FieldDecryptionError, isSealed, openValue, reportUnreadable, sealValue, UNAVAILABLE_VALUE } from '@/privacy/fieldEncryption'

import type { CustomFieldDefinition, CustomValue, CustomValues, ValueActor } from './customFieldRules'
import { applyValueChanges, canReadValue, checkDirectoryChoices, formatValue, isDirectoryEligible, isPlainObject, QUERY_OPERATORS, queryValueFor, readableValues } from './customFieldRules'

export const MEMBER_FIELDS = 'member-fields'
const CACHE = 'hangarCustomFieldDefinitions'

/**
 * Every definition (archived ones too), ordered as people see them; read once per request (the
 * definitions are few and change rarely) and forgotten when one changes in that request.
 */
export function definitionsOf(req: PayloadRequest): Promise<CustomFieldDefinition[]> {
  const cached = req.context[CACHE] as Promise<CustomFieldDefinition[]> | undefined
  if (cached) return cached
  const loading = req.payload
    .find({ collection: MEMBER_FIELDS, sort: ['order', 'label'], limit: 1000, pagination: false, depth: 0, overrideAccess: true, req })
    .then(({ docs }) => docs as unknown as CustomFieldDefinition[])
  req.context[CACHE] = loading
  // a failed read is not remembered
  loading.catch(() => {
    if (req.context[CACHE] === loading) req.context[CACHE] = undefined
  })
  return loading
}

export function forgetDefinitions(req: PayloadRequest): void {
  req.context[CACHE] = undefined
}

/** Where a custom value is sealed: its path binds the ciphertext to this field of this collection. */
export const customValueContext = (key: string) => ({ collection: 'users', path: `customFields.${key}` })

/**
 * The stored form of one value: a sensitive field's value is sealed (src/privacy/fieldEncryption.ts,
 * its JSON under the field's own path), every other value is kept as it is. A sealed value says so
 * itself (its `enc:v1:` envelope), so `fromStored` needs no definition to open it: the system reads
 * the signed-in user on every request without looking definitions up.
 */
export function toStored(key: string, definition: CustomFieldDefinition | undefined, value: CustomValue): unknown {
  if (!definition?.sensitive || value === null || value === undefined) return value
  return sealValue(JSON.stringify(value), customValueContext(key))
}

/** One stored value as it was given: a sealed one opened (a value that cannot be opened reads as UNAVAILABLE_VALUE, logged once). */
export function fromStored(key: string, _definition: CustomFieldDefinition | undefined, stored: unknown, req?: PayloadRequest): CustomValue | undefined {
  if (stored === null || stored === undefined) return undefined
  if (!isSealed(stored)) return stored as CustomValue
  try {
    return JSON.parse(openValue(stored, customValueContext(key)) as string) as CustomValue
  } catch (error) {
    if (!(error instanceof FieldDecryptionError)) throw error
    reportUnreadable(error, req?.payload.logger)
    return UNAVAILABLE_VALUE
  }
}

function storedForm(definitions: readonly CustomFieldDefinition[], values: CustomValues): Record<string, unknown> {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, toStored(key, byKey.get(key), value)]))
}

function givenForm(definitions: readonly CustomFieldDefinition[], stored: unknown, req?: PayloadRequest): CustomValues {
  if (!isPlainObject(stored)) return {}
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const out: CustomValues = {}
  for (const [key, value] of Object.entries(stored)) {
    const given = fromStored(key, byKey.get(key), value, req)
    if (given !== undefined) out[key] = given
  }
  return out
}

/**
 * A person's values from their document as Payload read it for the system (access overridden:
 * every value, already in its given form). Documents are never read around Payload, so no value
 * is ever turned back from its stored form twice.
 */
export function valuesOf(person: { customFields?: unknown }): CustomValues {
  const out: CustomValues = {}
  if (!isPlainObject(person.customFields)) return out
  for (const [key, value] of Object.entries(person.customFields)) if (value !== null && value !== undefined) out[key] = value as CustomValue
  return out
}

/** What the system sends to clear every custom value of a person (erasure): each key set to null. */
export function clearedCustomValues(person: { customFields?: unknown }): Record<string, null> {
  return Object.fromEntries(Object.keys(valuesOf(person)).map((key) => [key, null]))
}

/** Who is asking, for the values of `personId` (undefined: a new account). */
export function valueActorOf(req: PayloadRequest, personId: unknown, overrideAccess: boolean | undefined): ValueActor {
  const user = req.user as Actor
  // the Local API overrides access unless told otherwise; a request a person makes does not
  if (overrideAccess) return { system: true, self: false, staffRead: true, staffEdit: true }
  return {
    system: false,
    self: user ? personId !== undefined && String(personId) === String(user.id) : personId === undefined,
    staffRead: Boolean(user) && canField(customFieldValueRules.staffRead, user, 'read', () => false),
    staffEdit: Boolean(user) && reachesAll(customFieldValueRules.staffEdit.collection, user, customFieldValueRules.staffEdit.operation),
  }
}

const applyChange: FieldHook = async ({ value, siblingData, originalDoc, operation, overrideAccess, req }) => {
  // not sent: Payload hands the hook the stored values as the value; they stay as they are
  if (siblingData?.customFields === undefined) return undefined
  const definitions = await definitionsOf(req)
  const actor = valueActorOf(req, operation === 'create' ? undefined : originalDoc?.id, overrideAccess)
  const result = applyValueChanges({
    definitions,
    previous: operation === 'create' ? {} : (originalDoc?.customFields ?? {}),
    incoming: value,
    actor,
    requireFilled: !actor.system,
  })
  if (result.outcome === 'forbidden') throw new RefusedError(result.message, 403)
  if (result.outcome === 'invalid') throw new ValidationError({ collection: 'users', errors: result.problems }, req.t)
  return result.values
}

const store: FieldHook = async ({ value, req, originalDoc }) => {
  if (!isPlainObject(value)) return value
  const stored = storedForm(await definitionsOf(req), value as CustomValues)
  // a sealed value that could not be opened (its key is not configured) reads as the placeholder;
  // saved back unchanged, the sealed value is kept rather than the placeholder
  const unreadable = Object.keys(value).filter((key) => value[key] === UNAVAILABLE_VALUE)
  const id = (originalDoc as { id?: unknown } | undefined)?.id
  if (unreadable.length && id !== undefined) {
    const table = tableOf(req.payload, 'users')
    const [row] = (await (await transactionDb(req)).select({ customFields: table.customFields }).from(table).where(eq(table.id, Number(id)))) as { customFields: unknown }[]
    const raw = typeof row?.customFields === 'string' ? (JSON.parse(row.customFields) as unknown) : row?.customFields
    for (const key of unreadable) if (isPlainObject(raw) && isSealed(raw[key])) stored[key] = raw[key]
  }
  return stored
}

const read: FieldHook = async ({ value, data, overrideAccess, req }) => {
  if (value === undefined || value === null) return value
  if (isPlainObject(value) && Object.keys(value).length === 0) return {}
  // the system reads every value and needs no definitions for it: Payload reads the signed-in user
  // this way on every request, so this path costs no query
  if (overrideAccess) return givenForm([], value, req)
  const definitions = await definitionsOf(req)
  const given = givenForm(definitions, value, req)
  return readableValues(definitions, given, valueActorOf(req, (data as { id?: unknown } | undefined)?.id ?? null, overrideAccess))
}

/**
 * For the query guard: may the asker filter or sort on `customFields.<key>` (`key` null: on the
 * object as a whole)? A member asking about a key they may not read, or one that does not exist,
 * gets the same refusal, so the answer tells nothing about staff-only fields.
 */
export async function refuseCustomFieldQuery(req: PayloadRequest, key: string | null): Promise<{ status: 400 | 403; message: string } | null> {
  const actor = valueActorOf(req, null, false)
  if (actor.staffRead) {
    if (key === null) return null
    const definition = (await definitionsOf(req)).find((candidate) => candidate.key === key)
    if (!definition) return { status: 400, message: `There is no custom field "${key}".` }
    // sealed with a fresh random IV each time: no filter or sort on them can match
    if (definition.sensitive) return { status: 400, message: `"customFields.${key}" is stored encrypted, so it cannot be filtered or sorted on.` }
    return null
  }
  const path = key === null ? 'customFields' : `customFields.${key}`
  const refusal = { status: 403 as const, message: `You are not allowed to filter or sort on "${path}".` }
  if (key === null) return refusal
  // a member filters only their own document (the users rules), on what they may read of it
  const definition = (await definitionsOf(req)).find((candidate) => candidate.key === key)
  return definition && canReadValue(definition, { ...actor, self: true }) ? null : refusal
}

function* customConditions(where: unknown): Generator<{ node: Record<string, unknown>; path: string; key: string }> {
  if (!isPlainObject(where)) return
  for (const [path, condition] of Object.entries(where)) {
    if ((path === 'and' || path === 'or') && Array.isArray(condition)) {
      for (const nested of condition) yield* customConditions(nested)
      continue
    }
    const segments = path.replace(/__/g, '.').split('.')
    if (segments[0] === 'customFields' && segments.length >= 2) yield { node: where, path, key: segments[1]! }
  }
}

/**
 * Filters on custom values: operators the database can run on a JSON value only (400 otherwise,
 * not a database error), and values typed as the stored values are. Sorting by a custom value is
 * not offered (400).
 */
export const prepareCustomFieldQuery: CollectionBeforeOperationHook = async ({ args, req }) => {
  const { where, sort } = args as { where?: unknown; sort?: unknown }
  const sorts = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  if (sorts.some((item) => typeof item === 'string' && /^-?customFields(\.|__|$)/.test(item.trim()))) {
    throw new RefusedError('Sorting by a custom field is not offered; filter by it instead.', 400)
  }
  if (!isPlainObject(where)) return args
  const conditions = [...customConditions(where)]
  if (conditions.length === 0) return args
  const definitions = await definitionsOf(req)
  for (const { node, path, key } of conditions) {
    const definition = definitions.find((candidate) => candidate.key === key)
    const condition = node[path]
    if (!isPlainObject(condition)) continue
    for (const [operator, value] of Object.entries(condition)) {
      if (!QUERY_OPERATORS.has(operator)) {
        throw new RefusedError(`A custom field can be filtered with ${[...QUERY_OPERATORS].join(', ')}; not with "${operator}".`, 400)
      }
      const typed = definition ? queryValueFor(definition, operator, value) : value
      if (operator === 'in' || operator === 'not_in') {
        // as one condition per value: the SQLite adapter writes an `in` list on a JSON value unquoted
        const list = Array.isArray(typed) ? typed : typeof typed === 'string' ? typed.split(',') : [typed]
        const each = list.map((one) => ({ [path]: { [operator === 'in' ? 'equals' : 'not_equals']: one } }))
        node.and = [...(Array.isArray(node.and) ? node.and : []), operator === 'in' ? { or: each } : { and: each }]
        delete condition[operator]
        if (Object.keys(condition).length === 0) delete node[path]
      } else {
        condition[operator] = typed
      }
    }
  }
  return args
}

/** `users.customFields`: a person's custom values, keyed by the field's key. */
export function customFieldsField(): JSONField {
  return {
    name: 'customFields',
    label: 'More about this person',
    type: 'json',
    hooks: { beforeValidate: [applyChange], beforeChange: [store], afterRead: [read] },
    typescriptSchema: [() => ({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] } })],
    custom: { refuseQuery: ({ req, key }: { req: PayloadRequest; key: string | null }) => refuseCustomFieldQuery(req, key) },
    admin: {
      components: { Field: '/src/admin/CustomFieldsField#CustomFieldsField' },
      description: 'The custom fields the admins defined (People → Member fields).',
    },
  }
}

const checkDirectoryKeys: FieldHook = async ({ value, siblingData, previousValue, originalDoc, operation, req }) => {
  if (siblingData?.showCustom === undefined) return undefined
  const previous = operation === 'create' ? [] : (previousValue ?? (originalDoc as { directory?: { showCustom?: unknown } } | undefined)?.directory?.showCustom)
  const result = checkDirectoryChoices(await definitionsOf(req), previous, value)
  if (!result.ok) throw new ValidationError({ collection: 'users', errors: [{ path: 'directory.showCustom', message: result.message }] }, req.t)
  return result.keys
}

/** `users.directory.showCustom`: the keys of the custom fields the person shows in the directory. */
export function directoryCustomChoicesField(): TextField {
  return {
    name: 'showCustom',
    label: 'Show these custom fields',
    type: 'text',
    hasMany: true,
    maxRows: 100,
    hooks: { beforeValidate: [checkDirectoryKeys] },
    admin: { description: 'Keys of the member fields (those that may be shown in the directory) this person shows.' },
  }
}

/** A member field as the member's profile page shows it: nothing about it the member may not know. */
export type ProfileField = Pick<CustomFieldDefinition, 'key' | 'label' | 'type' | 'options' | 'required' | 'helpText'> & { editable: boolean; directoryEligible: boolean }

/**
 * The fields a person's profile page shows (those members see, not archived; a staff member's own
 * profile too), with their values as the person reads them, and the directory choices.
 */
export async function profileFields(req: PayloadRequest, personId: number): Promise<{ fields: ProfileField[]; values: CustomValues; showCustom: string[] }> {
  const definitions = (await definitionsOf(req)).filter((definition) => definition.visibleTo === 'members' && !definition.archived)
  const person = (await req.payload.findByID({ collection: 'users', id: personId, select: { customFields: true, directory: { showCustom: true } }, depth: 0, overrideAccess: false, req })) as {
    customFields?: unknown
    directory?: { showCustom?: string[] | null }
  }
  const all = valuesOf(person)
  const values: CustomValues = {}
  for (const definition of definitions) if (all[definition.key] !== undefined) values[definition.key] = all[definition.key]!
  const fields = definitions.map((definition) => ({
    key: definition.key,
    label: definition.label,
    type: definition.type,
    options: definition.options?.map((option) => ({ label: option.label, value: option.value })) ?? null,
    required: Boolean(definition.required),
    helpText: definition.helpText ?? null,
    editable: definition.editableBy === 'members',
    directoryEligible: isDirectoryEligible(definition),
  }))
  return { fields, values, showCustom: person.directory?.showCustom ?? [] }
}

/**
 * What a profile form sent for the custom fields the person fills in (`custom.<key>` inputs), as
 * the API takes it; the server checks it again. A number that is not one is passed on as text, so
 * the answer names the field.
 */
export function customFieldsFromForm(fields: readonly ProfileField[], form: FormData): Record<string, CustomValue | null> {
  const out: Record<string, CustomValue | null> = {}
  for (const field of fields) {
    if (!field.editable) continue
    const name = `custom.${field.key}`
    if (field.type === 'checkbox') {
      out[field.key] = form.get(name) === 'on'
      continue
    }
    const text = String(form.get(name) ?? '')
    if (!text.trim()) {
      out[field.key] = null
      continue
    }
    out[field.key] = field.type === 'number' && Number.isFinite(Number(text.trim())) ? Number(text.trim()) : text
  }
  return out
}

/** How many people have a value for `key`, for the rule that a field in use keeps its key and type. */
export async function countValues(req: PayloadRequest, key: string): Promise<number> {
  const { totalDocs } = await req.payload.count({ collection: 'users', where: { [`customFields.${key}`]: { exists: true } } as Where, overrideAccess: true, req })
  return totalDocs
}

export type LabelledValue = { key: string; label: string; value: CustomValue; text: string; visibleTo: 'members' | 'staff'; archived: boolean }

/**
 * A person's values with their labels, for an export: all of them (`everything`, a subject access
 * request), or those the person sees themself (their own download). `person` as read for the system.
 */
export async function labelledValues(req: PayloadRequest, person: { customFields?: unknown }, everything: boolean): Promise<LabelledValue[]> {
  const definitions = await definitionsOf(req)
  const values = valuesOf(person)
  const out: LabelledValue[] = []
  const known = new Set<string>()
  for (const definition of definitions) {
    known.add(definition.key)
    const value = values[definition.key]
    if (value === undefined) continue
    if (!everything && definition.visibleTo !== 'members') continue
    out.push({ key: definition.key, label: definition.label, value, text: formatValue(definition, value), visibleTo: definition.visibleTo, archived: Boolean(definition.archived) })
  }
  if (everything) {
    for (const [key, value] of Object.entries(values)) {
      if (!known.has(key)) out.push({ key, label: key, value, text: String(value), visibleTo: 'staff', archived: true })
    }
  }
  return out
}

/**
 * For the audit trail: the saved document with a value the actor cleared set to null, so that the
 * clearing is a change (a key missing from a read is otherwise a value the reader may not see).
 */
export async function withClearedCustomValues<T extends Record<string, unknown>>(req: PayloadRequest, previous: Record<string, unknown> | null | undefined, doc: T): Promise<T> {
  const before = previous?.customFields
  const after = doc.customFields
  if (!isPlainObject(before) || !isPlainObject(after)) return doc
  const definitions = await definitionsOf(req)
  const actor = valueActorOf(req, doc.id, !req.user)
  const cleared = Object.keys(before).filter((key) => !(key in after) && canReadValue(definitions.find((definition) => definition.key === key), actor))
  if (cleared.length === 0) return doc
  return { ...doc, customFields: { ...after, ...Object.fromEntries(cleared.map((key) => [key, null])) } }
}

/** For the audit trail: of `customFields.<key>` changes, the values kept are those of fields not marked sensitive. */
export async function auditKeepsCustomValue(req: PayloadRequest): Promise<(field: string) => boolean> {
  const definitions = await definitionsOf(req)
  const plain = new Set(definitions.filter((definition) => !definition.sensitive).map((definition) => `customFields.${definition.key}`))
  return (field) => plain.has(field)
}
