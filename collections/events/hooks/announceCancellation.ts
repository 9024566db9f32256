import type { CollectionAfterChangeHook } from 'payload'

import type { Event, Rsvp, User } from '@payload-types'

import { queueEmail, siteLinks } from '@/email/queue'
import { formatDay } from '@/email/variables'

/** Cancelling a published event tells everyone going or waitlisted, once (the status changes once). */
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
  for (const rsvp of docs as Rsvp[]) {
    const member = rsvp.member as User
    await queueEmail(req, {
      template: 'event-cancelled',
      to: member.email,
      related: { relationTo: 'users', value: member.id },
      variables: {
        member: { firstName: member.firstName },
        event: { title: doc.title, startsAt: formatDay(doc.startsAt), location: doc.location ?? '' },
        links: { portal: siteLinks().portal },
      },
    })
  }
  return doc
}
