import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { normaliseEmail } from '@/membership/groups'
import { EMAIL_CHANGE_CONTEXT } from '@/security/emailChange'

/**
 * A member's own email changes only through the confirmation sent to the new address
 * (src/security/emailChange.ts), never by writing the field: otherwise anyone holding a session
 * could move the account to an address they control without proving it. Staff who manage
 * people (the matrix's `all` scope for updating users) and the system itself may set it.
 */
export const guardEmailChange: CollectionBeforeChangeHook<User> = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || data.email === undefined || !req.user || req.context[EMAIL_CHANGE_CONTEXT]) return data
  if (normaliseEmail(data.email) === normaliseEmail(originalDoc?.email)) return data
  if (reachesAll('users', req.user as Actor, 'update')) return data
  throw new RefusedError('To change your email address, use your profile page: we send a link to the new address to confirm it.', 403)
}
