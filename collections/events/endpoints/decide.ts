import type { Endpoint } from 'payload'

import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { queueEmail, siteUrl } from '@/email/queue'
import { formatDay } from '@/email/variables'
import { RefusedError } from '@/lib/errors'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction } from '@/lib/transaction'
import { readJsonBody } from '@/lib/requestBody'

/**
 * `POST /api/events/:id/decide` `{ decision: 'approve' | 'reject', reason? }` (admins, the
 * secretary, the events team): a member's proposal is published or rejected (a reason is
 * required), and the proposer is emailed either way.
 */
export const decideEndpoint: Endpoint = {
  path: '/:id/decide',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to decide on proposals.', 401)
    if (!reachesAll('events', req.user as Actor, 'update')) throw new RefusedError('Only admins and the events team decide on proposals.', 403)
    const { decision, reason } = await readJsonBody(req)
    if (decision !== 'approve' && decision !== 'reject') throw new RefusedError('"decision" is approve or reject.', 400)
    const why = typeof reason === 'string' ? reason.trim() : ''
    if (decision === 'reject' && !why) throw new RefusedError('Rejecting a proposal needs a reason, which the proposer receives.', 400)
    const id = req.routeParams?.id as string

    const event = await inTransaction(req, async (tx) => {
        const current = await findLocked(tx, 'events', id, 'There is no such event.')
        if (current.status !== 'proposed') throw new RefusedError(`This event is ${current.status}, not a proposal.`, 409)
        const updated = await req.payload.update({
          collection: 'events',
          id: current.id,
          data: { status: decision === 'approve' ? 'published' : 'rejected', decisionReason: why || null },
          req: tx,
          overrideAccess: true,
          depth: 0,
        })
        const proposer = await req.payload.findByID({ collection: 'users', id: idOf(current.proposedBy)!, req: tx, depth: 0, overrideAccess: true })
        await queueEmail(tx, {
          template: decision === 'approve' ? 'event-proposal-approved' : 'event-proposal-rejected',
          to: proposer.email,
          related: { relationTo: 'users', value: proposer.id },
          variables: {
            member: { firstName: proposer.firstName },
            event: { title: current.title, startsAt: formatDay(current.startsAt), location: current.location ?? '' },
            reason: why,
            links: { portal: `${siteUrl()}/account` },
          },
        })
        return updated
    })
    return Response.json({ doc: event, message: decision === 'approve' ? 'Published; the proposer has been told.' : 'Rejected; the proposer has been told why.' })
  },
}
