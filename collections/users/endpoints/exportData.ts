import type { Endpoint, PayloadRequest } from 'payload'

import { authOperationMatrix } from '@/access/matrix'
import { canAuthOperation } from '@/access/resolve'
import { rolesInWords } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { exportFileName, exportPersonalData } from '@/privacy/personalDataExport'

/** "Superusers, admins and secretaries", from the matrix, so the refusal never disagrees with it. */
const exporters = () => {
  const text = rolesInWords(['superuser', ...authOperationMatrix.exportData])
  return text[0]!.toUpperCase() + text.slice(1)
}

async function answerExport(req: PayloadRequest, asked: 'me' | string): Promise<Response> {
  if (!req.user) throw new RefusedError('Sign in to download your data.', 401)
  const self = asked === 'me' || asked === String(req.user.id)
  if (!self && !canAuthOperation('exportData', req.user as Actor)) {
    throw new RefusedError(`You can download your own data only. ${exporters()} can export another person’s data.`, 403)
  }
  const personId = self ? req.user.id : asked
  const data = await exportPersonalData(req, personId)
  if (!data) throw new RefusedError(`There is no person ${asked}.`, 404)
  return new Response(JSON.stringify(data, null, 2), {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(personId)}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

/**
 * `GET /api/users/me/export`: the signed-in person's data as a JSON file (the portal's "Download
 * my data"). `GET /api/users/:id/export`: the same file for someone else, for those the matrix
 * lets answer a subject access request (and for the person themself).
 */
export const exportDataEndpoints: Endpoint[] = [
  { path: '/me/export', method: 'get', handler: (req) => answerExport(req, 'me') },
  { path: '/:id/export', method: 'get', handler: (req) => answerExport(req, String(req.routeParams?.id ?? '')) },
]
