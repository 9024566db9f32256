import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import type { User } from '@payload-types'

import { SELF_SIGN_UP_CONTEXT, VERIFICATION_NEXT_CONTEXT, newVerificationToken, queueVerificationEmail, verificationNext } from '@/security/emailVerification'

/** The new account's token, carried from the create to its email (never stored in clear). */
const TOKEN_CONTEXT = 'hangarVerificationToken'

/**
 * A visitor creating their own account (REST, GraphQL or the join form: nobody signed in, access
 * checked) is a self-registration; staff adding people, the first-user set-up and the server's
 * own calls (the seed, imports, tests) are not. Same test as the privacy-policy acceptance.
 */
export const noteSelfSignUp: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'create' && !req.user && !(args as { overrideAccess?: boolean }).overrideAccess) req.context[SELF_SIGN_UP_CONTEXT] = true
  return args
}

/**
 * A self-registered account starts unverified, with a fresh link's hash; any other new account is
 * verified from the start (a server call may create one unverified by saying `emailVerifiedAt: null`).
 */
export const startEmailVerification: CollectionBeforeChangeHook<User> = ({ context, data, operation }) => {
  if (operation !== 'create') return data
  if (context[SELF_SIGN_UP_CONTEXT]) {
    const { token, fields } = newVerificationToken()
    context[TOKEN_CONTEXT] = token
    return { ...data, emailVerifiedAt: null, ...fields }
  }
  if (data.emailVerifiedAt === undefined) return { ...data, emailVerifiedAt: new Date().toISOString() }
  return data
}

/** The link goes out with the account itself, in its transaction. */
export const sendVerificationEmail: CollectionAfterChangeHook<User> = async ({ context, doc, operation, req }) => {
  const token = context[TOKEN_CONTEXT]
  if (operation !== 'create' || typeof token !== 'string') return doc
  delete context[TOKEN_CONTEXT]
  delete context[SELF_SIGN_UP_CONTEXT]
  await queueVerificationEmail(req, doc, token, verificationNext(context[VERIFICATION_NEXT_CONTEXT]))
  return doc
}
