import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Document, Tier, User } from '@payload-types'

import { MINIMAL_PDF } from '../fixtures/pdf'

import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let corporate: Tier
let secretary: { user: User; token: string }
const now = new Date()
const PDF = MINIMAL_PDF

beforeAll(async () => {
  payload = await bootPayload()
  const tier = { currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } as const
  personal = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Personal', fee: 500 } })) as Tier
  corporate = (await payload.create({ collection: 'tiers', data: { ...tier, name: 'Corporate', fee: 10000 } })) as Tier
  secretary = await createUser(payload, ['secretary', 'member'])
})

let serial = 0
function upload(token: string | undefined, data: Record<string, unknown>, file = { bytes: PDF, name: 'minutes.pdf', type: 'application/pdf' }) {
  const form = new FormData()
  form.append('file', new Blob([file.bytes], { type: file.type }), file.name.replace('.', `-${++serial}.`))
  form.append('_payload', JSON.stringify({ title: `Document ${serial}`, category: 'minutes', ...data }))
  return rest('POST', '/documents?depth=0', { token, body: form })
}
const member = (tier: Tier, status: 'active' | 'lapsed' = 'active') => memberWithMembership(payload, tier, { status, periodEnd: daysFrom(now, status === 'lapsed' ? -90 : 200) })

describe('documents and their files', () => {
  it('the file URL and the listing follow the audience, the membership status and the tier', async () => {
    const docs = {
      public: (await upload(secretary.token, { audience: 'public' })).body.doc as Document,
      members: (await upload(secretary.token, { audience: 'members' })).body.doc as Document,
      corporate: (await upload(secretary.token, { audience: 'tiers', audienceTiers: [corporate.id] })).body.doc as Document,
    }
    expect(docs.members.filename).toMatch(/\.pdf$/)
    const active = await member(personal)
    const lapsed = await member(personal, 'lapsed')
    const company = await member(corporate)
    const readers: Array<[string, string | undefined, [boolean, boolean, boolean]]> = [
      ['visitor', undefined, [true, false, false]],
      ['lapsed member', lapsed.token, [true, false, false]],
      ['Personal member', active.token, [true, true, false]],
      ['Corporate member', company.token, [true, true, true]],
      ['secretary', secretary.token, [true, true, true]],
    ]
    for (const [who, token, expected] of readers) {
      const files = await Promise.all(Object.values(docs).map((d) => rest('GET', `/documents/file/${d.filename}`, { token })))
      expect(
        files.map((f) => f.status),
        who,
      ).toEqual(expected.map((ok) => (ok ? 200 : 403)))
      const listed = (await rest('GET', '/documents?limit=100&depth=0', { token })).body.docs.map((d: Document) => d.id)
      expect(
        Object.values(docs).map((d) => listed.includes(d.id)),
        who,
      ).toEqual(expected)
    }
  })

  it('only admins and the secretary upload; other types and oversized files are refused clearly', async () => {
    const plain = await createUser(payload, ['member'])
    expect((await upload(plain.token, { audience: 'public' })).status).toBe(403)
    const exe = await upload(secretary.token, { audience: 'public' }, { bytes: Buffer.from('MZ...'), name: 'tool.exe', type: 'application/x-msdownload' })
    expect(exe.status).toBe(400)
    expect(JSON.stringify(exe.body)).toMatch(/file type|mime|not allowed/i)
    const huge = await upload(secretary.token, { audience: 'public' }, { bytes: Buffer.alloc(21 * 1024 * 1024, 1), name: 'huge.pdf', type: 'application/pdf' })
    expect(huge.status).toBe(413)
    const missingFile = await rest('POST', '/documents', { token: secretary.token, body: { title: 'No file', category: 'other', audience: 'public' } })
    expect(missingFile.status).toBe(400)
  })
})
