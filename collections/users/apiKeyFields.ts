import type { Field, PayloadRequest } from 'payload'

import { ownerOnlyFieldAccess } from '@/access/collectionAccess'

/** The account itself: the document being read or changed is the signed-in user's own. */
export const isOwnAccount = ({ doc, id, req }: { doc?: Record<string, unknown>; id?: number | string; req: Pick<PayloadRequest, 'user'> }) =>
  req.user != null && (doc?.id ?? id) === req.user.id

/**
 * Payload adds `enableAPIKey`, `apiKey` (stored encrypted) and `apiKeyIndex` (an HMAC of the key,
 * used to find the account) to users with `auth.useAPIKey`. Fields of the same name here are merged
 * into Payload's own (its hooks stay), adding the owner-only access of the matrix: a key is
 * readable by its owner alone — also through select, population and GraphQL — and nobody can
 * filter or sort on it, because field access without a document is refused.
 */
export const apiKeyFields: Field[] = [
  { name: 'enableAPIKey', type: 'checkbox', access: ownerOnlyFieldAccess('users', 'enableAPIKey', isOwnAccount) },
  { name: 'apiKey', type: 'text', access: ownerOnlyFieldAccess('users', 'apiKey', isOwnAccount) },
  { name: 'apiKeyIndex', type: 'text', hidden: true, access: ownerOnlyFieldAccess('users', 'apiKeyIndex', isOwnAccount) },
]
