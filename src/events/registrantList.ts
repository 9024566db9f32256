/**
 * The registrant list of an event or session (issue 19 point 7), pure: its columns (the
 * registration's own and one per question of the event's form), and the filter and sort an
 * organiser asks for, checked and typed before any SQL is built (src/events/registrantQuery.ts).
 * The list in the admin panel, its CSV file and the bulk email all read the same filter through
 * here, so they always agree on who is "the filtered list".
 *
 * A filter is `{ <column>: { <operator>: value } }`, e.g. `{ 'answers.dietary': { equals: 'vegetarian' },
 * 'answers.hours': { greater_than_equal: 100 }, registrationStatus: { in: ['payment_pending'] } }`
 * (in a query string: `filter[answers.dietary][equals]=vegetarian`). The sort is a column key,
 * `-` in front for descending.
 */
import type { EventQuestion } from './answers'
import { REGISTRATION_STATUSES, REGISTRATION_STATUS_LABELS } from './registrationStatus'

export type ColumnKind = 'text' | 'number' | 'date' | 'choice' | 'yes_no' | 'money'
export const RSVP_REPLY_STATUSES = ['going', 'waitlisted', 'cancelled', 'not_going'] as const

export type RegistrantColumn = {
  /** `name`, `registrationStatus`, `answers.dietary` */
  key: string
  label: string
  kind: ColumnKind
  choices?: readonly string[]
  /** For a question: its key in `answers`. */
  question?: string
}

export type FilterOperator = 'equals' | 'not_equals' | 'contains' | 'in' | 'greater_than_equal' | 'less_than_equal' | 'exists'
export type FilterValue = string | number | boolean | string[]
export type FilterCondition = { column: RegistrantColumn; operator: FilterOperator; value: FilterValue }
export type RegistrantSort = { column: RegistrantColumn; descending: boolean }

export const OPERATORS_BY_KIND: Record<ColumnKind, readonly FilterOperator[]> = {
  text: ['equals', 'not_equals', 'contains', 'exists'],
  choice: ['equals', 'not_equals', 'in', 'exists'],
  yes_no: ['equals', 'exists'],
  number: ['equals', 'not_equals', 'greater_than_equal', 'less_than_equal', 'exists'],
  money: ['equals', 'not_equals', 'greater_than_equal', 'less_than_equal', 'exists'],
  date: ['equals', 'greater_than_equal', 'less_than_equal', 'exists'],
}

/** The registration's own columns, in the order the list shows them. */
export const FIXED_COLUMNS: readonly RegistrantColumn[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'email', label: 'Email', kind: 'text' },
  { key: 'status', label: 'Reply', kind: 'choice', choices: RSVP_REPLY_STATUSES },
  { key: 'registrationStatus', label: 'Registration', kind: 'choice', choices: REGISTRATION_STATUSES },
  { key: 'guests', label: 'Guests', kind: 'number' },
  { key: 'amountDue', label: 'Amount due', kind: 'money' },
  { key: 'paid', label: 'Paid', kind: 'yes_no' },
  { key: 'paymentReference', label: 'Payment reference', kind: 'text' },
  { key: 'heldUntil', label: 'Held until', kind: 'date' },
  { key: 'checkedIn', label: 'Checked in', kind: 'yes_no' },
  { key: 'checkedInAt', label: 'Checked in at', kind: 'date' },
  { key: 'createdAt', label: 'Registered at', kind: 'date' },
]

/** Labels a person reads for stored values (registration statuses). */
export const VALUE_LABELS: Record<string, string> = { ...REGISTRATION_STATUS_LABELS, going: 'Going', waitlisted: 'Waitlisted', not_going: 'Not going' }

/** Only keys that are safe to name in a JSON path on both databases are filterable and sortable. */
const SAFE_KEY = /^[A-Za-z0-9_-]{1,64}$/

/** Every column of the event's list: the fixed ones, then one per question of its form. */
export function registrantColumns(questions: readonly EventQuestion[] | null | undefined): RegistrantColumn[] {
  const columns = [...FIXED_COLUMNS]
  for (const question of questions ?? []) {
    if (!question?.key || !SAFE_KEY.test(question.key)) continue
    const kind: ColumnKind = (['text', 'number', 'date', 'choice', 'yes_no'] as const).find((k) => k === question.kind) ?? 'text'
    columns.push({ key: `answers.${question.key}`, label: question.label || question.key, kind, choices: kind === 'choice' ? (question.choices ?? []) : undefined, question: question.key })
  }
  return columns
}

export class RegistrantQueryError extends Error {}

const MAX_TEXT = 200
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

const YES = new Set(['true', 'yes', '1'])
const NO = new Set(['false', 'no', '0'])

function parseBoolean(column: RegistrantColumn, raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw
  const text = String(raw).trim().toLowerCase()
  if (YES.has(text)) return true
  if (NO.has(text)) return false
  throw new RegistrantQueryError(`${column.label}: filter by yes or no.`)
}

function parseNumber(column: RegistrantColumn, raw: unknown): number {
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN
  if (!Number.isFinite(number) || Math.abs(number) >= 1e12) throw new RegistrantQueryError(`${column.label}: filter by a number, e.g. 42.`)
  return number
}

/** A day (`2027-06-14`) or an instant (ISO); dates of the registration's own columns are compared as instants. */
function parseDate(column: RegistrantColumn, raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) return text
  if (column.question === undefined && /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString()
  throw new RegistrantQueryError(`${column.label}: filter by a date written year-month-day, e.g. 2027-06-14.`)
}

function parseText(column: RegistrantColumn, raw: unknown): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new RegistrantQueryError(`${column.label}: filter by text.`)
  const text = String(raw).trim()
  if (text.length > MAX_TEXT) throw new RegistrantQueryError(`${column.label}: filter by at most ${MAX_TEXT} characters.`)
  return text
}

function parseChoice(column: RegistrantColumn, raw: unknown): string {
  const text = parseText(column, raw)
  if (column.choices && column.choices.length > 0 && !column.choices.includes(text)) throw new RegistrantQueryError(`${column.label}: one of ${column.choices.join(', ')}.`)
  return text
}

function parseValue(column: RegistrantColumn, operator: FilterOperator, raw: unknown): FilterValue {
  if (operator === 'exists') return parseBoolean(column, raw)
  if (operator === 'in') {
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : isRecord(raw) ? Object.values(raw) : [raw]
    if (items.length === 0 || items.length > 50) throw new RegistrantQueryError(`${column.label}: between 1 and 50 values.`)
    return items.map((item) => parseChoice(column, item))
  }
  switch (column.kind) {
    case 'yes_no':
      return parseBoolean(column, raw)
    case 'number':
    case 'money':
      return parseNumber(column, raw)
    case 'date':
      return parseDate(column, raw)
    case 'choice':
      return parseChoice(column, raw)
    default:
      return parseText(column, raw)
  }
}

/** The organiser's filter, checked against the event's columns; a 400-worthy RegistrantQueryError otherwise. */
export function parseRegistrantFilter(columns: readonly RegistrantColumn[], input: unknown): FilterCondition[] {
  if (input === undefined || input === null || input === '') return []
  if (!isRecord(input)) throw new RegistrantQueryError('filter is an object: filter[column][operator]=value.')
  const conditions: FilterCondition[] = []
  for (const [key, operators] of Object.entries(input)) {
    const column = columns.find((candidate) => candidate.key === key)
    if (!column) throw new RegistrantQueryError(`The list has no column "${key.slice(0, 80)}". Columns: ${columns.map((c) => c.key).join(', ')}.`)
    if (!isRecord(operators)) throw new RegistrantQueryError(`${column.label}: say how to filter, e.g. filter[${key}][equals]=…`)
    for (const [operator, raw] of Object.entries(operators)) {
      const allowed = OPERATORS_BY_KIND[column.kind]
      if (!(allowed as readonly string[]).includes(operator)) throw new RegistrantQueryError(`${column.label}: filter with ${allowed.join(', ')}.`)
      conditions.push({ column, operator: operator as FilterOperator, value: parseValue(column, operator as FilterOperator, raw) })
    }
  }
  return conditions
}

export function parseRegistrantSort(columns: readonly RegistrantColumn[], input: unknown): RegistrantSort | null {
  if (input === undefined || input === null || input === '') return null
  if (typeof input !== 'string') throw new RegistrantQueryError('sort is one column key, with "-" in front for descending.')
  const descending = input.startsWith('-')
  const key = descending ? input.slice(1) : input
  const column = columns.find((candidate) => candidate.key === key)
  if (!column) throw new RegistrantQueryError(`The list cannot be sorted by "${key.slice(0, 80)}".`)
  return { column, descending }
}

/** Whether the filter says anything about the reply or the registration's state. */
export const filtersByStatus = (conditions: readonly FilterCondition[]) => conditions.some(({ column }) => column.key === 'status' || column.key === 'registrationStatus')

/** An answer as a person reads it in the list or a CSV cell. */
export function answerText(kind: ColumnKind | string | undefined, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (kind === 'yes_no' || typeof value === 'boolean') return value === true ? 'Yes' : value === false ? 'No' : String(value)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
