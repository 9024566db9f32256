/** Columns several exports share: who a row is about, dates, money. */
import { formatMoney } from '@/lib/money'

import type { CsvCell } from './csv'
import { isoDate } from './csv'
import type { CsvColumn } from './endpoint'

type Doc = Record<string, unknown>

/** A relationship's id, whether Payload populated it or not. */
export function relationId(value: unknown): CsvCell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return ((value as { id?: CsvCell }).id ?? '') as CsvCell
  return value as CsvCell
}

/** A populated relationship's field, or '' when it was not populated (deleted, or not readable). */
export function relationField(value: unknown, field: string): CsvCell {
  if (!value || typeof value !== 'object') return ''
  const found = (value as Doc)[field]
  return found === null || found === undefined ? '' : (found as CsvCell)
}

export const text = (value: unknown): CsvCell => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : (value as CsvCell))

/** The fields to populate a person with: name and email, nothing more. */
export const PERSON_POPULATE = { firstName: true, lastName: true, email: true } as const

/** "Member ID", "Member name", "Member email" from the populated relationship `field`. */
export function personColumns<Extra>(field: string, label: string): CsvColumn<Extra>[] {
  const name = (doc: Doc) => [relationField(doc[field], 'firstName'), relationField(doc[field], 'lastName')].filter(Boolean).join(' ')
  return [
    { header: `${label} ID`, field, value: (doc) => relationId(doc[field]) },
    { header: `${label} name`, field, value: name },
    { header: `${label} email`, field, value: (doc) => relationField(doc[field], 'email') },
  ]
}

export function dateColumn<Extra>(field: string, header: string): CsvColumn<Extra> {
  return { header, field, value: (doc) => isoDate(doc[field]) }
}

export function textColumn<Extra>(field: string, header: string): CsvColumn<Extra> {
  return { header, field, value: (doc) => text(doc[field]) }
}

/** "£25.00" for 2500 GBP; '' without an amount. */
export function formattedAmount(amount: unknown, currency: unknown): CsvCell {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || typeof currency !== 'string' || !currency) return ''
  try {
    return formatMoney({ amount, currency })
  } catch {
    return ''
  }
}

/** Payload's `select` for these top-level fields (the id always comes with them). */
export function selectOf(names: readonly string[]): Record<string, true> {
  return Object.fromEntries(names.map((name) => [name, true as const]))
}
