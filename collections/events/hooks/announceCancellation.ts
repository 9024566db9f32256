import type { CollectionAfterChangeHook } from 'payload'

import type { Event, Rsvp, User } from '@payload-types'

import { queueEmails, siteLinks, siteUrl } from '@/email/queue'
import { eventPath } from '@/events/links'
import { contactOf } from '@/events/registrant'
import { formatDay } from '@/email/variables'

/** Cancelling a published event tells everyone going or waitlisted, once (the status changes once), and calls off payments still pending for its places. */
export const announceCancellation: CollectionAfterChangeHook<Event> = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || previousDoc?.status !== 'published' || doc.status !== 'cancelled') return doc
  const { docs } = await req.payload.find({
    collection: 'rsvps',
    where: { and: [{ event: { equals: doc.id } }, { status: { in: ['going', 'waitlisted'] } }] },
    pagination: false,
    depth: 1,
    req,
    overrideAccess: true,
  })
  // members and guests alike (a guest's RSVP has their email instead of a member)
  const emails = (docs as Rsvp[]).flatMap((rsvp) => {
    const person = contactOf(rsvp, rsvp.member as User | null)
    if (!person) return []
    return [
      {
        template: 'event-cancelled' as const,
        to: person.email,
        related: person.related,
        variables: {
          member: { firstName: person.firstName },
          event: { title: doc.title, startsAt: formatDay(doc.startsAt), location: doc.location ?? '' },
          links: { portal: rsvp.guestEmail ? `${siteUrl()}${eventPath(doc)}` : siteLinks().portal },
        },
      },
    ]
  })
  await queueEmails(req, emails)
  // payments begun for its places are called off too (a late success is refunded: src/payments/applyEvent.ts);
  // places already paid for are refunded by the treasurer, from the payments listed for the event
  await req.payload.update({
    collection: 'payments',
    where: { and: [{ 'rsvp.event': { equals: doc.id } }, { status: { equals: 'pending' } }] },
    data: { status: 'cancelled', cancelReason: 'The event was cancelled.' },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return doc
}
