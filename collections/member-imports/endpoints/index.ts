import type { Endpoint, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import type { MemberImport, User } from '@payload-types'

import { canAny, reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { and, eq, tableOf, transactionDb } from '@/lib/db'
import { RefusedError } from '@/lib/errors'
import { inTransaction } from '@/lib/transaction'
import { definitionsOf } from '@/members/customFields'
import { readCsv } from '@/members/import/csv'
import type { Delimiter } from '@/members/import/csv'
import type { ImportMode } from '@/members/import/fields'
import { IMPORT_MODES, importFields, mappingProblems } from '@/members/import/fields'
import type { RowReport } from '@/members/import/plan'
import type { StoredReport } from '@/members/import/run'
import { MEMBER_IMPORTS, SHOWN_PROBLEMS, dryRunImport, reportCsv } from '@/members/import/run'

const noStore = { 'Cache-Control': 'no-store' }

function signedIn(req: PayloadRequest): User {
  if (!req.user || req.user.collection !== 'users') throw new RefusedError('Sign in to import people.', 401)
  return req.user as unknown as User
}

/** The import the route names, as the signed-in person may see it (404 otherwise), and whether they may change it. */
async function importFor(req: PayloadRequest, operation: 'read' | 'update'): Promise<MemberImport> {
  const user = signedIn(req)
  const raw = String(req.routeParams?.id ?? '')
  if (!/^\d{1,15}$/.test(raw)) throw new RefusedError('There is no such import.', 404)
  if (!canAny(MEMBER_IMPORTS, user as Actor, 'read')) throw new RefusedError('Only those who manage people import them.', 403)
  const doc = (await req.payload.findByID({ collection: MEMBER_IMPORTS, id: Number(raw), depth: 0, overrideAccess: false, user, req, disableErrors: true })) as MemberImport | null
  if (!doc) throw new RefusedError('There is no such import.', 404)
  if (operation === 'update' && !canAny(MEMBER_IMPORTS, user as Actor, 'update')) throw new RefusedError('Only those who manage people import them.', 403)
  return doc
}

/**
 * POST /api/member-imports/upload?mode=create|update (multipart: the CSV in `file`; the mode may
 * also come in `_payload` as Payload's own uploads send fields): a new import with its columns
 * read and a mapping suggested.
 */
export const uploadEndpoint: Endpoint = {
  path: '/upload',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    await addDataAndFileToRequest(req)
    const file = req.file as { data?: Buffer; name?: string; truncated?: boolean } | undefined
    if (!file?.data) throw new RefusedError('Attach the spreadsheet as `file` (multipart/form-data), saved as CSV.', 400)
    if (file.truncated) throw new RefusedError('The file is too large: split it into several imports.', 413)
    const mode = (req.data as { mode?: unknown } | undefined)?.mode ?? req.searchParams?.get('mode') ?? 'create'
    if (!IMPORT_MODES.includes(mode as ImportMode)) throw new RefusedError(`mode is ${IMPORT_MODES.join(' or ')}.`, 400)
    const csv = new TextDecoder('utf-8', { fatal: false }).decode(file.data)
    const doc = await req.payload.create({
      collection: MEMBER_IMPORTS,
      data: { csv, filename: (file.name ?? 'import.csv').slice(0, 200), mode: mode as ImportMode, status: 'uploaded' },
      user,
      overrideAccess: false,
      depth: 0,
      req,
    })
    return Response.json({ message: `${doc.filename}: ${doc.rowCount} rows read.`, doc }, { status: 201, headers: noStore })
  },
}

/**
 * GET /api/member-imports/:id/setup: what the admin panel's mapping step shows: the columns, the
 * mapping, the fields a column may fill, the first rows as a preview and what is wrong with the mapping.
 */
export const setupEndpoint: Endpoint = {
  path: '/:id/setup',
  method: 'get',
  handler: async (req) => {
    const doc = await importFor(req, 'read')
    const stored = (await req.payload.findByID({ collection: MEMBER_IMPORTS, id: doc.id, depth: 0, overrideAccess: true, req, select: { csv: true } })) as Pick<MemberImport, 'csv'>
    const headers = (doc.headers as string[] | null) ?? []
    const mapping = (doc.mapping as (string | null)[] | null) ?? []
    const mode = (doc.mode ?? 'create') as ImportMode
    const fields = importFields(mode, (await definitionsOf(req)).filter((definition) => !definition.archived))
    const preview: { line: number; cells: string[] }[] = []
    let header = true
    for await (const record of readCsv(stored.csv ?? '', (doc.delimiter as Delimiter | null) ?? undefined)) {
      if (header) {
        header = false
        continue
      }
      if ('cells' in record) preview.push(record)
      if (preview.length >= 3) break
    }
    return Response.json(
      {
        headers,
        mapping,
        fields: fields.map(({ key, label, group }) => ({ key, label, group })),
        preview,
        problems: mappingProblems(mapping, headers, fields, mode),
        canRecordPayments: reachesAll('payments', req.user as Actor, 'create'),
      },
      { headers: noStore },
    )
  },
}

/** POST /api/member-imports/:id/dry-run: every row checked against the database; nothing written. */
export const dryRunEndpoint: Endpoint = {
  path: '/:id/dry-run',
  method: 'post',
  handler: async (req) => {
    const doc = await importFor(req, 'update')
    if (['queued', 'running', 'finished'].includes(doc.status)) throw new RefusedError('This import has been run; upload the file again to import it again.', 409)
    const { counts, problems } = await dryRunImport(req.payload, doc.id, req.user as unknown as User)
    return Response.json({ status: 'checked', counts, problems: problems.slice(0, SHOWN_PROBLEMS), moreProblems: Math.max(0, problems.length - SHOWN_PROBLEMS) }, { headers: noStore })
  },
}

/**
 * POST /api/member-imports/:id/run: queues the checked import as a job (once: a second press, or
 * two at once, finds it queued and is refused with 409). The admin panel follows its progress.
 */
export const runEndpoint: Endpoint = {
  path: '/:id/run',
  method: 'post',
  handler: async (req) => {
    const doc = await importFor(req, 'update')
    const user = req.user as unknown as User
    if (doc.status !== 'checked') {
      throw new RefusedError(doc.status === 'uploaded' ? 'Check the file first (the dry run), then run it.' : 'This import has already been run or is running.', 409)
    }
    const mapping = (doc.mapping as (string | null)[] | null) ?? []
    if (mapping.includes('amount') && !reachesAll('payments', user as Actor, 'create')) {
      throw new RefusedError('This file records payments: someone who records payments (a treasurer or an admin) runs it, or leave the amount column out.', 403)
    }
    const claimed = await inTransaction(req, async (tx) => {
      const table = tableOf(req.payload, MEMBER_IMPORTS)
      const rows = await (await transactionDb(tx))
        .update(table)
        .set({ status: 'queued', runBy: user.id, error: null })
        .where(and(eq(table.id, doc.id), eq(table.status, 'checked')))
        .returning({ id: table.id })
      if (rows.length === 0) return false
      await tx.payload.jobs.queue({ task: 'memberImport', queue: 'imports', input: { import: doc.id }, req: tx })
      return true
    })
    if (!claimed) throw new RefusedError('This import has already been run or is running.', 409)
    return Response.json({ message: 'The import is queued; it starts within a few seconds.', status: 'queued' }, { status: 202, headers: noStore })
  },
}

/** GET /api/member-imports/:id/report.csv: every row and what happened to it (or, before the run, what the dry run found). */
export const reportEndpoint: Endpoint = {
  path: '/:id/report.csv',
  method: 'get',
  handler: async (req) => {
    const doc = await importFor(req, 'read')
    const stored = (await req.payload.findByID({ collection: MEMBER_IMPORTS, id: doc.id, depth: 0, overrideAccess: true, req, select: { results: true } })) as Pick<MemberImport, 'results'>
    const rows: RowReport[] = ((stored.results as StoredReport | null)?.rows ?? []).slice().sort((a, b) => a.line - b.line)
    if (doc.status === 'uploaded') throw new RefusedError('There is no report yet: check the file first (the dry run).', 409)
    const dryRun = doc.status === 'checked'
    const base = (doc.filename ?? 'import').replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '-').slice(0, 80) || 'import'
    return new Response(reportCsv(rows, dryRun), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${base}-${dryRun ? 'dry-run' : 'report'}.csv"`,
        'X-Content-Type-Options': 'nosniff',
        ...noStore,
      },
    })
  },
}
