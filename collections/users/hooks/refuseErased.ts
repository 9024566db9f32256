import type { CollectionBeforeLoginHook } from 'payload'
import { AuthenticationError } from 'payload'

/**
 * An erased account never signs in again. It has no password left (src/privacy/erasure.ts), so
 * this is a second lock: and it answers as a wrong password does, telling nothing.
 */
export const refuseErasedSignIn: CollectionBeforeLoginHook = ({ req, user }) => {
  if ((user as { erasedAt?: string | null }).erasedAt) throw new AuthenticationError(req.t)
  return user
}
