import type { AuthStrategy, Payload } from 'payload'
import { JWTAuthentication } from 'payload'

/**
 * What every API request reads of the person its token signs in (`req.user`): who they are, their
 * roles and sessions, and the few facts access rules look at. Access rules, hooks and endpoints
 * use nothing else of `req.user` (they read a member's profile, when they need it, by id).
 *
 * Payload's own token strategy reads the whole account on every request: the phone number, date
 * of birth and address decrypted, the custom fields, the directory choices, the API key and every
 * link's fields, about three times the cost of this. Pages of the member site, which show the
 * profile, still read the whole account (src/lib/siteRequest.ts).
 */
export const SIGNED_IN_FIELDS = {
  email: true,
  firstName: true,
  lastName: true,
  roles: true,
  // Payload checks the token's session against these (auth.useSessions)
  sessions: true,
  photo: true,
  emailVerifiedAt: true,
  erasureRequestedAt: true,
  erasedAt: true,
  createdAt: true,
  updatedAt: true,
} as const

/**
 * Payload's token strategy itself (the token taken from the header or the cookie under its CSRF
 * rules, verified, its session checked, `_strategy` and `_sid` set), reading only
 * SIGNED_IN_FIELDS of the account. It runs before Payload's: a request with no token, or one
 * this refuses, goes on to the API key strategy and Payload's own, which refuses it too.
 */
export const signedInStrategy: AuthStrategy = {
  name: 'local-jwt-signed-in',
  authenticate: ({ headers, isGraphQL, payload }) => {
    const narrowed = Object.create(payload, {
      findByID: {
        value: (options: Parameters<Payload['findByID']>[0]) =>
          payload.findByID(options.collection === 'users' && options.select === undefined ? { ...options, select: SIGNED_IN_FIELDS } : options),
      },
    }) as Payload
    return JWTAuthentication({ headers, isGraphQL, payload: narrowed, strategyName: 'local-jwt' })
  },
}
