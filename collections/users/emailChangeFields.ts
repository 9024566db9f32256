import type { Field } from 'payload'

import { systemFieldAccess } from '@/access/collectionAccess'

/**
 * A requested email change waiting for the new address to confirm it (src/security/emailChange.ts):
 * never returned by the API or shown, and written by Hangar alone (field access refuses every
 * write from a request; the confirmation flow writes with the system's rights).
 */
const systemOnly = (field: string) => ({ ...systemFieldAccess('users', field), read: () => false })

export const emailChangeFields: Field[] = [
  { name: 'pendingEmail', type: 'email', hidden: true, access: systemOnly('pendingEmail') },
  { name: 'emailChangeTokenHash', type: 'text', hidden: true, index: true, access: systemOnly('emailChangeTokenHash') },
  { name: 'emailChangeExpiresAt', type: 'date', hidden: true, access: systemOnly('emailChangeExpiresAt') },
]
