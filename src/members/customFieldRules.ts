/**
 * Custom member fields (SPEC §10, issue 15 point 2): the rules, pure. Admins define fields
 * (collections/member-fields); each person's values live in `users.customFields`, an object keyed
 * by the field's key. Which definitions exist, who reads and who fills in a value, what a valid
 * value of each type is, and how a change sent by someone is applied, are decided here; the
 * Payload glue (loading definitions, hooks, the stored form) is in src/members/customFields.ts.
 */
export const CUSTOM_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'choice', 'checkbox'] as const
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number]

export const CUSTOM_FIELD_TYPE_LABELS: Record<CustomFieldType, string> = {
  text: 'Text (one line)',
  textarea: 'Long text',
  number: 'Number',
  date: 'Date',
  choice: 'Choice (one of a list)',
  checkbox: 'Yes / no',
}

/** `members`: the person themself and the staff; `staff`: the staff only. */
export const AUDIENCES = ['members', 'staff'] as const
export type CustomFieldAudience = (typeof AUDIENCES)[number]

export type CustomFieldOption = { label: string; value: string }

export type CustomFieldDefinition = {
  id: number | string
  key: string
  label: string
  type: CustomFieldType
  options?: CustomFieldOption[] | null
  required?: boolean | null
  helpText?: string | null
  order?: number | null
  visibleTo: CustomFieldAudience
  editableBy: CustomFieldAudience
  directoryEligible?: boolean | null
  sensitive?: boolean | null
  archived?: boolean | null
}

export type CustomValue = string | number | boolean
export type CustomValues = Record<string, CustomValue>

/**
 * A key is a machine name: lower-case letters, digits and single underscores, starting with a
 * letter. It becomes a filter path (`where[customFields.<key>]`), so nothing else is allowed in it
 * (Payload splits paths on `.` and `__`, and the database adapters accept only word characters).
 */
export const KEY_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/
export const MAX_KEY_LENGTH = 40
/** At most this many definitions, archived ones included. */
export const MAX_DEFINITIONS = 100
export const MAX_OPTIONS = 100
/**
 * A choice's stored value is what a filter names (`where[customFields.<key>][equals]=<value>`), so it
 * holds only what the database adapters accept in a filter on a JSON value.
 */
export const OPTION_VALUE_PATTERN = /^[\w @.+:-]+$/
export const MAX_LENGTH: Record<'text' | 'textarea', number> = { text: 500, textarea: 5000 }

export function keyProblem(key: unknown): string | null {
  if (typeof key !== 'string' || !key) return 'Give the field a key (its machine name), e.g. "licence_number".'
  if (key.length > MAX_KEY_LENGTH) return `A key is at most ${MAX_KEY_LENGTH} characters.`
  if (!KEY_PATTERN.test(key)) return 'A key is lower-case letters, digits and single underscores, starting with a letter, e.g. "licence_number".'
  return null
}

/** A label turned into a key: "Licence number" → "licence_number". */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, MAX_KEY_LENGTH)
    .replace(/_+$/, '')
  return key || 'field'
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

function isCalendarDate(value: string): boolean {
  const match = DATE_ONLY.exec(value)
  if (!match) return false
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export const isEmptyValue = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '')

export type ValueCheck = { ok: true; value: CustomValue } | { ok: false; message: string }

/** Whether a (non-empty) value fits its definition, and the value as it is kept (text trimmed). */
export function checkValue(definition: CustomFieldDefinition, value: unknown): ValueCheck {
  const { label } = definition
  switch (definition.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return { ok: false, message: `${label} must be text.` }
      const text = definition.type === 'text' ? value.trim() : value.replace(/\r\n/g, '\n').trim()
      if (definition.type === 'text' && /[\r\n]/.test(text)) return { ok: false, message: `${label} is one line of text.` }
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false, message: `${label} contains characters that are not text.` }
      const max = MAX_LENGTH[definition.type]
      if (text.length > max) return { ok: false, message: `${label} is at most ${max} characters.` }
      return { ok: true, value: text }
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, message: `${label} must be a number.` }
      if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, message: `${label} is too large.` }
      return { ok: true, value }
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) return { ok: false, message: `${label} must be a date written YYYY-MM-DD, e.g. 2026-03-31.` }
      return { ok: true, value }
    case 'choice': {
      const options = definition.options ?? []
      if (typeof value !== 'string' || !options.some((option) => option.value === value)) {
        return { ok: false, message: `${label} must be one of: ${options.map((option) => option.value).join(', ')}.` }
      }
      return { ok: true, value }
    }
    case 'checkbox':
      if (typeof value !== 'boolean') return { ok: false, message: `${label} must be true or false.` }
      return { ok: true, value }
  }
}

/** A value as people read it: a choice's label, "Yes"/"No", a date as written. */
export function formatValue(definition: CustomFieldDefinition | undefined, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (definition?.type === 'checkbox') return value === true ? 'Yes' : 'No'
  if (definition?.type === 'choice') return definition.options?.find((option) => option.value === value)?.label ?? String(value)
  return String(value)
}

/**
 * Who is asking, as far as custom values go. `system`: Hangar itself (a Local API call with
 * access overridden). `self`: the person the values belong to (or a visitor creating their own
 * account). `staffRead` / `staffEdit`: from the matrix (`customFieldValueRules`).
 */
export type ValueActor = { system: boolean; self: boolean; staffRead: boolean; staffEdit: boolean }

/** May the actor read this field's value of the person? Archived fields are not shown to members. */
export function canReadValue(definition: CustomFieldDefinition | undefined, actor: ValueActor): boolean {
  if (actor.system || actor.staffRead) return true
  if (!definition) return false
  return actor.self && definition.visibleTo === 'members' && !definition.archived
}

/** May the actor change this field's value of the person? Only the system changes an archived field's value. */
export function canEditValue(definition: CustomFieldDefinition | undefined, actor: ValueActor): boolean {
  if (!definition) return false
  if (actor.system) return true
  if (definition.archived) return false
  if (actor.staffEdit) return true
  return actor.self && definition.visibleTo === 'members' && definition.editableBy === 'members'
}

/** Of the values, those the actor may read. */
export function readableValues(definitions: readonly CustomFieldDefinition[], values: unknown, actor: ValueActor): CustomValues {
  if (!isPlainObject(values)) return {}
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const out: CustomValues = {}
  for (const [key, value] of Object.entries(values)) {
    if (isEmptyValue(value)) continue
    if (canReadValue(byKey.get(key), actor)) out[key] = value as CustomValue
  }
  return out
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type ValueProblem = { path: string; message: string }
export type ApplyResult =
  | { outcome: 'ok'; values: CustomValues; changed: string[] }
  | { outcome: 'invalid'; problems: ValueProblem[] }
  | { outcome: 'forbidden'; message: string }

const PATH = (key: string) => `customFields.${key}`
const same = (a: unknown, b: unknown) => (isEmptyValue(a) && isEmptyValue(b)) || a === b

/**
 * Applies what someone sent for `customFields` to the values a person has. A key sent is set
 * (empty or null clears it); a key not sent is kept, so a form or an integration sends only what
 * it changes. Refused, with nothing changed:
 * - a key that names no field, or a field the actor may not read (both answer the same, so a
 *   refusal tells nothing about a staff-only field): 400;
 * - a new value for a field the actor may read but not fill in (staff-only, archived): 403; the
 *   value they read, sent back unchanged, is accepted;
 * - a value of the wrong type, or not one of a choice's options: 400 naming the field;
 * - `requireFilled`: a required field the actor fills in left empty (a member saving their
 *   profile: the member-editable ones; staff saving a person: the staff-only ones): 400.
 */
export function applyValueChanges(args: {
  definitions: readonly CustomFieldDefinition[]
  previous: unknown
  incoming: unknown
  actor: ValueActor
  requireFilled: boolean
}): ApplyResult {
  const { definitions, actor } = args
  if (args.incoming !== null && args.incoming !== undefined && !isPlainObject(args.incoming)) {
    return { outcome: 'invalid', problems: [{ path: 'customFields', message: 'Custom fields are sent as an object of key: value.' }] }
  }
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const previous = isPlainObject(args.previous) ? args.previous : {}
  const values: CustomValues = {}
  for (const [key, value] of Object.entries(previous)) if (!isEmptyValue(value)) values[key] = value as CustomValue
  const problems: ValueProblem[] = []
  const changed: string[] = []
  for (const [key, sent] of Object.entries(args.incoming ?? {})) {
    const definition = byKey.get(key)
    if (!canReadValue(definition, actor) || (!definition && !(key in values))) {
      problems.push({ path: PATH(key), message: `There is no custom field "${key}" that you can fill in.` })
      continue
    }
    if (!canEditValue(definition, actor)) {
      if (same(sent, values[key])) continue
      // a value kept from a field since deleted: the system may clear it (erasure)
      if (!definition && actor.system && isEmptyValue(sent)) {
        changed.push(key)
        delete values[key]
        continue
      }
      const why = !definition || definition.archived ? 'is no longer in use' : 'is filled in by the staff'
      return { outcome: 'forbidden', message: `${definition?.label ?? key} ${why}: you cannot change it.` }
    }
    if (isEmptyValue(sent)) {
      if (key in values) changed.push(key)
      delete values[key]
      continue
    }
    const check = checkValue(definition!, sent)
    if (!check.ok) {
      problems.push({ path: PATH(key), message: check.message })
      continue
    }
    if (values[key] !== check.value) changed.push(key)
    values[key] = check.value
  }
  if (args.requireFilled) {
    for (const definition of definitions) {
      if (!definition.required || definition.archived || !canEditValue(definition, actor)) continue
      // the person fills in theirs (a staff member's own profile too); the staff fill in those only they may
      if (actor.self ? definition.editableBy !== 'members' || definition.visibleTo !== 'members' : definition.editableBy === 'members') continue
      if (isEmptyValue(values[definition.key]) && !problems.some((problem) => problem.path === PATH(definition.key))) {
        problems.push({ path: PATH(definition.key), message: `${definition.label} is required.` })
      }
    }
  }
  if (problems.length) return { outcome: 'invalid', problems }
  return { outcome: 'ok', values, changed }
}

/**
 * The directory keys a person shows (`directory.showCustom`), checked: each must be a field that
 * may be shown in the directory and that members see. A key already chosen stays accepted (an
 * admin may since have made the field ineligible; the directory then simply does not show it).
 */
export function checkDirectoryChoices(definitions: readonly CustomFieldDefinition[], previous: unknown, incoming: unknown): { ok: true; keys: string[] } | { ok: false; message: string } {
  if (incoming === null || incoming === undefined) return { ok: true, keys: [] }
  if (!Array.isArray(incoming) || incoming.some((key) => typeof key !== 'string')) return { ok: false, message: 'The custom fields shown in the directory are a list of keys.' }
  const before = new Set(Array.isArray(previous) ? previous.filter((key): key is string => typeof key === 'string') : [])
  const keys = [...new Set(incoming as string[])]
  for (const key of keys) {
    if (before.has(key)) continue
    const definition = definitions.find((candidate) => candidate.key === key)
    if (!definition || !isDirectoryEligible(definition)) return { ok: false, message: `"${key}" is not a custom field that can be shown in the member directory.` }
  }
  return { ok: true, keys }
}

export function isDirectoryEligible(definition: CustomFieldDefinition): boolean {
  return Boolean(definition.directoryEligible) && definition.visibleTo === 'members' && !definition.archived
}

/** Operators a filter on a custom value may use (those both database adapters run on a JSON value). */
export const QUERY_OPERATORS = new Set(['equals', 'not_equals', 'in', 'not_in', 'exists', 'like', 'contains'])

/**
 * A filter value as the stored values are typed: a query string says "42" and "true", the stored
 * value is 42 and true, and a JSON comparison does not convert.
 */
export function queryValueFor(definition: CustomFieldDefinition, operator: string, value: unknown): unknown {
  if (operator === 'exists') return value === true || value === 'true'
  if (operator === 'in' || operator === 'not_in') {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
    return list.map((one) => queryValueFor(definition, 'equals', one))
  }
  if (operator !== 'equals' && operator !== 'not_equals') return value
  if (definition.type === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  if (definition.type === 'checkbox' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}
