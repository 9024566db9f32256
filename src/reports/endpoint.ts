import type { Endpoint } from 'payload'

import { REPORT_NAMES } from '@/access/matrix'
import { canReadReport, reportReaders } from '@/access/resolve'
import { rolesInWords } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { drizzleOf, eq, sql, tableOf } from '@/lib/db'
import { RefusedError } from '@/lib/errors'

import { answerReport, csvFileName, csvStream } from './answer'
import { REPORTS, isReportName } from './index'
import { parseReportQuery } from './params'

/**
 * `GET /api/reports/:name?from=&to=&tier=&days=&at=` (JSON) and `&format=csv&table=` (one table,
 * streamed): the figures behind the admin dashboard, for the roles the report matrix names.
 * Anonymous: 401; a role the report is not for: 403; an unknown report: 404; a bad parameter
 * (a date that is not one, an unknown tier or table): 400.
 */
export const reportEndpoint: Endpoint = {
  path: '/reports/:name',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to read reports.', 401)
    const name = String(req.routeParams?.name ?? '')
    if (!isReportName(name)) throw new RefusedError(`There is no report "${name}". The reports are ${REPORT_NAMES.join(', ')}.`, 404)
    const definition = REPORTS[name]
    if (!canReadReport(name, req.user as Actor)) {
      const readers = rolesInWords(reportReaders(name))
      throw new RefusedError(`The ${name} report is for ${readers} only.`, 403)
    }
    const parsed = parseReportQuery(req.searchParams ?? new URLSearchParams())
    if (!parsed.ok) throw new RefusedError(parsed.message, 400)
    const { query } = parsed
    if (query.tier !== null) {
      const tiers = tableOf(req.payload, 'tiers')
      const [found] = await drizzleOf(req.payload).select({ count: sql`count(*)` }).from(tiers).where(eq(tiers.id, query.tier))
      if (!Number(found?.count)) throw new RefusedError(`There is no tier ${query.tier}.`, 400)
    }
    if (query.format === 'csv') {
      const table = query.table ? definition.tables.find((candidate) => candidate.key === query.table) : definition.tables[0]
      if (!table) throw new RefusedError(`The ${name} report has no table "${query.table}": it has ${definition.tables.map((t) => t.key).join(', ')}.`, 400)
      const body = csvStream(table, req.payload, query, (error) => req.payload.logger.error(`The ${name} report's CSV export stopped: ${error.message}`))
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${csvFileName(definition, table, query)}"`,
          'Cache-Control': 'private, no-store',
        },
      })
    }
    if (query.table && !definition.tables.some((candidate) => candidate.key === query.table)) {
      throw new RefusedError(`The ${name} report has no table "${query.table}": it has ${definition.tables.map((t) => t.key).join(', ')}.`, 400)
    }
    return Response.json(await answerReport(definition, req.payload, query), { headers: { 'Cache-Control': 'private, no-store' } })
  },
}
