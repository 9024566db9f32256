import type { CollectionBeforeValidateHook } from 'payload'

import type { Consent } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { RECORDED_BY_SITE } from '@/privacy/consents'

/**
 * A row the site records (sign-up, portal) says so in its request context. Anything else is staff
 * entering a consent given elsewhere (on paper, by phone): it is marked as recorded by them, now.
 * A privacy-policy row names the version accepted; an opt-in row has none.
 */
export const prepareConsent: CollectionBeforeValidateHook<Consent> = ({ context, data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const next = { ...data }
  if (!context?.[RECORDED_BY_SITE]) {
    next.source = 'admin'
    next.recordedBy = (req.user?.id as number | undefined) ?? null
    next.givenAt = new Date().toISOString()
  }
  if (next.kind === 'privacy_policy') {
    if (typeof next.policyVersion !== 'string' || !next.policyVersion.trim()) {
      throw new RefusedError('Say which version of the privacy policy was accepted.', 400)
    }
    next.policyVersion = next.policyVersion.trim()
  } else {
    next.policyVersion = null
  }
  return next
}
