import type { Field } from 'payload'

import { systemFieldAccess } from '@/access/collectionAccess'

/**
 * A sign-in link and code waiting to be used (src/security/signInLink.ts): only their hashes, the
 * expiry and the count of wrong codes. Never returned by the API or shown; written by Hangar alone.
 */
const systemOnly = (field: string) => ({ ...systemFieldAccess('users', field), read: () => false })

export const signInLinkFields: Field[] = [
  { name: 'signInTokenHash', type: 'text', hidden: true, index: true, access: systemOnly('signInTokenHash') },
  { name: 'signInCodeHash', type: 'text', hidden: true, access: systemOnly('signInCodeHash') },
  { name: 'signInExpiresAt', type: 'date', hidden: true, access: systemOnly('signInExpiresAt') },
  { name: 'signInCodeAttempts', type: 'number', hidden: true, access: systemOnly('signInCodeAttempts') },
]
