import type { Endpoint, PayloadRequest } from 'payload'

import type { Event, RegistrantMessage } from '@payload-types'

import { reachesAll, rolesReachingAll } from '@/access/resolve'
import { rolesInWords } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { prepareTemplate, queueEmails, siteUrl } from '@/email/queue'
import { formatDay } from '@/email/variables'
import { eventPath } from '@/events/links'
import type { RegistrantColumn } from '@/events/registrantList'
import { OPERATORS_BY_KIND, RegistrantQueryError, VALUE_LABELS, answerText, parseRegistrantFilter, parseRegistrantSort, registrantColumns } from '@/events/registrantList'
import type { RegistrantQuery, RegistrantRow } from '@/events/registrantQuery'
import { countRegistrants, eachRegistrantPage, findRegistrants } from '@/events/registrantQuery'
import type { CsvCell } from '@/exports/csv'
import { csvFileName, csvResponse } from '@/exports/csv'
import { RefusedError, isUniqueViolation } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'
import { formatMoney } from '@/lib/money'
import { readJsonBody } from '@/lib/requestBody'
import { inTransaction, serialise } from '@/lib/transaction'

const MAX_PAGE = 100
const DEFAULT_PAGE = 50
const EMAIL_BATCH = 500

const rolesText = (operation: 'read' | 'update') => rolesInWords(rolesReachingAll('rsvps', operation))

/** Who may read an event's registrants (the RSVPs in full, per the matrix); 401 signed out, 403 otherwise. */
function mayRead(req: PayloadRequest): void {
  if (!req.user) throw new RefusedError('Sign in to see the registrants.', 401)
  if (!reachesAll('rsvps', req.user as Actor, 'read')) throw new RefusedError(`Only ${rolesText('read')} see an event's registrants.`, 403)
}

/** The event, its columns and the organiser's filter and sort, checked (400 for a bad filter, 404 for no event). */
async function listQuery(req: PayloadRequest, filter: unknown, sort: unknown, activeOnly = false) {
  const id = req.routeParams?.id
  if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) throw new RefusedError('There is no such event.', 404)
  const event = (await findOrRefuse(req, 'events', id, 'There is no such event.')) as Event
  const columns = registrantColumns(event.questions)
  try {
    const query: RegistrantQuery = { eventId: event.id, conditions: parseRegistrantFilter(columns, filter), sort: parseRegistrantSort(columns, sort), activeOnly }
    return { event, columns, query }
  } catch (error) {
    if (error instanceof RegistrantQueryError) throw new RefusedError(error.message, 400)
    throw error
  }
}

function pageNumber(value: unknown, fallback: number, max: number, name: string): number {
  if (value === undefined || value === '') return fallback
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(number) || number < 1) throw new RefusedError(`${name} is a whole number, 1 or more.`, 400)
  return Math.min(number, max)
}

const columnsForClient = (columns: RegistrantColumn[]) =>
  columns.map(({ key, label, kind, choices }) => ({ key, label, kind, choices, operators: OPERATORS_BY_KIND[kind] }))

/**
 * `GET /api/events/:id/registrants?filter[<column>][<operator>]=…&sort=…&page=&limit=` (those who
 * read every RSVP: admins, the events team, the secretary): the event's (or session's)
 * registrations, a page at a time, filtered and sorted in the database by any column, each form
 * answer included (src/events/registrantList.ts), with the columns the list has.
 */
export const registrantsEndpoint: Endpoint = {
  path: '/:id/registrants',
  method: 'get',
  handler: async (req) => {
    mayRead(req)
    const { event, columns, query } = await listQuery(req, req.query?.filter, req.query?.sort)
    const limit = pageNumber(req.query?.limit, DEFAULT_PAGE, MAX_PAGE, 'limit')
    const page = pageNumber(req.query?.page, 1, 100_000, 'page')
    const [docs, totalDocs] = await Promise.all([findRegistrants(req, query, { limit, offset: (page - 1) * limit }), countRegistrants(req, query)])
    return Response.json({
      event: { id: event.id, title: event.title, paymentMethod: event.paymentMethod ?? null, currency: event.currency ?? null },
      columns: columnsForClient(columns),
      docs,
      totalDocs,
      page,
      limit,
      totalPages: Math.max(1, Math.ceil(totalDocs / limit)),
    })
  },
}

function cellsOf(columns: RegistrantColumn[], row: RegistrantRow): CsvCell[] {
  return columns.map((column) => {
    if (column.question !== undefined) return answerText(column.kind, row.answers[column.question])
    switch (column.key) {
      case 'status':
      case 'registrationStatus': {
        const value = row[column.key]
        return value ? (VALUE_LABELS[value] ?? value) : ''
      }
      case 'amountDue':
        return row.amountDue === null ? '' : formatMoney({ amount: row.amountDue, currency: row.currency ?? 'GBP' })
      case 'paid':
        return row.paid ? 'Yes' : row.exemptReason ? `Exempt: ${row.exemptReason}` : 'No'
      case 'checkedIn':
        return row.checkedInAt ? 'Yes' : 'No'
      default:
        return (row as unknown as Record<string, CsvCell>)[column.key] ?? ''
    }
  })
}

/**
 * `GET /api/events/:id/registrants.csv?filter…&sort=…`: the filtered list as a CSV file, with the
 * same columns (an answer per question), the same filter and order. Cells a spreadsheet would run
 * as a formula are neutralised (src/exports/csv.ts).
 */
export const registrantsCsvEndpoint: Endpoint = {
  path: '/:id/registrants.csv',
  method: 'get',
  handler: async (req) => {
    mayRead(req)
    const { event, columns, query } = await listQuery(req, req.query?.filter, req.query?.sort)
    const pages = eachRegistrantPage(req, query)
    // the first page is read before answering, so a failure is an error response, not a cut-short file
    const first = await pages.next()
    async function* rows(): AsyncGenerator<CsvCell[]> {
      if (first.done) return
      for (const row of first.value) yield cellsOf(columns, row)
      for await (const page of pages) for (const row of page) yield cellsOf(columns, row)
    }
    return csvResponse(
      csvFileName(`registrants-${event.title}`),
      columns.map((column) => column.label),
      rows(),
      (error) => req.payload.logger.error({ err: error, msg: `Registrant CSV of event ${event.id} failed part-way` }),
    )
  },
}

const text = (value: unknown, name: string, max: number): string => {
  const trimmed = typeof value === 'string' ? value.trim() : ''
  if (!trimmed) throw new RefusedError(`Write the ${name}.`, 400)
  if (trimmed.length > max) throw new RefusedError(`The ${name} is at most ${max} characters.`, 400)
  return trimmed
}

const answerOf = (message: Pick<RegistrantMessage, 'id' | 'recipients' | 'createdAt'>, repeated: boolean) => ({
  message: repeated ? `This message was already sent to ${message.recipients} registrants; it was not sent again.` : `Message queued for ${message.recipients} registrants.`,
  recipients: message.recipients,
  repeated,
  record: message.id,
  sentAt: message.createdAt,
})

/**
 * `POST /api/events/:id/registrants/email` `{ subject, message, filter?, idempotencyKey }` (those
 * who manage RSVPs: admins and the events team): the organiser's message to everyone on the
 * filtered list, one queued email each (template `event-registrants-message`), queued in batches
 * in one transaction with its record in `registrant-messages` (who sent what to how many, when).
 * Those who cancelled, said no or whose hold expired are left out unless the filter asks for a
 * reply or registration state. The same `idempotencyKey` again (a double click, a retry) sends
 * nothing more and answers with the first send.
 */
export const registrantsEmailEndpoint: Endpoint = {
  path: '/:id/registrants/email',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to email registrants.', 401)
    if (!reachesAll('rsvps', req.user as Actor, 'update')) throw new RefusedError(`Only ${rolesText('update')} email an event's registrants.`, 403)
    const body = await readJsonBody(req)
    const subject = text(body.subject, 'subject', 200)
    const message = text(body.message, 'message', 10_000)
    const key = body.idempotencyKey
    if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(key)) throw new RefusedError('"idempotencyKey" is 8 to 100 letters, digits, "-" or "_", new for each message.', 400)
    const { event, query } = await listQuery(req, body.filter, undefined, true)

    const earlier = async () =>
      (await req.payload.find({ collection: 'registrant-messages', where: { idempotencyKey: { equals: key } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0] as RegistrantMessage | undefined
    const sameEvent = (record: RegistrantMessage) => {
      const recordEvent = record.event && typeof record.event === 'object' ? record.event.id : record.event
      if (recordEvent !== event.id) throw new RefusedError('This idempotencyKey was used for another message; make a new one for each message.', 409)
      return Response.json(answerOf(record, true))
    }

    try {
      return await inTransaction(req, async (tx) => {
        await serialise(tx, `registrant-message:${key}`)
        const before = await earlier()
        if (before) return sameEvent(before)
        const record = (await tx.payload.create({
          collection: 'registrant-messages',
          data: { event: event.id, sentBy: req.user!.id as number, subject, message, filter: (body.filter ?? {}) as Record<string, unknown>, recipients: 0, idempotencyKey: key },
          req: tx,
          overrideAccess: true,
          depth: 0,
        })) as RegistrantMessage
        const prepared = await prepareTemplate(tx.payload, 'event-registrants-message', tx)
        const variables = { subject, message, event: { title: event.title, startsAt: formatDay(event.startsAt) }, links: { event: `${siteUrl()}${eventPath(event)}` } }
        let recipients = 0
        for await (const page of eachRegistrantPage(tx, query, EMAIL_BATCH)) {
          const emails = page
            .filter((row) => row.email)
            .map((row) => ({
              template: 'event-registrants-message' as const,
              to: row.email,
              prepared,
              variables: { ...variables, member: { firstName: row.firstName } },
              related: row.memberId ? { relationTo: 'users' as const, value: row.memberId } : undefined,
            }))
          await queueEmails(tx, emails)
          recipients += emails.length
        }
        const done = (await tx.payload.update({ collection: 'registrant-messages', id: record.id, data: { recipients }, req: tx, overrideAccess: true, depth: 0 })) as RegistrantMessage
        return Response.json(answerOf(done, false), { status: 201 })
      })
    } catch (error) {
      // a concurrent press with the same key got there first: answer with its send
      if (isUniqueViolation(error)) {
        const before = await earlier()
        if (before) return sameEvent(before)
      }
      throw error
    }
  },
}
