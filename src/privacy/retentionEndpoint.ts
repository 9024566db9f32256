import type { Endpoint } from 'payload'

import { canAuthOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'

import { previewRetention } from './retention'

/** As every list of the API (src/lib/apiGuard.ts clamps `limit` to 100 before this sees it). */
export const MAX_RETENTION_PREVIEW = 100

/**
 * `GET /api/retention/preview?limit=N` (those the matrix lets `erase`: admins): how many people
 * the retention rule would anonymise today, and the first N (default 50) with the end of their
 * last membership. Changes nothing.
 */
export const retentionPreviewEndpoint: Endpoint = {
  path: '/retention/preview',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to preview the retention rule.', 401)
    if (!canAuthOperation('erase', req.user as Actor)) throw new RefusedError('Only admins can see who the retention rule will anonymise.', 403)
    const raw = req.searchParams?.get('limit') ?? '50'
    const limit = Number(raw)
    if (!/^\d{1,4}$/.test(raw) || limit < 1 || limit > MAX_RETENTION_PREVIEW) throw new RefusedError(`"limit" is a whole number from 1 to ${MAX_RETENTION_PREVIEW}.`, 400)
    const preview = await previewRetention(req.payload, { limit })
    return Response.json(
      {
        on: preview.on,
        years: preview.years,
        endedBefore: preview.cutoff,
        count: preview.count,
        people: preview.candidates.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`, email: c.email, lastMembershipEnd: c.lastMembershipEnd })),
      },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  },
}
