import type { Endpoint } from 'payload'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction } from '@/lib/transaction'
import { MEMBERSHIP_STATUSES, isMembershipStatus } from '@/membership/lifecycle'
import { transitionMembership } from '@/membership/transitions'
import { readJsonBody } from '@/lib/requestBody'

/**
 * `POST /api/memberships/:id/transition` `{ to, reason? }`: approve, reject (reason required),
 * cancel, or any other allowed manual change, by those who manage memberships.
 */
export const transitionEndpoint: Endpoint = {
  path: '/:id/transition',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to change a membership.', 401)
    if (!reachesAll('memberships', req.user as Actor, 'update')) {
      throw new RefusedError('Only admins and the secretary can change a membership’s status.', 403)
    }
    const { to, reason } = await readJsonBody(req)
    if (!isMembershipStatus(to)) {
      throw new RefusedError(`"to" must be one of: ${MEMBERSHIP_STATUSES.join(', ')}.`, 400)
    }
    if (reason !== undefined && reason !== null && typeof reason !== 'string') {
      throw new RefusedError('"reason" must be text.', 400)
    }

    const id = req.routeParams?.id as string
    const doc = await inTransaction(req, async () => {
      const membership = await findLocked(req, 'memberships', id, `There is no membership ${id}.`)
      return transitionMembership(req, { membership, to, cause: 'admin', reason: reason ?? null })
    })
    return Response.json({ doc, message: `Membership is now ${doc.status}.` })
  },
}
