import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { readSettings } from '@/lib/siteRequest'
import { consentState, currentPolicyVersion, policyStatus } from '@/privacy/consents'

/**
 * `GET /api/consents/current`: the signed-in person's current choices (the latest record of each
 * kind) and where they stand with the current privacy policy, for apps and integrations.
 */
export const currentConsentsEndpoint: Endpoint = {
  path: '/current',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to see your privacy choices.', 401)
    const [state, settings] = await Promise.all([consentState(req, req.user.id), readSettings(req.payload)])
    const version = currentPolicyVersion(settings)
    return Response.json({ privacyPolicy: { currentVersion: version, status: policyStatus(state, version), url: settings.privacyPolicyUrl || null }, consents: state })
  },
}
