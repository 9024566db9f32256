import type { Endpoint, PayloadRequest } from 'payload'

import { canAuthOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { readJsonBody } from '@/lib/requestBody'
import { requestAddress } from '@/security/clientAddress'
import { knownDeviceSetCookie } from '@/security/knownDevice'
import { guardPublicForm } from '@/security/publicForm'
import type { StartedSession } from '@/security/session'
import { payloadSessionCookie } from '@/security/session'
import { CODE_NOT_VALID, INVITATION_DAYS, SIGN_IN_LINK_ANSWER, inviteToSignIn, requestSignInLink, signInEmail, signInWithCode, signInWithLink } from '@/security/signInLink'
import { TooManyRequests, tooManyRequestsResponse } from '@/security/throttle'

import { personId, signedIn as staffSignedIn } from './emailVerification'

const noStore = { 'Cache-Control': 'no-store' }

/** Payload's login answer, with the same session cookie a password sign-in sets. */
export function signedIn(req: PayloadRequest, session: StartedSession): Response {
  const { user } = session
  const body = { message: 'You are signed in.', exp: session.exp, token: session.token, user: { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, roles: user.roles, collection: 'users' } }
  const headers = new Headers(noStore)
  headers.append('Set-Cookie', payloadSessionCookie(req.payload, session.token))
  headers.append('Set-Cookie', knownDeviceSetCookie(req.payload, user.id))
  return Response.json(body, { headers })
}

export async function throttled(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
    throw error
  }
}

/**
 * POST /api/users/sign-in-link `{ email }`: "email me a sign-in link" (src/security/signInLink.ts).
 * Honeypot and throttle, then the same answer at the same speed for every email.
 */
export const requestSignInLinkEndpoint: Endpoint = {
  path: '/sign-in-link',
  method: 'post',
  handler: async (req) => {
    const data = await readJsonBody(req)
    const email = signInEmail(data.email)
    if (!email) throw new RefusedError('Enter the email address of your account.', 400)
    return throttled(async () => {
      const verdict = await guardPublicForm(req.payload, { form: 'signInLink', headers: req.headers, account: email, data })
      if (verdict === 'proceed') await requestSignInLink(req.payload, email)
      return Response.json({ message: SIGN_IN_LINK_ANSWER }, { headers: noStore })
    })
  },
}

/**
 * POST /api/users/sign-in-link/confirm `{ token }`: the "Sign in" press behind an emailed link.
 * Signs in (the session cookie, and the token as Payload's login returns it); a used, replaced,
 * expired or unknown link is a 404.
 */
export const confirmSignInLinkEndpoint: Endpoint = {
  path: '/sign-in-link/confirm',
  method: 'post',
  handler: async (req) => {
    const { token } = await readJsonBody(req)
    if (typeof token !== 'string' || !token) throw new RefusedError('Send the token of the sign-in link.', 400)
    return throttled(async () => {
      await guardPublicForm(req.payload, { form: 'signInLinkUse', headers: req.headers, account: token })
      return signedIn(req, await signInWithLink(req.payload, token, requestAddress(req.headers)))
    })
  },
}

/**
 * POST /api/users/sign-in-code `{ email, code }`: the emailed code typed instead of opening the
 * link. The same 401 for an unknown email and a wrong, used, expired or stopped code.
 */
export const signInCodeEndpoint: Endpoint = {
  path: '/sign-in-code',
  method: 'post',
  handler: async (req) => {
    const data = await readJsonBody(req)
    return throttled(async () => {
      if ((await guardPublicForm(req.payload, { form: 'signInLinkUse', headers: req.headers, account: signInEmail(data.email), data })) === 'trapped') {
        throw new RefusedError(CODE_NOT_VALID, 401)
      }
      return signedIn(req, await signInWithCode(req.payload, data.email, data.code, requestAddress(req.headers)))
    })
  },
}

/**
 * POST /api/users/:id/invite: staff who manage people email a person an invitation to sign in (a
 * sign-in link and code lasting INVITATION_DAYS, replacing any link they had).
 */
export const inviteEndpoint: Endpoint = {
  path: '/:id/invite',
  method: 'post',
  handler: async (req) => {
    const actor = staffSignedIn(req, 'invite people')
    if (!canAuthOperation('invite', actor as Actor)) throw new RefusedError('Only admins and the secretary can invite people to sign in.', 403)
    const { email } = await inviteToSignIn(req, personId(req))
    return Response.json({ message: `An invitation is on its way to ${email}. Its link and code work for ${INVITATION_DAYS} days.` }, { status: 202, headers: noStore })
  },
}

export const signInLinkEndpoints = [requestSignInLinkEndpoint, confirmSignInLinkEndpoint, signInCodeEndpoint, inviteEndpoint]
