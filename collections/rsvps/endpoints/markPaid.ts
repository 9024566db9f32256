import { randomUUID } from 'node:crypto'

import type { Endpoint } from 'payload'

import type { Rsvp } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { nextRegistrationStatus } from '@/events/registrationStatus'
import type { RegistrationStatus } from '@/events/registrationStatus'
import { RefusedError } from '@/lib/errors'
import { findLocked, findOrRefuse } from '@/lib/findOrRefuse'
import { formatMoney, isMinorUnits } from '@/lib/money'
import { readJsonBody } from '@/lib/requestBody'
import { inTransaction } from '@/lib/transaction'
import { amountNeedsReason } from '@/payments/ledger'

const RECORDED_METHODS = ['cash', 'cheque', 'bank_transfer'] as const

/**
 * `POST /api/rsvps/:id/mark-paid` (the events team, admins; the treasurer for money received, not
 * exemptions): the organiser records that a held
 * place was paid outside the app — `{ method: cash | cheque | bank_transfer, amount?, amountReason?,
 * paidAt? }`, a ledger entry with purpose `event` (receipt and refunds as for memberships) — or that
 * the person need not pay, `{ exempt: true, reason }`. Either way the registration is "registered
 * without payment" (through the app); a released place is taken back when one is free (409 when not).
 */
export const markPaidEndpoint: Endpoint = {
  path: '/:id/mark-paid',
  method: 'post',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to mark registrations paid.', 401)
    const actor = req.user as Actor
    const organises = reachesAll('rsvps', actor, 'update')
    // money received is the treasurer's to record too (as for memberships); letting someone off paying is the organisers'
    const keepsTheBooks = reachesAll('payments', actor, 'create')
    if (!organises && !keepsTheBooks) throw new RefusedError('Only the events team, the treasurer and admins mark registrations paid.', 403)
    const body = await readJsonBody(req)
    const exempt = body.exempt === true
    if (exempt && !organises) throw new RefusedError('Only the events team and admins let someone off paying.', 403)
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : ''
    if (exempt && !reason) throw new RefusedError('Say why this person need not pay (reason).', 400)
    const method = body.method as (typeof RECORDED_METHODS)[number]
    if (!exempt && !RECORDED_METHODS.includes(method)) throw new RefusedError(`"method" is one of ${RECORDED_METHODS.join(', ')}; or send { "exempt": true, "reason": ... }.`, 400)
    if (!exempt && body.amount !== undefined && !isMinorUnits(body.amount)) throw new RefusedError('"amount" is a whole number of pence, 0 or more.', 400)

    const rsvp = await inTransaction(req, async (tx) => {
      const current = await findLocked(tx, 'rsvps', req.routeParams?.id, 'There is no such registration.')
      const status = (current.registrationStatus ?? 'new') as RegistrationStatus
      const step = nextRegistrationStatus(status, exempt ? 'exempt' : 'mark_paid')
      if (!step.ok) throw new RefusedError(step.message, 409)
      const calledOff = await tx.payload.findByID({ collection: 'events', id: idOf(current.event)!, req: tx, depth: 0, overrideAccess: true, select: { status: true } })
      if (calledOff.status === 'cancelled') throw new RefusedError('This event has been cancelled: nothing is due, so nothing is recorded (give back any money received).', 409)
      // a released place (the hold expired) is taken back only when one is free: checked before anything is recorded
      if (current.status !== 'going') {
        const event = await findOrRefuse(tx, 'events', current.event, 'There is no such event.')
        const wanted = 1 + (current.guests ?? 0)
        if (event.capacity != null && (event.placesTaken ?? 0) + wanted > event.capacity) {
          throw new RefusedError('The place held for this registration was released and the event is now full.', 409)
        }
      }
      if (exempt) {
        tx.context.registrationTrigger = 'exempt'
        tx.context.placeNotFound = false
        const updated = (await tx.payload.update({ collection: 'rsvps', id: current.id, data: { status: 'going', exemptReason: reason }, req: tx, overrideAccess: true, depth: 0 })) as Rsvp
        if (tx.context.placeNotFound || updated.status !== 'going') throw new RefusedError('The place held for this registration was released and the event is now full.', 409)
        return updated
      }
      // the ledger's entries belong to a member: a guest (no account) who paid is let off with the reason instead
      if (current.guestEmail) throw new RefusedError('This is a guest without an account, whose payment cannot go in the ledger: record it with { "exempt": true, "reason": "paid by …" }.', 409)
      const due = current.amountDue ?? 0
      const amount = (body.amount as number | undefined) ?? due
      const currency = current.currency ?? 'GBP'
      const amountReason = typeof body.amountReason === 'string' ? body.amountReason.trim() : ''
      if (amountNeedsReason(amount, due, amountReason)) {
        throw new RefusedError(`${formatMoney({ amount, currency })} differs from the amount due (${formatMoney({ amount: due, currency })}): give a reason (amountReason).`, 400)
      }
      tx.context.eventPayment = true
      const payment = await tx.payload.create({
        collection: 'payments',
        data: {
          member: idOf(current.member) as number,
          rsvp: current.id,
          purpose: 'event',
          amount,
          currency,
          method,
          status: 'succeeded',
          paidAt: typeof body.paidAt === 'string' && !Number.isNaN(Date.parse(body.paidAt)) ? new Date(body.paidAt).toISOString() : new Date().toISOString(),
          recordedBy: req.user!.id,
          amountReason: amountReason || undefined,
          idempotencyKey: randomUUID(),
        },
        req: tx,
        overrideAccess: true,
        depth: 0,
      })
      tx.context.eventPayment = false
      if (payment.status !== 'succeeded') throw new RefusedError(payment.cancelReason ?? 'The payment could not be applied to this registration.', 409)
      return (await tx.payload.findByID({ collection: 'rsvps', id: current.id, req: tx, depth: 0, overrideAccess: true })) as Rsvp
    })
    return Response.json({ doc: rsvp, message: exempt ? 'Registered without payment (exempt).' : 'Payment recorded; registered.' })
  },
}
