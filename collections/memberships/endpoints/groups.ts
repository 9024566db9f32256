import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import type { User } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { addToGroup, removeFromGroup } from '@/membership/groupMembers'
import type { GroupKind } from '@/membership/groups'
import { readJsonBody } from '@/lib/requestBody'

/** The email from the JSON body (POST, and DELETE, whose body Payload leaves unread) or `?email=`. */
async function emailFrom(req: PayloadRequest): Promise<unknown> {
  if (!req.user) throw new RefusedError('Sign in to change who is on a membership.', 401)
  const { email } = await readJsonBody(req)
  return email ?? req.searchParams?.get('email') ?? undefined
}

const adder =
  (kind: GroupKind): PayloadHandler =>
  async (req) => {
    const email = await emailFrom(req)
    const { membership, email: added } = await addToGroup(req.payload, req.user as User, { membership: req.routeParams?.id as string, email, kind })
    return Response.json({ doc: membership, message: `${added} added.` }, { status: 201 })
  }

const remover =
  (kind: GroupKind): PayloadHandler =>
  async (req) => {
    const email = await emailFrom(req)
    const membership = await removeFromGroup(req.payload, req.user as User, { membership: req.routeParams?.id as string, email, kind })
    return Response.json({ doc: membership, message: 'Removed.' })
  }

/**
 * `POST /api/memberships/:id/seats` `{ email }` adds a seat holder to an organisation
 * membership; `DELETE` with the same body (or `?email=`) removes one. `/household` does the
 * same for the members of a household. For the membership's contact and for admins.
 */
export const groupEndpoints: Endpoint[] = [
  { path: '/:id/seats', method: 'post', handler: adder('organisation') },
  { path: '/:id/seats', method: 'delete', handler: remover('organisation') },
  { path: '/:id/household', method: 'post', handler: adder('household') },
  { path: '/:id/household', method: 'delete', handler: remover('household') },
]
