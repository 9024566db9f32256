import type { CollectionAfterChangeHook, CollectionBeforeOperationHook } from 'payload'
import { ValidationError } from 'payload'

import type { User } from '@payload-types'

import { readSettings } from '@/lib/siteRequest'
import { MUST_ACCEPT_POLICY, currentPolicyVersion, recordConsent } from '@/privacy/consents'

/** The policy version a self-registration accepted, carried from the check to the record. */
const ACCEPTED_POLICY_VERSION = 'hangar.signUpAcceptedPolicyVersion'

/**
 * Someone signing themself up (a visitor creating an account through REST, GraphQL or the join
 * form, with access checked) must accept the current privacy policy. Staff adding people, the
 * first-user set-up and the server's own calls are not sign-ups.
 */
export const requirePolicyAcceptance: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' || req.user || (args as { overrideAccess?: boolean }).overrideAccess) return args
  const data = ((args as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>
  if (data.acceptPrivacyPolicy !== true) {
    throw new ValidationError({ collection: 'users', errors: [{ path: 'acceptPrivacyPolicy', message: MUST_ACCEPT_POLICY }] })
  }
  req.context = { ...req.context, [ACCEPTED_POLICY_VERSION]: currentPolicyVersion(await readSettings(req.payload)) }
  return args
}

/** The sign-up's acceptance is recorded with the account, in its transaction. */
export const recordSignUpConsent: CollectionAfterChangeHook<User> = async ({ context, doc, operation, req }) => {
  const version = context?.[ACCEPTED_POLICY_VERSION]
  if (operation !== 'create' || typeof version !== 'string') return doc
  delete context[ACCEPTED_POLICY_VERSION]
  await recordConsent(req, { person: doc.id, kind: 'privacy_policy', granted: true, policyVersion: version, source: 'sign-up' })
  return doc
}
