import type { Endpoint } from 'payload'

import { authOperationMatrix } from '@/access/matrix'
import { canAuthOperation } from '@/access/resolve'
import { ROLE_LABELS } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { exportFileName, exportPersonalData } from '@/privacy/personalDataExport'

/** "Admins and secretaries", from the matrix, so the refusal never disagrees with it. */
const exporters = () => ['Superusers', ...authOperationMatrix.exportData.map((role) => `${ROLE_LABELS[role].toLowerCase()}s`)].join(', ').replace(/, ([^,]*)$/, ' and $1')

/**
 * `GET /api/users/me/export`: the signed-in person's data as a JSON file (the portal's "Download
 * my data"). `GET /api/users/:id/export`: the same file for someone else, for those the matrix
 * lets answer a subject access request.
 */
export const exportDataEndpoint: Endpoint = {
  path: '/:id/export',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to download your data.', 401)
    const asked = String(req.routeParams?.id ?? '')
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
  },
}
