import type { Endpoint, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import type { User } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { removeMemberPhoto, setMemberPhoto } from '@/members/photo'

function signedIn(req: PayloadRequest): User {
  if (!req.user || req.user.collection !== 'users') throw new RefusedError('Sign in to change your photo.', 401)
  return req.user as unknown as User
}

/**
 * POST /api/users/photo (multipart, the image in `file`): the signed-in person's profile photo,
 * made square and stripped of metadata (src/members/photo.ts). DELETE takes it down.
 */
export const setPhotoEndpoint: Endpoint = {
  path: '/photo',
  method: 'post',
  handler: async (req) => {
    const user = signedIn(req)
    await addDataAndFileToRequest(req)
    const file = req.file as { data?: Buffer; name?: string; truncated?: boolean } | undefined
    if (!file?.data) throw new RefusedError('Attach the photo as `file` (multipart/form-data).', 400)
    if (file.truncated) throw new RefusedError('The photo is too large.', 413)
    const photo = await setMemberPhoto(req.payload, user, { data: file.data, name: file.name })
    return Response.json({ message: 'Your photo is saved.', photo: { id: photo.id, url: photo.url, width: photo.width, height: photo.height } }, { status: 201 })
  },
}

export const removePhotoEndpoint: Endpoint = {
  path: '/photo',
  method: 'delete',
  handler: async (req) => {
    const user = signedIn(req)
    await removeMemberPhoto(req.payload, user)
    return Response.json({ message: 'Your photo is removed.' })
  },
}
