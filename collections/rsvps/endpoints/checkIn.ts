import type { Endpoint } from 'payload'

import type { Rsvp } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { lockRow } from '@/lib/findOrRefuse'
import { verifyToken } from '@/lib/signedTokens'
import { inTransaction } from '@/lib/transaction'
import { readJsonBody } from '@/lib/requestBody'

/**
 * `POST /api/rsvps/check-in` `{ rsvp }` (one click on the list) or `{ token }` (the QR code on
 * the member's RSVP, a signed token rather than a guessable id), for admins and the events
 * role. Checking in twice keeps the first time and is not an error.
 */
export const checkInEndpoint: Endpoint = {
  path: '/check-in',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to check people in.', 401)
    if (!reachesAll('rsvps', req.user as Actor, 'update')) throw new RefusedError('Only admins and the events team check people in.', 403)
    const body = await readJsonBody(req)
    const id = body.token !== undefined ? verifyToken('checkin', body.token) : typeof body.rsvp === 'number' || typeof body.rsvp === 'string' ? String(body.rsvp) : null
    if (!id) throw new RefusedError(body.token !== undefined ? 'This QR code is not a valid ticket.' : 'Say which RSVP to check in (rsvp or token).', 400)

    const result = await inTransaction(req, async (tx) => {
        await lockRow(tx, 'rsvps', id)
        const rsvp = (await req.payload.findByID({ collection: 'rsvps', id, req: tx, depth: 1, overrideAccess: true, disableErrors: true }).catch(() => null)) as Rsvp | null
        if (!rsvp) throw new RefusedError('There is no such RSVP.', 404)
        if (rsvp.status !== 'going') throw new RefusedError(`This RSVP is ${rsvp.status.replace('_', ' ')}, not going.`, 409)
        if (rsvp.checkedInAt) return { rsvp, already: true }
        const updated = (await req.payload.update({
          collection: 'rsvps',
          id: rsvp.id,
          data: { checkedInAt: new Date().toISOString(), checkedInBy: req.user!.id as number },
          req: tx,
          overrideAccess: true,
          depth: 1,
        })) as Rsvp
        return { rsvp: updated, already: false }
    })
    const member = result.rsvp.member as { firstName?: string; lastName?: string } | number
    const name = typeof member === 'object' ? `${member.firstName} ${member.lastName}` : `member ${member}`
    return Response.json({
      rsvp: { id: result.rsvp.id, checkedInAt: result.rsvp.checkedInAt, guests: result.rsvp.guests },
      message: result.already ? `${name} was already checked in.` : `${name} checked in.`,
    })
  },
}
