/**
 * Uploaded files: the `media` image collection (SPEC §13) and how every upload collection serves
 * its files (SPEC §11): nosniff, downloaded unless an image or a PDF, private files never cached,
 * a missing file a 404.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Media, Notice, User } from '@payload-types'

import { asUpload, makePng } from '../fixtures/images'
import { MINIMAL_PDF } from '../fixtures/pdf'

import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let organiser: { user: User; token: string }
let secretary: { user: User; token: string }
let png: Buffer

beforeAll(async () => {
  payload = await bootPayload()
  organiser = await createUser(payload, ['events', 'member'])
  secretary = await createUser(payload, ['secretary', 'member'])
  png = await makePng(640, 480)
})

let serial = 0
function uploadImage(token: string | undefined, data: Record<string, unknown>, file: { bytes: Uint8Array; name: string; type: string } = { bytes: png, name: 'photo.png', type: 'image/png' }) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name.replace('.', `-${++serial}.`))
  form.append('_payload', JSON.stringify(data))
  return rest('POST', '/media?depth=0', { token, body: form })
}
const mediaCount = async () => (await payload.count({ collection: 'media' })).totalDocs
const mediaDir = () => path.resolve(process.env.MEDIA_DIR!)

describe('media (images for events, notices and the site)', () => {
  it('the events team uploads a real PNG with alternative text; anyone can see it, inline, with a thumbnail', async () => {
    const res = await uploadImage(organiser.token, { alt: 'A Tiger Moth on the grass strip' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const image = res.body.doc as Media
    expect(image).toMatchObject({ alt: 'A Tiger Moth on the grass strip', mimeType: 'image/png', width: 640, height: 480 })
    expect(image.sizes?.thumbnail?.width).toBe(400)

    const file = await rest('GET', `/media/file/${image.filename}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('content-disposition')).toBe('inline')
    expect(file.headers.get('cache-control') ?? '').not.toMatch(/no-store/)
    const thumbnail = await rest('GET', `/media/file/${image.sizes!.thumbnail!.filename}`)
    expect(thumbnail.status).toBe(200)

    const listed = await rest('GET', `/media/${image.id}?depth=0`)
    expect(listed.status).toBe(200)
    expect(listed.body.alt).toBe('A Tiger Moth on the grass strip')
  })

  it('refuses a file that is not an image, an image without alternative text and an image over 10 MB, storing nothing', async () => {
    const before = await mediaCount()
    const filesBefore = await fs.readdir(mediaDir()).catch(() => [])

    const text = await uploadImage(organiser.token, { alt: 'Notes' }, { bytes: Buffer.from('just some text'), name: 'notes.txt', type: 'text/plain' })
    expect(text.status).toBe(400)
    expect(text.body.errors[0].message).toBeTruthy()
    const disguised = await uploadImage(organiser.token, { alt: 'Not really a picture' }, { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'page.png', type: 'image/png' })
    expect(disguised.status).toBe(400)
    const svg = await uploadImage(organiser.token, { alt: 'A drawing' }, { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), name: 'drawing.svg', type: 'image/svg+xml' })
    expect(svg.status).toBe(400)

    const noAlt = await uploadImage(organiser.token, {})
    expect(noAlt.status).toBe(400)
    expect(JSON.stringify(noAlt.body)).toMatch(/alt/)

    const huge = Buffer.concat([await makePng(8, 8), Buffer.alloc(11 * 1024 * 1024)])
    const tooLarge = await uploadImage(organiser.token, { alt: 'A very large photo' }, { bytes: huge, name: 'huge.png', type: 'image/png' })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.errors[0].message).toMatch(/10 MB/)

    expect(await mediaCount()).toBe(before)
    expect((await fs.readdir(mediaDir()).catch(() => [])).sort()).toEqual(filesBefore.sort())
  })

  it('members and visitors cannot upload; the secretary can', async () => {
    const member = await createUser(payload, ['member'])
    expect((await uploadImage(member.token, { alt: 'Mine' })).status).toBe(403)
    expect((await uploadImage(undefined, { alt: 'Anyone' })).status).toBe(403)
    expect((await uploadImage(secretary.token, { alt: 'The clubhouse' })).status).toBe(201)
  })

  it('an event and a notice carry an image, which a visitor sees with its alternative text', async () => {
    const image = (await uploadImage(organiser.token, { alt: 'Open day poster' })).body.doc as Media
    const event = await rest('POST', '/events?depth=0', {
      token: organiser.token,
      body: { title: 'Open day', startsAt: '2030-06-01T10:00:00.000Z', status: 'published', audience: 'public', image: image.id },
    })
    expect(event.status, JSON.stringify(event.body)).toBe(201)
    const seen = await rest('GET', `/events/${(event.body.doc as Event).id}?depth=1`)
    expect(seen.status).toBe(200)
    expect(seen.body.image).toMatchObject({ id: image.id, alt: 'Open day poster', url: expect.stringContaining(`/api/media/file/${image.filename}`) })

    const notice = await rest('POST', '/notices?depth=1', {
      token: organiser.token,
      body: { title: 'Runway works', body: richText('The runway is closed on Monday.'), status: 'published', audience: 'public', image: image.id },
    })
    expect(notice.status, JSON.stringify(notice.body)).toBe(201)
    expect((notice.body.doc as Notice & { image: Media }).image.alt).toBe('Open day poster')

  })

  it('a file whose bytes are gone is a 404, not a 500, and so is a file never uploaded', async () => {
    const image = (await uploadImage(organiser.token, { alt: 'Soon gone' })).body.doc as Media
    await fs.rm(path.join(mediaDir(), image.filename!))
    const gone = await rest('GET', `/media/file/${image.filename}`)
    expect(gone.status).toBe(404)
    expect(gone.body.errors[0].message).toBe('There is no such file.')
    expect((await rest('GET', '/media/file/never-uploaded.png', { token: organiser.token })).status).toBe(404)
    // a visitor is told no more about a name that is no site image than about a member's photo
    expect((await rest('GET', '/media/file/never-uploaded.png')).status).toBe(403)
  })
})

describe('serving uploaded files', () => {
  function uploadDocument(audience: string, file: { bytes: Uint8Array; name: string; type: string }) {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name.replace('.', `-${++serial}.`))
    form.append('_payload', JSON.stringify({ title: `Document ${serial}`, category: 'forms', audience }))
    return rest('POST', '/documents?depth=0', { token: secretary.token, body: form })
  }

  it('documents: nosniff, a PDF inline and anything else downloaded, never kept in a cache', async () => {
    const pdf = (await uploadDocument('public', { bytes: MINIMAL_PDF, name: 'form.pdf', type: 'application/pdf' })).body.doc
    const text = (await uploadDocument('public', { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'notes.txt', type: 'text/plain' })).body.doc
    const pdfFile = await rest('GET', `/documents/file/${pdf.filename}`)
    expect(pdfFile.status).toBe(200)
    expect(pdfFile.headers.get('content-disposition')).toBe('inline')
    expect(pdfFile.headers.get('x-content-type-options')).toBe('nosniff')
    expect(pdfFile.headers.get('cache-control')).toBe('private, no-store')
    const textFile = await rest('GET', `/documents/file/${text.filename}`)
    expect(textFile.status).toBe(200)
    expect(textFile.headers.get('content-disposition')).toBe('attachment')
    expect(textFile.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it("certificates: the holder's file is private and never cached; a missing one is a 404", async () => {
    const holder = await createUser(payload, ['member'])
    const type = await payload.create({ collection: 'certificate-types', data: { name: `First aid ${++serial}`, validityMonths: 36 } })
    const certificate = await payload.create({
      collection: 'certificates',
      data: { member: holder.user.id, type: type.id, issuedOn: '2026-01-01T00:00:00.000Z' },
      file: asUpload(MINIMAL_PDF, `first-aid-${serial}.pdf`, 'application/pdf'),
    })
    const file = await rest('GET', `/certificates/file/${certificate.filename}`, { token: holder.token })
    expect(file.status).toBe(200)
    expect(file.headers.get('cache-control')).toBe('private, no-store')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await rest('GET', `/certificates/file/${certificate.filename}`)).status).toBe(403)
    await fs.rm(path.join(path.resolve(process.env.CERTIFICATES_DIR!), certificate.filename!))
    expect((await rest('GET', `/certificates/file/${certificate.filename}`, { token: holder.token })).status).toBe(404)
  })
})

function richText(text: string) {
  const node = { direction: null, format: '', indent: 0, version: 1 }
  return { root: { ...node, type: 'root', children: [{ ...node, type: 'paragraph', children: [{ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' }] }] } }
}
