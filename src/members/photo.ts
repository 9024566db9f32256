/**
 * A member's profile photo (issue 15, point 1): an image in `media` owned by the member, set and
 * replaced from the profile page. What is stored is made here, not what was sent: the image is
 * checked by its content (JPEG, PNG, WebP or AVIF, at most MAX_PHOTO_BYTES), turned upright,
 * cropped to a square of PHOTO_SIZE pixels and saved as JPEG, which also drops its metadata
 * (a phone photo's EXIF carries where it was taken). A new photo replaces the old one, whose
 * files are deleted with it.
 */
import type { Payload, PayloadRequest } from 'payload'
import sharp from 'sharp'

import type { Media, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { lockRow } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { holdFilesUntilSettled } from '@/lib/uploadFiles'

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024
export const PHOTO_SIZE = 512
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'heif'])

export type UploadedPhoto = { data: Buffer; name?: string }

/** The stored form of an uploaded photo: square, upright, JPEG, no metadata. Refuses what is not a photo. */
export async function preparePhoto(upload: UploadedPhoto): Promise<Buffer> {
  if (upload.data.byteLength === 0) throw new RefusedError('Choose a photo to upload.', 400)
  if (upload.data.byteLength > MAX_PHOTO_BYTES) throw new RefusedError(`The photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`, 413)
  const format = await sharp(upload.data)
    .metadata()
    .then((meta) => meta.format)
    .catch(() => undefined)
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new RefusedError('Choose a photo in JPEG, PNG, WebP or AVIF format.', 400)
  try {
    return await sharp(upload.data).rotate().resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'cover', position: 'attention' }).jpeg({ quality: 85, mozjpeg: true }).toBuffer()
  } catch {
    throw new RefusedError('That image could not be read. Choose another photo.', 400)
  }
}

/** Stores a new photo for the member and makes it theirs; the previous one is deleted. */
export async function setMemberPhoto(payload: Payload, user: Pick<User, 'id' | 'firstName' | 'lastName' | 'photo'>, upload: UploadedPhoto): Promise<Media> {
  const data = await preparePhoto(upload)
  const req = await systemRequest(payload)
  return inTransaction(req, async () => {
    // two uploads at once take turns: each replaces (and deletes) the photo the other left
    await lockRow(req, 'users', user.id)
    const photo = (await payload.create({
      collection: 'media',
      data: { alt: `Photo of ${user.firstName} ${user.lastName}`.trim(), owner: user.id },
      file: { data, mimetype: 'image/jpeg', name: `member-${user.id}.jpg`, size: data.byteLength },
      overrideAccess: true,
      depth: 0,
      req,
    })) as Media
    const previous = await currentPhotoId(payload, user.id, req)
    await payload.update({ collection: 'users', id: user.id, data: { photo: photo.id }, overrideAccess: true, depth: 0, req })
    if (previous && previous !== photo.id) await payload.delete({ collection: 'media', id: previous, overrideAccess: true, req })
    return photo
  })
}

/** Takes the member's photo down: the account shows none, and the image and its files are deleted. */
export async function removeMemberPhoto(payload: Payload, user: Pick<User, 'id'>): Promise<void> {
  const req = await systemRequest(payload)
  await inTransaction(req, async () => {
    await lockRow(req, 'users', user.id)
    const previous = await currentPhotoId(payload, user.id, req)
    if (!previous) return
    await payload.update({ collection: 'users', id: user.id, data: { photo: null }, overrideAccess: true, depth: 0, req })
    await payload.delete({ collection: 'media', id: previous, overrideAccess: true, req })
  })
}

async function currentPhotoId(payload: Payload, userId: number, req: Parameters<typeof payload.findByID>[0]['req']): Promise<number | undefined> {
  const stored = (await payload.findByID({ collection: 'users', id: userId, depth: 0, overrideAccess: true, req })) as User
  return idOf(stored.photo) as number | undefined
}

/**
 * Before an account is deleted: its photos go with it. Left behind, the database would clear
 * their owner, and an image without an owner is a public site image.
 */
export async function deletePhotosOf(payload: Payload, userId: number | string, req?: Parameters<typeof payload.delete>[0]['req']): Promise<void> {
  // in a transaction (an erasure), the files go only once it commits
  if (req) await holdFilesUntilSettled(req as PayloadRequest, 'media', { owner: { equals: userId } })
  await payload.delete({ collection: 'media', where: { owner: { equals: userId } }, overrideAccess: true, req })
}
