/**
 * What people type into phone, postcode and date fields, through REST and GraphQL as a real
 * client sends it: nonsense is refused with a 400 that names the field and says what is wrong,
 * nothing is stored, and good input is stored in one form (E.164 numbers read with the
 * organisation's country, canonical UK postcodes).
 */
import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { CertificateType, User } from '@payload-types'

import { MINIMAL_PDF } from '../fixtures/pdf'
import { graphql } from './helpers/http'
import { bootPayload, createUser, rest, uniqueEmail } from './helpers/payload'

let payload: Payload
let admin: { user: User; token: string }
let superuser: { user: User; token: string }
let member: { user: User; token: string }
let events: { user: User; token: string }
let certificateType: CertificateType
let serial = 0

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin', 'member'])
  superuser = await createUser(payload, ['superuser', 'member'])
  events = await createUser(payload, ['events', 'member'])
  member = await createUser(payload, ['member'], { phone: '029 2018 0101', address: { line1: '1 Runway Road', town: 'Swansea', postcode: 'SA2 7JU' } } as never)
  certificateType = (await payload.create({ collection: 'certificate-types', data: { name: 'Radio licence (validation test)', validityMonths: 12 } })) as CertificateType
})

afterEach(async () => {
  await payload.updateGlobal({ slug: 'settings', data: { country: 'GB' } })
})

type FieldError = { path: string; message: string }
const fieldErrors = (body: { errors?: Array<{ data?: { errors?: FieldError[] } }> }): FieldError[] => body.errors?.[0]?.data?.errors ?? []
const stored = async (id: number) => payload.findByID({ collection: 'users', id, depth: 0 })

/** Asserts a 400 naming exactly `path`, with a message in words matching `message`. */
function expectRefused(res: { status: number; body: any }, path: string, message: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  const errors = fieldErrors(res.body)
  expect(errors.map((e) => e.path)).toEqual([path])
  expect(errors[0]!.message).toMatch(message)
  expect(res.body.errors[0].message).toMatch(/^The following field is invalid: \S/)
}

describe('phone numbers', () => {
  it('refuses "not a phone!!" on a member’s own profile with a 400 naming the field, and keeps the number they had', async () => {
    const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: 'not a phone!!' } })
    expectRefused(res, 'phone', /not a phone number/i)
    expect((await stored(member.user.id)).phone).toBe('+442920180101')
  })

  it('refuses a number that cannot exist (too short, or Ofcom’s drama range) and creates no account for it', async () => {
    const before = (await payload.count({ collection: 'users' })).totalDocs
    for (const phone of ['12', '07700 900123', '0000 000 0000']) {
      const res = await rest('POST', '/users', { body: { email: uniqueEmail('phone'), password: 'a-long-password-1', firstName: 'Pat', lastName: 'Phone', phone, acceptPrivacyPolicy: true } })
      expectRefused(res, 'phone', /not a phone number/i)
    }
    expect((await payload.count({ collection: 'users' })).totalDocs).toBe(before)
  })

  it('stores a national number as E.164, read as a number in the organisation’s country; international numbers keep their own', async () => {
    for (const [typed, e164] of [
      ['029 2018 0102', '+442920180102'],
      ['(029) 2018-0103', '+442920180103'],
      ['+44 29 2018 0104', '+442920180104'],
      ['+33 1 23 45 67 89', '+33123456789'],
    ] as const) {
      const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: typed } })
      expect(res.status, typed).toBe(200)
      expect((await stored(member.user.id)).phone, typed).toBe(e164)
    }
  })

  it('reads national numbers with a different organisation country once the settings say so', async () => {
    const national = '01 23 45 67 89'
    expectRefused(await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: national } }), 'phone', /United Kingdom/)
    const setting = await rest('POST', '/globals/settings', { token: superuser.token, body: { country: 'FR' } })
    expect(setting.status, JSON.stringify(setting.body)).toBe(200)
    const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: national } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await stored(member.user.id)).phone).toBe('+33123456789')
    // a British number now needs its country code
    expectRefused(await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: '029 2018 0101' } }), 'phone', /France/)
  })

  it('refuses an unknown organisation country', async () => {
    const res = await rest('POST', '/globals/settings', { token: superuser.token, body: { country: 'XX' } })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body).map((e) => e.path)).toEqual(['country'])
  })

  it('GraphQL refuses the same number, naming the field, and stores nothing', async () => {
    const before = (await stored(member.user.id)).phone
    const res = await graphql('mutation ($id: Int!) { updateUser(id: $id, data: { phone: "not a phone!!" }) { phone } }', { id: member.user.id }, member.token)
    expect(res.body.errors?.[0]?.message, JSON.stringify(res.body)).toMatch(/phone/i)
    expect(res.body.errors[0].extensions?.statusCode ?? 400).toBe(400)
    expect(JSON.stringify(res.body.errors[0].extensions?.data ?? res.body.errors[0])).toMatch(/not a phone number/i)
    expect((await stored(member.user.id)).phone).toBe(before)
  })

  it('an event organiser’s phone is checked too', async () => {
    const body = { title: 'Radio night', startsAt: '2030-03-01T19:00:00.000Z', status: 'draft', organiser: { name: 'Aled', phone: 'not a phone!!' } }
    expectRefused(await rest('POST', '/events', { token: events.token, body }), 'organiser.phone', /not a phone number/i)
    const ok = await rest('POST', '/events', { token: events.token, body: { ...body, organiser: { name: 'Aled', phone: '029 2018 0103' } } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.doc.organiser.phone).toBe('+442920180103')
  })

  it('a number stored before numbers were checked does not block changing something else', async () => {
    const old = await createUser(payload, ['member'])
    await payload.db.updateOne({ collection: 'users', id: old.user.id, data: { phone: 'ring the clubhouse' } })
    const res = await rest('PATCH', `/users/${old.user.id}`, { token: old.token, body: { firstName: 'Renamed' } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await stored(old.user.id)).phone).toBe('ring the clubhouse')
  })
})

describe('postcodes', () => {
  it('refuses "NOT A POSTCODE" with a 400 naming address.postcode, and keeps the postcode they had', async () => {
    const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { address: { postcode: 'NOT A POSTCODE' } } })
    expectRefused(res, 'address.postcode', /not a postcode/i)
    expect((await stored(member.user.id)).address?.postcode).toBe('SA2 7JU')
  })

  it('stores a UK postcode in its canonical form', async () => {
    const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { address: { postcode: 'sw1a1aa' } } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await stored(member.user.id)).address?.postcode).toBe('SW1A 1AA')
  })

  it('checks a postcode against the address’s own country, else the organisation’s', async () => {
    const french = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { address: { country: 'France', postcode: '75008' } } })
    expect(french.status, JSON.stringify(french.body)).toBe(200)
    expect((await stored(member.user.id)).address?.postcode).toBe('75008')
    expectRefused(await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { address: { country: 'United Kingdom', postcode: '75009' } } }), 'address.postcode', /United Kingdom/)
    // no country on the address: the organisation's
    expectRefused(await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { address: { country: '', postcode: '75010' } } }), 'address.postcode', /United Kingdom/)
    await payload.updateGlobal({ slug: 'settings', data: { country: 'FR' } })
    const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { address: { country: '', postcode: '75001' } } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await stored(member.user.id)).address?.postcode).toBe('75001')
  })

  it('GraphQL refuses it too', async () => {
    const res = await graphql('mutation ($id: Int!) { updateUser(id: $id, data: { address: { postcode: "NOT A POSTCODE" } }) { id } }', { id: member.user.id }, member.token)
    expect(JSON.stringify(res.body.errors ?? null)).toMatch(/postcode/i)
    expect((await stored(member.user.id)).address?.postcode).not.toBe('NOT A POSTCODE')
  })
})

describe('certificate dates', () => {
  const upload = (data: Record<string, unknown>) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(MINIMAL_PDF)], { type: 'application/pdf' }), `licence-${++serial}.pdf`)
    form.append('_payload', JSON.stringify({ type: certificateType.id, ...data }))
    return rest('POST', '/certificates?depth=0', { token: member.token, body: form })
  }
  const count = async () => (await payload.count({ collection: 'certificates', where: { member: { equals: member.user.id } } })).totalDocs

  it('refuses a certificate issued in 2031, naming the issue date, and stores nothing', async () => {
    const before = await count()
    expectRefused(await upload({ issuedOn: '2031-01-01' }), 'issuedOn', /issue date cannot be in the future/i)
    expectRefused(await upload({ issuedOn: '1890-05-01' }), 'issuedOn', /before 1900/i)
    expect(await count()).toBe(before)
  })

  it('refuses an expiry before (or on) the issue date, naming the expiry', async () => {
    const before = await count()
    expectRefused(await upload({ issuedOn: '2026-06-01', expiresOn: '2026-01-01' }), 'expiresOn', /after the issue date/i)
    expectRefused(await upload({ issuedOn: '2026-06-01', expiresOn: '2026-06-01' }), 'expiresOn', /after the issue date/i)
    expect(await count()).toBe(before)
  })

  it('accepts a certificate issued today, and a coordinator cannot move its issue date into the future later', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const res = await upload({ issuedOn: today })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const later = await rest('PATCH', `/certificates/${res.body.doc.id}`, { token: admin.token, body: { issuedOn: '2031-01-01', expiresOn: '2032-01-01' } })
    expectRefused(later, 'issuedOn', /future/i)
    expect((await payload.findByID({ collection: 'certificates', id: res.body.doc.id, depth: 0 })).issuedOn.slice(0, 10)).toBe(today)
  })
})

describe('payment dates', () => {
  it('refuses cash received in the future, naming the date, and activates nothing; received yesterday is fine', async () => {
    const treasurer = await createUser(payload, ['treasurer', 'member'])
    const tier = await payload.create({ collection: 'tiers', data: { name: 'Validation tier', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true } as never })
    const applicant = await createUser(payload, ['member'])
    const applied = await rest('POST', '/memberships?depth=0', { token: applicant.token, body: { tier: tier.id } })
    const membershipId = applied.body.doc.id as number
    const record = (paidAt: string) => rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membershipId, method: 'cash', amount: 500, paidAt } })

    expectRefused(await record('2031-01-01T10:00:00.000Z'), 'paidAt', /cannot be in the future/i)
    expect((await payload.count({ collection: 'payments', where: { membership: { equals: membershipId } } })).totalDocs).toBe(0)
    expect((await payload.findByID({ collection: 'memberships', id: membershipId, depth: 0 })).status).toBe('awaiting_payment')

    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    const ok = await record(yesterday)
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(ok.body.doc.paidAt).toBe(yesterday)
  })
})
