import type { CollectionAfterChangeHook } from 'payload'

import type { Membership } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, queueStaffEmail } from '@/email/queue'
import { memberVariables, membershipVariables } from '@/email/variables'

/**
 * An application that waits for approval: the applicant is told it arrived, and staff that it
 * needs a decision. Queued in the creating transaction, so a refused application emails nobody.
 */
export const announceApplication: CollectionAfterChangeHook<Membership> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || doc.status !== 'applied') return doc
  const [member, tier] = await Promise.all([
    req.payload.findByID({ collection: 'users', id: idOf(doc.member)!, req, depth: 0, overrideAccess: true }),
    req.payload.findByID({ collection: 'tiers', id: idOf(doc.tier)!, req, depth: 0, overrideAccess: true }),
  ])
  const variables = { member: memberVariables(member), membership: membershipVariables(doc, tier) }
  const related = { relationTo: 'memberships' as const, value: doc.id }
  await queueEmail(req, { template: 'application-received', to: member.email, variables, related })
  await queueStaffEmail(req, { template: 'admin-new-application', variables, related })
  return doc
}
