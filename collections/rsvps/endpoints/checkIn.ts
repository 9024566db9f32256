import { randomUUID } from 'node:crypto'

import type { Endpoint, PayloadRequest } from 'payload'

import type { Event, Rsvp, User } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { holderName, verifyCard } from '@/cards/cards'
import { cardTokenFrom } from '@/cards/token'
import { RefusedError } from '@/lib/errors'
import { lockRow } from '@/lib/findOrRefuse'
import { verifyToken } from '@/lib/signedTokens'
import { inTransaction } from '@/lib/transaction'
import { formatMoney } from '@/lib/money'
import { idOf } from '@/access/collectionAccess'
import { readJsonBody } from '@/lib/requestBody'

function nameOf(rsvp: Rsvp): string {
  if (rsvp.guestEmail) return `${rsvp.guestName ?? rsvp.guestEmail} (guest)`
  const member = rsvp.member as User | number
  return typeof member === 'object' ? `${member.firstName} ${member.lastName}` : `Member ${member}`
}

/** Why a reply that is not "going" cannot be checked in, in words for the person at the door. */
const NOT_GOING: Record<Exclude<Rsvp['status'], 'going'>, string> = {
  waitlisted: 'is on the waitlist, without a place',
  cancelled: 'cancelled their reply',
  not_going: 'said they are not going',
}

/**
 * The RSVP a membership card checks in at the door of `door`: the card must verify now (signature,
 * expiry and a current membership, src/cards/cards.ts), and its holder must have replied to that
 * event. A card names no event, so the door must say which.
 */
async function rsvpOfCard(req: PayloadRequest, token: string, door: string | null): Promise<string> {
  if (door === null) throw new RefusedError('A membership card is not a ticket for one event: say which event the door is for (event).', 400)
  const verdict = await verifyCard(req, token)
  if (!verdict.valid) throw new RefusedError('This membership card is not valid.', 400)
  const { docs } = await req.payload.find({
    collection: 'rsvps',
    where: { and: [{ event: { equals: door } }, { member: { equals: verdict.holder.id } }] },
    select: { status: true },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  if (docs.length === 0) throw new RefusedError(`${holderName(verdict.holder)} has not replied to this event, so cannot be checked in with their card.`, 404)
  return String(docs[0]!.id)
}

/**
 * `POST /api/rsvps/check-in` `{ rsvp }` (one click on the list) or `{ token }` (the QR code on
 * the member's RSVP, a signed token rather than a guessable id), for admins and the events
 * role, with `event` when the door is that event's (a ticket for another event is refused). A
 * membership card's code in `token` (the token or the card's verify link) checks in the holder's
 * RSVP to `event`, which a card needs: 404 when they have not replied to it, 400 when the card is
 * not valid (forged, expired, or the membership no longer current).
 * Checking in twice keeps the first time and is not an error (`alreadyCheckedIn`).
 */
export const checkInEndpoint: Endpoint = {
  path: '/check-in',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to check people in.', 401)
    if (!reachesAll('rsvps', req.user as Actor, 'update')) throw new RefusedError('Only admins and the events team check people in.', 403)
    const body = await readJsonBody(req)
    const door = body.event === undefined || body.event === null ? null : String(body.event)
    if (door !== null && !/^\d{1,15}$/.test(door)) throw new RefusedError('Say which event the door is for by its id.', 400)
    const card = cardTokenFrom(body.token)
    const id = card !== null ? await rsvpOfCard(req, card, door) : body.token !== undefined ? verifyToken('checkin', body.token) : typeof body.rsvp === 'number' || typeof body.rsvp === 'string' ? String(body.rsvp) : null
    if (!id) throw new RefusedError(body.token !== undefined ? 'This code is not a valid ticket: scan it again or type it in full.' : 'Say which RSVP to check in (rsvp or token).', 400)

    const result = await inTransaction(req, async (tx) => {
        await lockRow(tx, 'rsvps', id)
        const rsvp = (await req.payload.findByID({ collection: 'rsvps', id, req: tx, depth: 1, overrideAccess: true, disableErrors: true }).catch(() => null)) as Rsvp | null
        if (!rsvp) throw new RefusedError(body.token !== undefined ? 'This ticket’s reply no longer exists.' : 'There is no such RSVP.', 404)
        const event = rsvp.event as Event | number
        if (door !== null && String(typeof event === 'object' ? event.id : event) !== door) {
          throw new RefusedError(`This ticket is for another event${typeof event === 'object' ? `: ${event.title}` : ''}.`, 409)
        }
        if (rsvp.status !== 'going') throw new RefusedError(`${nameOf(rsvp)} ${NOT_GOING[rsvp.status]}, so cannot be checked in.`, 409)
        if (rsvp.checkedInAt) return { rsvp, already: true }
        // pay on the day: the cash taken at the door is recorded in the ledger as the person is checked in
        const owes = rsvp.paymentMethod === 'on_the_day' && (rsvp.amountDue ?? 0) > 0 && !rsvp.payment && rsvp.registrationStatus === 'registered'
        if (owes) {
          const due = formatMoney({ amount: rsvp.amountDue!, currency: rsvp.currency ?? 'GBP' })
          if (body.cashTaken !== true) throw new RefusedError(`${nameOf(rsvp)} pays ${due} at the door: take it, then check in with "cash taken".`, 402, { amountDue: rsvp.amountDue, currency: rsvp.currency })
          tx.context.eventPayment = true
          await req.payload.create({
            collection: 'payments',
            data: {
              member: idOf(rsvp.member) as number,
              rsvp: rsvp.id,
              purpose: 'event',
              amount: rsvp.amountDue!,
              currency: rsvp.currency ?? 'GBP',
              method: 'cash',
              status: 'succeeded',
              paidAt: new Date().toISOString(),
              recordedBy: req.user!.id as number,
              idempotencyKey: randomUUID(),
              notes: 'Taken at the door at check-in.',
            },
            req: tx,
            overrideAccess: true,
            depth: 0,
          })
          tx.context.eventPayment = false
        }
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
    const name = nameOf(result.rsvp)
    return Response.json({
      rsvp: { id: result.rsvp.id, checkedInAt: result.rsvp.checkedInAt, guests: result.rsvp.guests },
      alreadyCheckedIn: result.already,
      message: result.already ? `${name} was already checked in.` : `${name} checked in.`,
    })
  },
}
