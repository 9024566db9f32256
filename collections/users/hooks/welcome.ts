import type { CollectionAfterChangeHook } from 'payload'

import type { User } from '@payload-types'

import { queueEmail } from '@/email/queue'
import { memberVariables } from '@/email/variables'

/** A new account gets the welcome email, queued with the account itself. */
export const sendWelcome: CollectionAfterChangeHook<User> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  await queueEmail(req, { template: 'welcome', to: doc.email, variables: { member: memberVariables(doc) }, related: { relationTo: 'users', value: doc.id } })
  return doc
}
