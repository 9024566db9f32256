import type { Endpoint, PayloadRequest } from 'payload'

import type { User } from '@payload-types'

import { canAuthOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { eraseMember, requestErasure, withdrawErasureRequest } from '@/privacy/erasure'

function signedIn(req: PayloadRequest, action: string): User {
  if (!req.user || req.user.collection !== 'users') throw new RefusedError(`Sign in to ${action}.`, 401)
  return req.user as unknown as User
}

/**
 * POST /api/users/me/erasure-request: the signed-in member asks for their personal data to be
 * erased (src/privacy/erasure.ts). An admin confirms it, or it is done after the delay in settings.
 */
export const requestErasureEndpoint: Endpoint = {
  path: '/me/erasure-request',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req, 'ask for your data to be erased')
    const request = await requestErasure(req.payload, user)
    return Response.json({ message: 'Your request to erase your personal data is recorded.', ...request }, { status: 201, headers: { 'Cache-Control': 'no-store' } })
  },
}

/** DELETE /api/users/me/erasure-request: the member withdraws the request while it waits. */
export const withdrawErasureEndpoint: Endpoint = {
  path: '/me/erasure-request',
  method: 'delete',
  handler: async (req) => {
    const user = signedIn(req, 'withdraw your request')
    await withdrawErasureRequest(req.payload, user)
    return Response.json({ message: 'Your request is withdrawn; nothing was erased.' })
  },
}

/**
 * POST /api/users/:id/erase: those the matrix lets `erase` (admins) erase a person now, whether
 * or not they asked. Payments and memberships stay, linked to the anonymous account.
 */
export const eraseEndpoint: Endpoint = {
  path: '/:id/erase',
  method: 'post',
  handler: async (req) => {
    const actor = signedIn(req, 'erase a person')
    if (!canAuthOperation('erase', actor as Actor)) throw new RefusedError('Only admins can erase a person’s data.', 403)
    const raw = String(req.routeParams?.id ?? '')
    if (!/^\d{1,15}$/.test(raw)) throw new RefusedError('There is no such person.', 404)
    const report = await eraseMember(req.payload, Number(raw), { by: actor, cause: 'admin' })
    if (report.alreadyErased) throw new RefusedError('This person’s data has already been erased.', 409)
    return Response.json({ message: `Erased. The account is now "Erased member ${report.reference}".`, reference: report.reference, erased: report.erased }, { headers: { 'Cache-Control': 'no-store' } })
  },
}
