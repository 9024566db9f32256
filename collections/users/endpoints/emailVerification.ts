import type { Endpoint, PayloadRequest } from 'payload'

import type { User } from '@payload-types'

import { canAuthOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { readJsonBody } from '@/lib/requestBody'
import { NEW_LINK_ANSWER, confirmEmailVerification, markEmailVerified, sendNewVerificationLink, verificationNext } from '@/security/emailVerification'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests, tooManyRequestsResponse } from '@/security/throttle'

const noStore = { 'Cache-Control': 'no-store' }

export function signedIn(req: PayloadRequest, action: string): User {
  if (!req.user || req.user.collection !== 'users') throw new RefusedError(`Sign in to ${action}.`, 401)
  return req.user as unknown as User
}

/** A person's id from the route; anything else names nobody. */
export function personId(req: PayloadRequest): number {
  const raw = String(req.routeParams?.id ?? '')
  if (!/^\d{1,15}$/.test(raw)) throw new RefusedError('There is no such person.', 404)
  return Number(raw)
}

/**
 * POST /api/users/verify-email `{ token }`: the "Confirm" press behind the emailed link (the
 * member-site page does the same). Throttled per address and per token; a used, replaced,
 * expired or unknown link is refused with 404 and changes nothing.
 */
export const confirmEmailVerificationEndpoint: Endpoint = {
  path: '/verify-email',
  method: 'post',
  handler: async (req) => {
    const { token } = await readJsonBody(req)
    try {
      await guardPublicForm(req.payload, { form: 'verifyEmail', headers: req.headers, account: typeof token === 'string' ? token : null })
    } catch (error) {
      if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
      throw error
    }
    const { email } = await confirmEmailVerification(req.payload, token)
    return Response.json({ message: `Thank you: ${email} is confirmed.`, email }, { headers: noStore })
  },
}

/**
 * POST /api/users/verify-email/resend `{ next? }`: the signed-in person asks for a new link.
 * Throttled; the answer is the same whether a link was sent or the address is already verified.
 */
export const resendVerificationEndpoint: Endpoint = {
  path: '/verify-email/resend',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req, 'ask for a new link')
    const { next } = await readJsonBody(req)
    try {
      await guardPublicForm(req.payload, { form: 'verifyEmailResend', headers: req.headers, account: String(user.id) })
    } catch (error) {
      if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
      throw error
    }
    await sendNewVerificationLink(req, user.id, verificationNext(next))
    return Response.json({ message: NEW_LINK_ANSWER }, { status: 202, headers: noStore })
  },
}

function mayVerify(req: PayloadRequest): User {
  const actor = signedIn(req, 'manage people')
  if (!canAuthOperation('verifyEmail', actor as Actor)) throw new RefusedError('Only admins and the secretary can verify a person’s email address.', 403)
  return actor
}

/** POST /api/users/:id/mark-email-verified: staff who manage people mark the address verified by hand (audit trail). */
export const markEmailVerifiedEndpoint: Endpoint = {
  path: '/:id/mark-email-verified',
  method: 'post',
  handler: async (req) => {
    mayVerify(req)
    const { verifiedAt, already } = await markEmailVerified(req, personId(req))
    return Response.json({ message: already ? 'This email address was already verified.' : 'Marked as verified.', emailVerifiedAt: verifiedAt }, { headers: noStore })
  },
}

/** POST /api/users/:id/send-verification-email: staff send the person a new link (it replaces the previous one). */
export const sendVerificationEmailEndpoint: Endpoint = {
  path: '/:id/send-verification-email',
  method: 'post',
  handler: async (req) => {
    mayVerify(req)
    const sent = await sendNewVerificationLink(req, personId(req))
    if (!sent) throw new RefusedError('This email address is already verified (or the person’s data was erased): no link was sent.', 409)
    return Response.json({ message: 'A new link is on its way to them.' }, { status: 202, headers: noStore })
  },
}

export const emailVerificationEndpoints: Endpoint[] = [confirmEmailVerificationEndpoint, resendVerificationEndpoint, markEmailVerifiedEndpoint, sendVerificationEmailEndpoint]
