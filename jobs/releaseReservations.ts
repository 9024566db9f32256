import type { Payload, TaskConfig } from 'payload'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, siteUrl } from '@/email/queue'
import { registrantContact } from '@/events/registrant'
import { holdIsLive } from '@/events/reservations'
import { findLocked } from '@/lib/findOrRefuse'
import { formatMoney } from '@/lib/money'
import { inTransaction, systemRequest } from '@/lib/transaction'

import { recordJobRun } from './health'

const BATCH_SIZE = 200

export type ReleaseReport = { released: number }

/**
 * Releases places held for payment that was not made in time (seed 004): each registration still
 * `payment_pending` past its `heldUntil` becomes `expired` and its RSVP cancelled, which gives the
 * places back and promotes the waitlist (collections/rsvps/hooks/takePlaces.ts); its pending
 * payments are cancelled and the registrant is emailed. Each release is its own transaction under
 * the registration's lock and rechecked there, so a payment arriving at the same moment wins, and
 * the state change is the once-only marker: a second runner or a retry finds nothing to do and
 * sends nothing. A payment that still succeeds later takes the place back if one is free, or is
 * refunded (src/payments/applyEvent.ts).
 */
export async function runReservationRelease(payload: Payload, options: { now?: Date } = {}): Promise<ReleaseReport> {
  const now = options.now ?? new Date()
  const report: ReleaseReport = { released: 0 }
  let afterId = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: 'rsvps',
      where: { and: [{ registrationStatus: { equals: 'payment_pending' } }, { heldUntil: { less_than_equal: now.toISOString() } }, { id: { greater_than: afterId } }] },
      sort: 'id',
      limit: BATCH_SIZE,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { heldUntil: true },
    })
    if (docs.length === 0) break
    afterId = docs.at(-1)!.id
    for (const candidate of docs) {
      const released = await inTransaction(await systemRequest(payload), async (req) => {
        const rsvp = await findLocked(req, 'rsvps', candidate.id, `There is no registration ${candidate.id}.`)
        if (rsvp.registrationStatus !== 'payment_pending' || holdIsLive(rsvp.heldUntil, now)) return false
        req.context.registrationTrigger = 'expire'
        req.context.registrationNow = now
        await payload.update({ collection: 'rsvps', id: rsvp.id, data: { status: 'cancelled' }, req, overrideAccess: true, depth: 0 })
        await payload.update({
          collection: 'payments',
          where: { and: [{ rsvp: { equals: rsvp.id } }, { status: { equals: 'pending' } }] },
          data: { status: 'cancelled', notes: 'The place it was for was released: not paid in time.' },
          req,
          overrideAccess: true,
          depth: 0,
        })
        const [person, event] = await Promise.all([
          registrantContact(req, rsvp),
          payload.findByID({ collection: 'events', id: idOf(rsvp.event)!, req, depth: 0, overrideAccess: true }),
        ])
        await queueEmail(req, {
          template: 'event-reservation-expired',
          to: person.email,
          related: person.related,
          variables: {
            member: { firstName: person.firstName },
            event: { title: event.title, startsAt: new Date(event.startsAt).toUTCString(), link: `${siteUrl()}/events/${event.id}` },
            registration: { amount: formatMoney({ amount: rsvp.amountDue ?? 0, currency: rsvp.currency ?? 'GBP' }), reference: rsvp.paymentReference ?? '' },
          },
        })
        return true
      })
      if (released) report.released += 1
    }
    if (docs.length < BATCH_SIZE) break
  }
  return report
}

export const releaseReservationsTask: TaskConfig<'releaseReservations'> = {
  slug: 'releaseReservations',
  label: 'Release event places not paid for in time',
  inputSchema: [{ name: 'now', type: 'date' }],
  outputSchema: [{ name: 'released', type: 'number' }],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  // hourly: a hold ends at a moment, not at a day's end
  schedule: [{ cron: '0 15 * * * *', queue: 'nightly' }],
  handler: async ({ input, req }) => {
    const report = await runReservationRelease(req.payload, { now: input?.now ? new Date(input.now) : undefined })
    await recordJobRun(req.payload, 'releaseReservations')
    req.payload.logger.info(`Event reservations: ${report.released} released`)
    return { output: report }
  },
}
