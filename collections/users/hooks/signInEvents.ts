import type { AfterErrorHook, CollectionAfterLoginHook, CollectionBeforeOperationHook } from 'payload'

import { requestAddress } from '@/security/clientAddress'
import { normaliseAccount } from '@/security/publicForm'
import { accountIdOf, recordSignIn } from '@/security/signInEvents'

/** The email of a password sign-in from outside (REST, GraphQL), while it runs. */
const PASSWORD_SIGN_IN = 'hangar.passwordSignIn'

/**
 * Password sign-ins through the API are recorded (src/security/signInEvents.ts); the member site's
 * form records its own (it signs in through the Local API), and so do emailed links and codes.
 */
export const notePasswordSignIn: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'login' || req.payloadAPI === 'local') return args
  const email = normaliseAccount((args as { data?: Record<string, unknown> }).data?.email)
  if (email) req.context[PASSWORD_SIGN_IN] = email
  return args
}

export const recordPasswordSignIn: CollectionAfterLoginHook = async ({ req, user }) => {
  if (!req.context[PASSWORD_SIGN_IN]) return user
  req.context[PASSWORD_SIGN_IN] = undefined
  await recordSignIn(req.payload, { person: user.id as number, email: user.email as string, method: 'password', succeeded: true, address: requestAddress(req.headers) }, req)
  return user
}

/** A wrong password (401) for an account is recorded against it; an unknown email is not recorded. */
export const recordFailedPasswordSignIn: AfterErrorHook = async ({ error, req }) => {
  const email = req.context?.[PASSWORD_SIGN_IN]
  if (typeof email !== 'string' || (error as { status?: number }).status !== 401) return
  req.context[PASSWORD_SIGN_IN] = undefined
  const person = await accountIdOf(req.payload, email)
  if (person) await recordSignIn(req.payload, { person, email, method: 'password', succeeded: false, address: requestAddress(req.headers) })
}
