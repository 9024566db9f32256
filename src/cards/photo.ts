/**
 * The holder's photo on their card, when they have one: issue 15 point 1 gives accounts a `photo`
 * (an image in `media`, stored square as JPEG). It is read by the field's name so the card shows
 * it as soon as accounts have the field, and shows none while they do not. Never fails the card:
 * a photo that cannot be read is left off.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import type { PayloadRequest } from 'payload'

import type { Media, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'

type CardPhoto = { media: Media; file: string }

async function photoOf(req: PayloadRequest, user: User): Promise<CardPhoto | null> {
  const id = idOf((user as User & { photo?: unknown }).photo)
  if (id === undefined || id === null) return null
  const media = (await req.payload
    .findByID({ collection: 'media', id, depth: 0, overrideAccess: true, disableErrors: true, req })
    .catch(() => null)) as Media | null
  const upload = req.payload.collections.media?.config.upload
  const staticDir = upload && typeof upload === 'object' ? upload.staticDir : undefined
  if (!media?.filename || !staticDir || !/^image\/(jpeg|png)$/.test(media.mimeType ?? '')) return null
  const dir = path.resolve(staticDir)
  const file = path.resolve(dir, media.filename)
  return file.startsWith(dir + path.sep) ? { media, file } : null
}

/** The photo's bytes, for the PDF (pdfkit draws JPEG and PNG). */
export async function cardPhotoBytes(req: PayloadRequest, user: User): Promise<Buffer | null> {
  const photo = await photoOf(req, user)
  return photo ? fs.readFile(photo.file).catch(() => null) : null
}

/** The photo's address, for the portal (served to its owner by the media collection's access). */
export async function cardPhotoUrl(req: PayloadRequest, user: User): Promise<string | null> {
  return (await photoOf(req, user))?.media.url ?? null
}
