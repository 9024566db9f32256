import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@payload-types'

import { queueEmail } from '@/email/queue'
import { memberVariables } from '@/email/variables'

/**
 * The welcome email goes to an address known to be the person's: with a new account that staff
 * (or the system) made, or once a self-registered account confirms its address (by the link, an
 * email change or staff marking it verified). Until then the account gets the link instead.
 */
export const sendWelcome: CollectionAfterChangeHook<User> = async ({ doc, operation, previousDoc, req }) => {
  const welcomeNow = operation === 'create' ? Boolean(doc.emailVerifiedAt) : Boolean(doc.emailVerifiedAt) && !previousDoc?.emailVerifiedAt && !doc.erasedAt
  if (!welcomeNow) return doc
  await queueEmail(req, { template: 'welcome', to: doc.email, variables: { member: memberVariables(doc) }, related: { relationTo: 'users', value: doc.id } })
  return doc
}
