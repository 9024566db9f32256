import type { CollectionAfterLoginHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { requestAddress } from '@/security/clientAddress'
import { normaliseAccount } from '@/security/publicForm'
import type { ThrottledForm } from '@/security/throttle'
import { TooManyRequests, consumeThrottle, forgiveSignIn, setRetryAfter } from '@/security/throttle'
import { hashForNothing } from '@/security/timing'

/** Set by an endpoint that already throttled the request, so it is not counted twice. */
export const THROTTLED = 'hangar.throttled'

const FORM_OF: Partial<Record<string, ThrottledForm>> = {
  login: 'signIn',
  forgotPassword: 'forgotPassword',
  resetPassword: 'resetPassword',
  unlock: 'unlock',
  create: 'register',
}

/** Requests from outside (REST, GraphQL) are throttled; the server's own Local API calls are not. */
const fromOutside = (req: PayloadRequest) => req.payloadAPI !== 'local' && !req.context?.[THROTTLED]

/**
 * Throttles sign-in, reset, unlock (and registration and forgot-password that did not come
 * through their REST endpoints, e.g. GraphQL) per address and per account (SPEC §11).
 */
export const throttleAuthOperations: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const form = FORM_OF[operation]
  if (!form || !fromOutside(req)) return args
  if (operation === 'create' && req.user) return args // staff adding people
  const data = (args as { data?: Record<string, unknown> }).data ?? {}
  const account = form === 'resetPassword' ? normaliseAccount(data.token) : normaliseAccount(data.email)
  try {
    await consumeThrottle(req.payload, form, { address: requestAddress(req.headers), account })
  } catch (error) {
    if (error instanceof TooManyRequests) setRetryAfter(req, error)
    throw error
  }
  return args
}

/**
 * Sign-in with an email that has no account costs the password hash it would cost with one, so
 * the answer's timing does not tell whether the account exists (every API, the Local one included).
 */
export const equalSignInTiming: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const data = (args as { data?: Record<string, unknown> }).data ?? {}
  const email = normaliseAccount(data.email)
  if (!email || typeof data.password !== 'string' || !data.password) return args
  const found = await req.payload.db.findOne({ collection: 'users', where: { email: { equals: email } }, req })
  if (!found) await hashForNothing(data.password)
  return args
}

/** A successful sign-in ends the account's run of failures from that address. */
export const forgiveSuccessfulSignIn: CollectionAfterLoginHook = async ({ req, user }) => {
  if (req.payloadAPI === 'local') return user
  await forgiveSignIn(req.payload, { address: requestAddress(req.headers), account: normaliseAccount(user.email) })
  return user
}
