/**
 * The registrant list's filter and sort, run in the database (one SELECT of a page, one COUNT),
 * on Postgres and SQLite alike. Payload's own `where` on a JSON path answers `equals` and `like`
 * but not ranges (`greater_than` on `answers.hours` fails in the SQLite adapter) nor a sort by an
 * answer, so the list is read with SQL over the RSVPs joined to their people, and each answer is
 * read out of the JSON column by the database by its JSON type: a number question compares as a
 * number, a date as its `YYYY-MM-DD` text, a yes/no as `true`/`false`. A value of the wrong type
 * (an answer given before the question changed kind) is no answer: it matches nothing and sorts last.
 */
import type { PayloadRequest } from 'payload'

import type { Db, SQL } from '@/lib/db'
import { and, eq, isPostgres, sql, tableOf, transactionDb } from '@/lib/db'

import type { FilterCondition, RegistrantColumn, RegistrantSort } from './registrantList'
import { filtersByStatus } from './registrantList'

export type RegistrantRow = {
  id: number
  memberId: number | null
  name: string
  firstName: string
  email: string
  status: string
  registrationStatus: string | null
  guests: number
  amountDue: number | null
  currency: string | null
  paymentMethod: string | null
  paymentReference: string | null
  paid: boolean
  paymentId: number | null
  exemptReason: string | null
  heldUntil: string | null
  checkedInAt: string | null
  createdAt: string | null
  answers: Record<string, unknown>
}

type Tables = { r: ReturnType<typeof tableOf>; u: ReturnType<typeof tableOf> }

function expressionOf(req: PayloadRequest, { r, u }: Tables, column: RegistrantColumn): SQL {
  const postgres = isPostgres(req.payload)
  if (column.question !== undefined) {
    const key = column.question
    if (postgres) {
      const typed = (jsonType: string, value: SQL) => sql`(case when jsonb_typeof(${r.answers}::jsonb -> ${key}) = ${jsonType} then ${value} end)`
      const text = sql`(${r.answers}::jsonb ->> ${key})`
      if (column.kind === 'number') return typed('number', sql`${text}::numeric`)
      if (column.kind === 'yes_no') return typed('boolean', text)
      return typed('string', text)
    }
    const path = `$."${key}"`
    const jsonType = sql`json_type(${r.answers}, ${path})`
    const value = sql`json_extract(${r.answers}, ${path})`
    if (column.kind === 'number') return sql`(case when ${jsonType} in ('integer', 'real') then ${value} end)`
    if (column.kind === 'yes_no') return sql`(case ${jsonType} when 'true' then 'true' when 'false' then 'false' end)`
    return sql`(case when ${jsonType} = 'text' then ${value} end)`
  }
  switch (column.key) {
    // a member's name and address, or a guest's (on the RSVP itself)
    case 'name':
      return sql`coalesce(${r.guestName}, coalesce(${u.firstName}, '') || ' ' || coalesce(${u.lastName}, ''))`
    case 'email':
      return sql`coalesce(${u.email}, ${r.guestEmail})`
    case 'paid':
      return sql`(case when ${r.payment} is not null then 'true' else 'false' end)`
    case 'checkedIn':
      return sql`(case when ${r.checkedInAt} is not null then 'true' else 'false' end)`
    default:
      return sql`${r[column.key]}`
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** A day's bounds for a date column of the registration (an instant) rather than an answer (a day). */
function dateBound(column: RegistrantColumn, value: string, end: boolean): string {
  if (column.question !== undefined || value.includes('T')) return value
  return end ? new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000 - 1).toISOString() : `${value}T00:00:00.000Z`
}

function conditionSql(req: PayloadRequest, tables: Tables, { column, operator, value }: FilterCondition): SQL {
  const expression = expressionOf(req, tables, column)
  const postgres = isPostgres(req.payload)
  const instant = column.kind === 'date' && column.question === undefined
  // a parameter compared with a timestamptz column: typed so Postgres compares instants
  const param = (v: string | number) => (instant && postgres ? sql`${v}::timestamptz` : sql`${v}`)
  switch (operator) {
    case 'exists':
      return value ? sql`${expression} is not null` : sql`${expression} is null`
    case 'contains':
      return sql`lower(${expression}) like ${`%${escapeLike(String(value).toLowerCase())}%`} escape '\\'`
    case 'in':
      return sql`${expression} in (${sql.join(
        (value as string[]).map((item) => sql`${item}`),
        sql`, `,
      )})`
    case 'greater_than_equal':
      return sql`${expression} >= ${param(column.kind === 'date' ? dateBound(column, String(value), false) : (value as number))}`
    case 'less_than_equal':
      return sql`${expression} <= ${param(column.kind === 'date' ? dateBound(column, String(value), true) : (value as number))}`
    case 'not_equals':
      return sql`(${expression} is null or ${expression} <> ${typeof value === 'boolean' ? String(value) : (value as string | number)})`
    default: {
      if (column.kind === 'date' && instant) return sql`(${expression} >= ${param(dateBound(column, String(value), false))} and ${expression} <= ${param(dateBound(column, String(value), true))})`
      if (column.kind === 'text') return sql`lower(${expression}) = ${String(value).toLowerCase()}`
      return sql`${expression} = ${typeof value === 'boolean' ? String(value) : (value as string | number)}`
    }
  }
}

export type RegistrantQuery = {
  eventId: number
  conditions: readonly FilterCondition[]
  sort: RegistrantSort | null
  /**
   * Leave out those who cancelled, said they are not going, or whose hold expired, unless the
   * filter itself says which replies or registration states it wants (the bulk email).
   */
  activeOnly?: boolean
}

function whereOf(req: PayloadRequest, tables: Tables, query: RegistrantQuery): SQL | undefined {
  const parts: SQL[] = [eq(tables.r.event, query.eventId) as SQL]
  for (const condition of query.conditions) parts.push(conditionSql(req, tables, condition))
  if (query.activeOnly && !filtersByStatus(query.conditions)) {
    parts.push(sql`${tables.r.status} not in ('cancelled', 'not_going')`)
    parts.push(sql`(${tables.r.registrationStatus} is null or ${tables.r.registrationStatus} not in ('cancelled', 'expired'))`)
  }
  return and(...parts)
}

function orderOf(req: PayloadRequest, tables: Tables, sort: RegistrantSort | null): SQL[] {
  if (!sort) return [sql`${tables.r.id} asc`]
  const expression = expressionOf(req, tables, sort.column)
  const key = sort.column.kind === 'text' ? sql`lower(${expression})` : expression
  // no answer sorts last either way
  return [sql`${key} ${sort.descending ? sql`desc` : sql`asc`} nulls last`, sql`${tables.r.id} ${sort.descending ? sql`desc` : sql`asc`}`]
}

const isoOf = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString()
}

function answersOf(value: unknown): Record<string, unknown> {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      parsed = null
    }
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
}

async function dbOf(req: PayloadRequest): Promise<{ db: Db; tables: Tables }> {
  return { db: await transactionDb(req), tables: { r: tableOf(req.payload, 'rsvps'), u: tableOf(req.payload, 'users') } }
}

/** One page of the filtered, sorted list (`limit` rows from `offset`). */
export async function findRegistrants(req: PayloadRequest, query: RegistrantQuery, page: { limit: number; offset: number }): Promise<RegistrantRow[]> {
  const { db, tables } = await dbOf(req)
  const { r, u } = tables
  const rows = await db
    .select({
      id: r.id,
      memberId: r.member,
      firstName: u.firstName,
      lastName: u.lastName,
      email: u.email,
      guestName: r.guestName,
      guestEmail: r.guestEmail,
      status: r.status,
      registrationStatus: r.registrationStatus,
      guests: r.guests,
      amountDue: r.amountDue,
      currency: r.currency,
      paymentMethod: r.paymentMethod,
      paymentReference: r.paymentReference,
      paymentId: r.payment,
      exemptReason: r.exemptReason,
      heldUntil: r.heldUntil,
      checkedInAt: r.checkedInAt,
      createdAt: r.createdAt,
      answers: r.answers,
    })
    .from(r)
    .leftJoin(u, eq(u.id, r.member))
    .where(whereOf(req, tables, query))
    .orderBy(...orderOf(req, tables, query.sort))
    .limit(page.limit)
    .offset(page.offset)
  return rows.map((row) => ({
    id: Number(row.id),
    memberId: row.memberId === null || row.memberId === undefined ? null : Number(row.memberId),
    name: row.guestName ? String(row.guestName) : `${row.firstName ?? ''} ${row.lastName ?? ''}`.trim(),
    firstName: row.guestName ? String(row.guestName).split(' ')[0]! : String(row.firstName ?? ''),
    email: String(row.email ?? row.guestEmail ?? ''),
    status: String(row.status),
    registrationStatus: (row.registrationStatus as string | null) ?? null,
    guests: Number(row.guests ?? 0),
    amountDue: row.amountDue === null || row.amountDue === undefined ? null : Number(row.amountDue),
    currency: (row.currency as string | null) ?? null,
    paymentMethod: (row.paymentMethod as string | null) ?? null,
    paymentReference: (row.paymentReference as string | null) ?? null,
    paid: row.paymentId !== null && row.paymentId !== undefined,
    paymentId: row.paymentId === null || row.paymentId === undefined ? null : Number(row.paymentId),
    exemptReason: (row.exemptReason as string | null) ?? null,
    heldUntil: isoOf(row.heldUntil),
    checkedInAt: isoOf(row.checkedInAt),
    createdAt: isoOf(row.createdAt),
    answers: answersOf(row.answers),
  }))
}

/** How many rows the filter matches (the list's total). */
export async function countRegistrants(req: PayloadRequest, query: RegistrantQuery): Promise<number> {
  const { db, tables } = await dbOf(req)
  const [row] = await db
    .select({ count: sql<number>`count(*)` })
    .from(tables.r)
    .leftJoin(tables.u, eq(tables.u.id, tables.r.member))
    .where(whereOf(req, tables, query))
  return Number(row?.count ?? 0)
}

/** Every matching row, a page at a time (the CSV file and the bulk email), in the list's order. */
export async function* eachRegistrantPage(req: PayloadRequest, query: RegistrantQuery, pageSize = 500): AsyncGenerator<RegistrantRow[]> {
  for (let offset = 0; ; offset += pageSize) {
    const rows = await findRegistrants(req, query, { limit: pageSize, offset })
    if (rows.length > 0) yield rows
    if (rows.length < pageSize) return
  }
}
