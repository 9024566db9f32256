/**
 * A member's profile photo (issue 15, point 1; src/members/photo.ts): uploaded from the profile,
 * stored square, upright and without its metadata, seen only by its owner and the staff who
 * manage people, replaced and removed with its files.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Media, User } from '@payload-types'

import { PHOTO_SIZE } from '@/members/photo'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

/** A landscape phone photo with EXIF (an artist and a camera, as phones write them). */
const phonePhoto = () =>
  sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#3a6ea5' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Exif Artist', Make: 'PhoneCo', Model: 'Pocket 12' } })
    .toBuffer()

function photoForm(bytes: Buffer | string, name = 'me.jpg', type = 'image/jpeg') {
  const form = new FormData()
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name)
  return form
}
const stored = (id: number) => payload.findByID({ collection: 'users', id, depth: 0 }) as Promise<User>
const mediaFile = (filename: string) => path.join(process.env.MEDIA_DIR!, filename)

describe('profile photo', () => {
  it('is stored square, upright and without metadata; only the owner and people staff see it, privately', async () => {
    const { user, token } = await createUser(payload, ['member'])
    const other = await createUser(payload, ['member'])
    const secretary = await createUser(payload, ['secretary'])

    const res = await rest('POST', '/users/photo', { token, body: photoForm(await phonePhoto()) })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const photo = (await payload.findByID({ collection: 'media', id: res.body.photo.id, depth: 0 })) as Media
    expect(photo).toMatchObject({ width: PHOTO_SIZE, height: PHOTO_SIZE, mimeType: 'image/jpeg', owner: user.id })
    expect((await stored(user.id)).photo).toBe(photo.id)
    const meta = await sharp(fs.readFileSync(mediaFile(photo.filename!))).metadata()
    expect(meta).toMatchObject({ width: PHOTO_SIZE, height: PHOTO_SIZE, format: 'jpeg' })
    expect(meta.exif).toBeUndefined()

    const file = `/media/file/${photo.filename}`
    const own = await rest('GET', file, { token })
    expect(own.status).toBe(200)
    expect(own.headers.get('cache-control')).toMatch(/private/)
    expect(own.headers.get('content-type')).toBe('image/jpeg')
    expect((await rest('GET', file, { token: secretary.token })).status).toBe(200)
    for (const stranger of [other.token, undefined]) {
      expect((await rest('GET', file, { token: stranger })).status).toBeGreaterThanOrEqual(403)
      expect((await rest('GET', `/media/${photo.id}`, { token: stranger })).status).toBeGreaterThanOrEqual(403)
      expect(((await rest('GET', '/media?limit=100', { token: stranger })).body.docs as Media[]).map((m) => m.id)).not.toContain(photo.id)
    }
  })

  it('a new photo replaces the old one and its files; removing it leaves none', async () => {
    const { user, token } = await createUser(payload, ['member'])
    const first = (await rest('POST', '/users/photo', { token, body: photoForm(await phonePhoto()) })).body.photo
    const firstDoc = (await payload.findByID({ collection: 'media', id: first.id, depth: 0 })) as Media
    const second = (await rest('POST', '/users/photo', { token, body: photoForm(await phonePhoto(), 'again.png', 'image/png') })).body.photo
    expect(second.id).not.toBe(first.id)
    expect((await stored(user.id)).photo).toBe(second.id)
    expect(await payload.count({ collection: 'media', where: { id: { equals: first.id } } })).toMatchObject({ totalDocs: 0 })
    expect(fs.existsSync(mediaFile(firstDoc.filename!))).toBe(false)

    // two uploads at once: both succeed, one photo is left and it is the account's
    const racing = await Promise.all([1, 2].map(async () => rest('POST', '/users/photo', { token, body: photoForm(await phonePhoto()) })))
    expect(racing.map((r) => r.status)).toEqual([201, 201])
    const left = await payload.find({ collection: 'media', where: { owner: { equals: user.id } }, depth: 0 })
    expect(left.docs.map((m) => m.id)).toEqual([(await stored(user.id)).photo])

    expect((await rest('DELETE', '/users/photo', { token })).status).toBe(200)
    expect((await stored(user.id)).photo ?? null).toBeNull()
    expect(await payload.count({ collection: 'media', where: { owner: { equals: user.id } } })).toMatchObject({ totalDocs: 0 })
  })

  it('refuses what is not a photo and photos too large, and cannot be pointed at another image through the API', async () => {
    const { user, token } = await createUser(payload, ['member'])
    const notAPhoto = await rest('POST', '/users/photo', { token, body: photoForm('<svg xmlns="http://www.w3.org/2000/svg"/>', 'me.jpg') })
    expect(notAPhoto.status).toBe(400)
    expect(notAPhoto.body.errors[0].message).toMatch(/JPEG, PNG, WebP or AVIF/)
    const huge = await rest('POST', '/users/photo', { token, body: photoForm(Buffer.alloc(9 * 1024 * 1024, 1)) })
    expect(huge.status).toBe(413)
    expect((await rest('POST', '/users/photo', { body: photoForm(await phonePhoto()) })).status).toBe(401)

    const someoneElse = await createUser(payload, ['member'])
    const theirs = (await rest('POST', '/users/photo', { token: someoneElse.token, body: photoForm(await phonePhoto()) })).body.photo
    const pointed = await rest('PATCH', `/users/${user.id}`, { token, body: { photo: theirs.id } })
    expect(pointed.status).toBe(200)
    expect((await stored(user.id)).photo ?? null).toBeNull()
    expect(await payload.count({ collection: 'media', where: { owner: { exists: true }, id: { equals: theirs.id } } })).toMatchObject({ totalDocs: 1 })

    // an account deleted takes its photo with it: left ownerless, it would be a public image
    await payload.create({ collection: 'consents', data: { person: someoneElse.user.id, kind: 'marketing', granted: true } as never })
    await payload.delete({ collection: 'users', id: someoneElse.user.id })
    expect(await payload.count({ collection: 'media', where: { id: { equals: theirs.id } } })).toMatchObject({ totalDocs: 0 })
    expect(await payload.count({ collection: 'consents', where: { person: { equals: someoneElse.user.id } } })).toMatchObject({ totalDocs: 0 })
  })
})
