import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { privacyStandingOf } from '@/privacy/consents'

/**
 * `GET /api/consents/current`: the signed-in person's current choices (the latest record of each
 * kind) and where they stand with the current privacy policy, for apps and integrations.
 */
export const currentConsentsEndpoint: Endpoint = {
  path: '/current',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to see your privacy choices.', 401)
    const { state, version, status, url } = await privacyStandingOf(req, req.user.id)
    return Response.json({ privacyPolicy: { currentVersion: version, status, url }, consents: state })
  },
}
