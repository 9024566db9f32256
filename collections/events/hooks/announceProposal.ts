import type { CollectionAfterChangeHook } from 'payload'

import type { Event, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { rolesReachingAll } from '@/access/resolve'
import { queueEmails, siteUrl } from '@/email/queue'
import { formatDay } from '@/email/variables'

/**
 * A member's proposal arriving (new, or changed and resubmitted after a rejection) is emailed to
 * the staff who decide on proposals: everyone whose roles update every event in the matrix.
 */
export const announceProposal: CollectionAfterChangeHook<Event> = async ({ doc, previousDoc, operation, req }) => {
  if (doc.status !== 'proposed' || (operation === 'update' && previousDoc?.status === 'proposed')) return doc
  const proposerId = idOf(doc.proposedBy)
  if (proposerId === undefined) return doc
  const deciders = rolesReachingAll('events', 'update')
  const [{ docs: staff }, proposer] = await Promise.all([
    req.payload.find({ collection: 'users', where: { and: [{ roles: { in: deciders } }, { erasedAt: { exists: false } }] }, select: { email: true }, limit: 200, depth: 0, req, overrideAccess: true }),
    req.payload.findByID({ collection: 'users', id: proposerId, depth: 0, req, overrideAccess: true, select: { firstName: true, lastName: true, email: true } }) as Promise<Pick<User, 'firstName' | 'lastName' | 'email'>>,
  ])
  const variables = {
    member: { firstName: proposer.firstName, lastName: proposer.lastName, email: proposer.email },
    event: { title: doc.title, startsAt: formatDay(doc.startsAt), location: doc.location ?? '', summary: doc.summary ?? '' },
    proposal: { action: operation === 'update' ? 'changed and resubmitted' : 'proposed' },
    links: { portal: `${siteUrl()}/admin/collections/events/${doc.id}` },
  }
  await queueEmails(
    req,
    staff.map((user) => ({ template: 'event-proposal-received' as const, to: (user as Pick<User, 'email'>).email, variables })),
  )
  return doc
}
