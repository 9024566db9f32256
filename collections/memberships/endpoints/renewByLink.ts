import type { Endpoint } from 'payload'

import type { User } from '@payload-types'

import { signedIn, throttled } from '../../users/endpoints/signInLink'
import { RefusedError } from '@/lib/errors'
import { readJsonBody } from '@/lib/requestBody'
import { pressRenew } from '@/membership/renewByLink'
import { knownDeviceFromHeaders } from '@/security/knownDevice'

/**
 * `POST /api/memberships/renew-by-link` `{ token, provider, code? }`: "Renew" on the page a renewal
 * link opened (src/membership/renewalLinks.ts). Signed in as the member, or on a browser that has
 * signed in to their account before: the checkout starts (200, `next` is where to pay; a new
 * session comes as Payload's cookie and token). Anywhere else: a code is emailed to the member (202)
 * and the same request with `code` signs in and starts the checkout.
 */
export const renewByLinkEndpoint: Endpoint = {
  path: '/renew-by-link',
  method: 'post',
  handler: async (req) => {
    const data = await readJsonBody(req)
    const { token, provider, code } = data
    if (typeof token !== 'string' || !token) throw new RefusedError('Send the token of the renewal link (token).', 400)
    if (code !== undefined && code !== null && typeof code !== 'string' && typeof code !== 'number') throw new RefusedError('"code" must be the code from the email.', 400)
    return throttled(async () => {
      const result = await pressRenew(req.payload, { token, provider, code, signedIn: req.user as User | null, knownDevice: knownDeviceFromHeaders(req.payload, req.headers), headers: req.headers, data })
      if (result.outcome === 'code-sent') {
        return Response.json(
          { outcome: 'code-sent', message: `To renew on this device, type the code we have just emailed to ${result.sentTo}.` },
          { status: 202, headers: { 'Cache-Control': 'no-store' } },
        )
      }
      const answer = { outcome: 'checkout', next: result.next, payment: result.payment }
      if (!result.session) return Response.json(answer, { headers: { 'Cache-Control': 'no-store' } })
      const withSession = signedIn(req, result.session)
      const body = { ...(await withSession.json()), ...answer }
      return Response.json(body, { headers: withSession.headers })
    })
  },
}
