/**
 * Issue 15 point 10: phone numbers, addresses and dates of birth are stored encrypted (SPEC §11).
 * The proof reads the tables with SQL, below Payload: no personal value appears in a row, on
 * SQLite and on Postgres (`node scripts/test-postgres.mjs tests/int/encryption-at-rest.int.spec.ts`).
 * Everyone allowed still reads plain text through REST, GraphQL and the Local API; a filter or
 * sort on an encrypted field is refused; a key rotation and `npm run data:rekey` are played.
 */
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import type { User } from '@payload-types'

import { drizzleOf, eq, tableOf } from '@/lib/db'
import { eraseMember } from '@/privacy/erasure'
import { dataKeyId } from '@/privacy/encryptionKeys.mjs'
import { sealedKeyId, UNAVAILABLE_VALUE } from '@/privacy/fieldEncryption'
import { rekeyPersonalData } from '@/privacy/rekey'

import { TEST_DATA_ENCRYPTION_KEY } from './helpers/encryption'
import { graphql } from './helpers/http'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let secretary: { user: User; token: string }
let admin: { user: User; token: string }

const ENCRYPTED_COLUMNS = ['phone', 'dateOfBirth', 'address_line1', 'address_line2', 'address_town', 'address_county', 'address_postcode', 'address_country'] as const
const PERSON = {
  phone: '029 2018 0155',
  dateOfBirth: '1984-07-21',
  address: { line1: '21 Mumbles Road', line2: 'Flat 2', town: 'Swansea', county: 'West Glamorgan', postcode: 'sa3 4en', country: 'United Kingdom' },
}
/** What is stored, once normalised: every one must be absent from the raw row. */
const PLAIN = ['+442920180155', '2920180155', '1984-07-21', '21 Mumbles Road', 'Flat 2', 'Swansea', 'West Glamorgan', 'SA3 4EN', 'United Kingdom']

/** Every column of the person's row exactly as the database holds it (SQL below Payload, no hooks). */
async function rawUser(id: number): Promise<Record<string, unknown>> {
  const users = tableOf(payload, 'users')
  const [row] = (await drizzleOf(payload).select().from(users).where(eq(users.id, id))) as Array<Record<string, unknown>>
  if (!row) throw new Error(`no user ${id}`)
  return row
}

async function setRaw(id: number, values: Record<string, unknown>) {
  const users = tableOf(payload, 'users')
  await drizzleOf(payload).update(users).set(values).where(eq(users.id, id))
}

function expectNoPlainText(row: Record<string, unknown>, keyId = currentKeyId()) {
  const text = JSON.stringify(row)
  for (const value of PLAIN) expect(text, `"${value}" is stored in plain text`).not.toContain(value)
  for (const column of ENCRYPTED_COLUMNS) {
    expect(String(row[column]), column).toMatch(/^enc:v1:/)
    expect(sealedKeyId(row[column]), column).toBe(keyId)
  }
}

const keyOf = (base64: string) => dataKeyId(Buffer.from(base64, 'base64'))
const currentKeyId = () => keyOf(process.env.DATA_ENCRYPTION_KEY!)

const expectPlain = (doc: Partial<User> | undefined) => {
  expect(doc?.phone).toBe('+442920180155')
  expect(doc?.dateOfBirth).toBe('1984-07-21')
  expect(doc?.address).toMatchObject({ line1: '21 Mumbles Road', line2: 'Flat 2', town: 'Swansea', county: 'West Glamorgan', postcode: 'SA3 4EN', country: 'United Kingdom' })
}

beforeAll(async () => {
  payload = await bootPayload()
  secretary = await createUser(payload, ['secretary', 'member'])
  admin = await createUser(payload, ['admin', 'member'])
})

afterEach(() => {
  process.env.DATA_ENCRYPTION_KEY = TEST_DATA_ENCRYPTION_KEY
  delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS
  vi.restoreAllMocks()
})

describe('the database never holds phone, address or date of birth in plain text', () => {
  it('created through the Local API: the row holds sealed values; Payload reads them back in plain text', async () => {
    const { user } = await createUser(payload, ['member'], PERSON as Partial<User>)
    expectNoPlainText(await rawUser(user.id))
    expectPlain(await payload.findByID({ collection: 'users', id: user.id, depth: 0 }))
    // `select` and the list read open them too
    const selected = await payload.find({ collection: 'users', where: { id: { equals: user.id } }, select: { phone: true, address: { postcode: true } }, depth: 0 })
    expect(selected.docs[0]?.phone).toBe('+442920180155')
    expect(selected.docs[0]?.address?.postcode).toBe('SA3 4EN')
  })

  it('updated by the member through REST: sealed again, each write under a fresh IV; the owner and staff read plain text (REST and GraphQL)', async () => {
    const member = await createUser(payload, ['member'])
    const res = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: PERSON })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expectPlain(res.body.doc)
    const first = await rawUser(member.user.id)
    expectNoPlainText(first)

    // the same value written again is a different ciphertext (random IV)
    const again = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: PERSON.phone } })
    expect(again.status).toBe(200)
    expect((await rawUser(member.user.id)).phone).not.toBe(first.phone)

    // an update of another field leaves them sealed and readable
    const name = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { firstName: 'Rhys' } })
    expect(name.status).toBe(200)
    expectPlain(name.body.doc)
    expectNoPlainText(await rawUser(member.user.id))

    expectPlain((await rest('GET', `/users/${member.user.id}`, { token: member.token })).body)
    expectPlain((await rest('GET', `/users/${member.user.id}`, { token: secretary.token })).body)
    const me = await rest('GET', '/users/me', { token: member.token })
    expectPlain(me.body.user)

    const query = `query ($id: Int!) { User(id: $id) { phone dateOfBirth address { line1 line2 town county postcode country } } }`
    for (const token of [member.token, admin.token]) {
      const gql = await graphql(query, { id: member.user.id }, token)
      expect(gql.body.errors, JSON.stringify(gql.body)).toBeUndefined()
      expectPlain(gql.body.data.User)
    }
  })

  it('still checks and normalises the plain value: postcode against the address’s own country, phone, date of birth bounds, lengths', async () => {
    const member = await createUser(payload, ['member'])
    const patch = (body: unknown) => rest('PATCH', `/users/${member.user.id}`, { token: member.token, body })
    const refusedPath = (res: { status: number; body: any }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      return res.body.errors[0].data.errors.map((e: { path: string }) => e.path)
    }
    // a US ZIP code is right for a US address, wrong for a British one: the country is read in plain text
    expect((await patch({ address: { postcode: '90210', country: 'United States' } })).status).toBe(200)
    expect(refusedPath(await patch({ address: { postcode: '10001', country: 'United Kingdom' } }))).toEqual(['address.postcode'])
    expect(refusedPath(await patch({ phone: 'not a phone!!' }))).toEqual(['phone'])
    expect(refusedPath(await patch({ dateOfBirth: '2999-01-01' }))).toEqual(['dateOfBirth'])
    expect(refusedPath(await patch({ dateOfBirth: '1850-01-01' }))).toEqual(['dateOfBirth'])
    expect(refusedPath(await patch({ dateOfBirth: '1990-02-30' }))).toEqual(['dateOfBirth'])
    expect(refusedPath(await patch({ address: { line1: 'x'.repeat(201) } }))).toEqual(['address.line1'])
    // a date picker's midnight timestamp is kept as the day
    const picked = await patch({ dateOfBirth: '1990-02-14T00:00:00.000Z' })
    expect(picked.status).toBe(200)
    expect(picked.body.doc.dateOfBirth).toBe('1990-02-14')
    // an unchanged value is not checked again (nor refused for its envelope)
    expect((await patch({ firstName: 'Unchanged', address: { postcode: '90210', country: 'United States' } })).status).toBe(200)
  })

  it('an event organiser’s phone is sealed too', async () => {
    const event = await payload.create({ collection: 'events', data: { title: 'Radio night', startsAt: '2030-03-01T19:00:00.000Z', status: 'draft', organiser: { name: 'Aled', phone: '029 2018 0103' } } as never })
    const events = tableOf(payload, 'events')
    const [row] = (await drizzleOf(payload).select().from(events).where(eq(events.id, event.id))) as Array<Record<string, unknown>>
    expect(JSON.stringify(row)).not.toContain('2920180103')
    expect(String(row?.organiser_phone)).toMatch(/^enc:v1:/)
    expect((await payload.findByID({ collection: 'events', id: event.id, depth: 0 })).organiser?.phone).toBe('+442920180103')
  })
})

describe('a sealed value is bound to its field and cannot be altered', () => {
  it('altered in the table, or moved into another field, it reads as unavailable (logged once, no 500); the rest of the person reads as before; saving keeps it', async () => {
    const member = await createUser(payload, ['member'], PERSON as Partial<User>)
    const row = await rawUser(member.user.id)
    const phone = String(row.phone)
    const flipped = `${phone.slice(0, -3)}${phone.at(-3) === 'A' ? 'B' : 'A'}${phone.slice(-2)}`
    await setRaw(member.user.id, { phone: flipped, address_line2: row.address_town })
    const logged = vi.spyOn(payload.logger, 'error')

    const res = await rest('GET', `/users/${member.user.id}`, { token: member.token })
    expect(res.status).toBe(200)
    expect(res.body.phone).toBe(UNAVAILABLE_VALUE)
    expect(res.body.address.line2).toBe(UNAVAILABLE_VALUE) // the town's ciphertext does not open as line 2
    expect(res.body.address.town).toBe('Swansea')
    expect(res.body.firstName).toBe('Test')
    await rest('GET', `/users/${member.user.id}`, { token: secretary.token })
    const messages = logged.mock.calls.map((call) => String(call[0]))
    expect(messages.filter((m) => /users\.phone: .*failed authentication/.test(m))).toHaveLength(1)
    expect(messages.join('\n')).not.toContain('Swansea')

    // the admin form sends the placeholder back: the stored value stays, nothing is lost
    const saved = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { firstName: 'Saved', phone: UNAVAILABLE_VALUE, address: { ...res.body.address } } })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const after = await rawUser(member.user.id)
    expect(after.phone).toBe(flipped)
    expect(after.address_line2).toBe(row.address_town)
    // a new value replaces it
    const replaced = await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: { phone: '029 2018 0156', address: { line2: 'Flat 3' } } })
    expect(replaced.body.doc.phone).toBe('+442920180156')
    expect(replaced.body.doc.address.line2).toBe('Flat 3')
  })

  it('a value sealed under a key this server does not have reads as unavailable, naming the key id', async () => {
    const member = await createUser(payload, ['member'], PERSON as Partial<User>)
    const unknown = randomBytes(32).toString('base64')
    process.env.DATA_ENCRYPTION_KEY = unknown
    await payload.update({ collection: 'users', id: member.user.id, data: { address: { county: 'Glamorgan' } } })
    process.env.DATA_ENCRYPTION_KEY = TEST_DATA_ENCRYPTION_KEY
    const logged = vi.spyOn(payload.logger, 'error')
    const doc = await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })
    expect(doc.address?.county).toBe(UNAVAILABLE_VALUE)
    expect(doc.phone).toBe('+442920180155')
    expect(logged.mock.calls.map((call) => String(call[0])).join('\n')).toContain(`key id ${keyOf(unknown)}, which this server does not have`)
    await payload.update({ collection: 'users', id: member.user.id, data: { address: { county: 'Glamorgan' } } })
    expect((await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })).address?.county).toBe('Glamorgan')
  })
})

describe('filters and sorts on encrypted fields are refused with 400', () => {
  it('REST where and sort, directly and through a relationship; GraphQL where', async () => {
    for (const query of ['where[phone][equals]=%2B442920180155', 'where[address.postcode][like]=SA3', 'where[dateOfBirth][exists]=true', 'sort=phone', 'sort=-address.town', 'where[or][0][firstName][equals]=x&where[or][1][address.line1][contains]=Road']) {
      const res = await rest('GET', `/users?${query}`, { token: admin.token })
      expect(res.status, query).toBe(400)
      expect(res.body.errors[0].message, query).toMatch(/stored encrypted, so it cannot be searched or sorted/)
    }
    const through = await rest('GET', '/memberships?where[member.phone][exists]=true', { token: admin.token })
    expect(through.status).toBe(400)
    expect(through.body.errors[0].message).toMatch(/users\.phone is stored encrypted/)
    const gql = await graphql('{ Users(where: { phone: { equals: "+442920180155" } }) { docs { id } } }', {}, admin.token)
    expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toMatch(/stored encrypted/)
    expect(gql.body.errors[0].extensions?.statusCode).toBe(400)
    // other fields still filter and sort
    expect((await rest('GET', '/users?where[firstName][equals]=Test&sort=lastName', { token: admin.token })).status).toBe(200)
  })

  it('the admin panel’s list (Local API for a person) drops a sort on an encrypted column instead of failing', async () => {
    const list = await payload.find({ collection: 'users', sort: '-phone', overrideAccess: false, user: admin.user, depth: 0, limit: 1 })
    expect(list.docs).toHaveLength(1)
    await expect(payload.find({ collection: 'users', where: { phone: { exists: true } }, overrideAccess: false, user: admin.user, depth: 0 })).rejects.toMatchObject({ status: 400 })
  })
})

describe('what else holds personal data', () => {
  it('the audit trail records that phone, address and date of birth changed, never their values', async () => {
    const member = await createUser(payload, ['member'])
    expect((await rest('PATCH', `/users/${member.user.id}`, { token: member.token, body: PERSON })).status).toBe(200)
    const entries = tableOf(payload, 'audit-entries')
    const rows = (await drizzleOf(payload).select().from(entries).where(eq(entries.document, member.user.id))) as Array<Record<string, unknown>>
    const text = JSON.stringify(rows)
    for (const value of PLAIN) expect(text).not.toContain(value)
    const update = rows.find((row) => row.operation === 'update')
    const changes = (typeof update?.changes === 'string' ? JSON.parse(update.changes) : update?.changes) as Array<{ field: string; redacted?: boolean }>
    expect(changes.filter((c) => c.redacted).map((c) => c.field)).toEqual(expect.arrayContaining(['phone', 'dateOfBirth', 'address.line1', 'address.postcode']))
  })

  it('the member’s data export holds them in plain text', async () => {
    const member = await createUser(payload, ['member'], PERSON as Partial<User>)
    const res = await rest('GET', '/users/me/export', { token: member.token })
    expect(res.status).toBe(200)
    expectPlain(res.body.profile)
  })

  it('erasure clears them from the row', async () => {
    const member = await createUser(payload, ['member'], PERSON as Partial<User>)
    await eraseMember(payload, member.user.id, { by: admin.user, cause: 'admin' as never })
    const row = await rawUser(member.user.id)
    for (const column of ENCRYPTED_COLUMNS) expect(row[column] ?? null, column).toBeNull()
  })
})

describe('key rotation: DATA_ENCRYPTION_PREVIOUS_KEYS and npm run data:rekey', () => {
  it('values under the previous key still read; rekey moves them all (and legacy plain text) to the new key, in batches, and a second run has nothing to do', async () => {
    const people = []
    for (let i = 0; i < 5; i++) people.push(await createUser(payload, ['member'], PERSON as Partial<User>))
    const legacy = await createUser(payload, ['member'])
    // stored before encryption existed
    await setRaw(legacy.user.id, { phone: '+442920180199', address_town: 'Killay' })
    expect((await payload.findByID({ collection: 'users', id: legacy.user.id, depth: 0 })).phone).toBe('+442920180199')

    const oldKey = TEST_DATA_ENCRYPTION_KEY
    const newKey = randomBytes(32).toString('base64')
    process.env.DATA_ENCRYPTION_KEY = newKey
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = `${randomBytes(32).toString('base64')}, ${oldKey}`
    for (const person of people) {
      expectNoPlainText(await rawUser(person.user.id), keyOf(oldKey))
      expectPlain(await payload.findByID({ collection: 'users', id: person.user.id, depth: 0 }))
    }

    const report = await rekeyPersonalData(payload, { batchSize: 2 })
    expect(report.keyId).toBe(keyOf(newKey))
    expect(report.collections.users?.resealed).toBeGreaterThanOrEqual(5 * ENCRYPTED_COLUMNS.length + 2)
    expect(report.collections.users?.fromPlainText).toBeGreaterThanOrEqual(2)
    expect(report.collections.users?.unreadable).toBe(0)

    // the table holds only the new key's id
    const users = tableOf(payload, 'users')
    const all = (await drizzleOf(payload).select().from(users)) as Array<Record<string, unknown>>
    for (const row of all) {
      for (const column of ENCRYPTED_COLUMNS) {
        if (row[column] !== null && row[column] !== '') expect(sealedKeyId(row[column]), `${column} of ${String(row.id)}`).toBe(keyOf(newKey))
      }
    }
    const legacyRow = await rawUser(legacy.user.id)
    expect(JSON.stringify(legacyRow)).not.toContain('2920180199')
    expect(JSON.stringify(legacyRow)).not.toContain('Killay')

    // the old key can go
    delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS
    expectPlain(await payload.findByID({ collection: 'users', id: people[0]!.user.id, depth: 0 }))
    const legacyRead = await payload.findByID({ collection: 'users', id: legacy.user.id, depth: 0 })
    expect(legacyRead.phone).toBe('+442920180199')
    expect(legacyRead.address?.town).toBe('Killay')

    const again = await rekeyPersonalData(payload)
    expect(again.collections.users).toEqual({ rows: 0, resealed: 0, fromPlainText: 0, unreadable: 0 })
  })
})

describe('custom member fields marked sensitive', () => {
  async function define(data: Record<string, unknown>) {
    const res = await rest('POST', '/member-fields', { token: admin.token, body: { visibleTo: 'members', editableBy: 'members', ...data } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.doc as { id: number; key: string }
  }

  it('are sealed in the JSON column (the others are not), read back in plain text, cannot be filtered on, and keep their sensitivity while in use', async () => {
    const medical = await define({ label: 'Medical notes', key: 'medical_notes', type: 'textarea', sensitive: true })
    const licence = await define({ label: 'Licence number', key: 'licence_number', type: 'text', sensitive: true })
    await define({ label: 'Callsign', key: 'callsign', type: 'text' })
    const member = await createUser(payload, ['member'])
    const saved = await rest('PATCH', `/users/${member.user.id}`, {
      token: member.token,
      body: { customFields: { medical_notes: 'Penicillin allergy', licence_number: 'PPL-77421', callsign: 'G-HNGR' } },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)

    const raw = await rawUser(member.user.id)
    const stored = (typeof raw.customFields === 'string' ? JSON.parse(raw.customFields) : raw.customFields) as Record<string, string>
    expect(JSON.stringify(raw)).not.toContain('Penicillin')
    expect(JSON.stringify(raw)).not.toContain('PPL-77421')
    expect(stored.medical_notes).toMatch(/^enc:v1:/)
    expect(sealedKeyId(stored.licence_number)).toBe(currentKeyId())
    expect(stored.callsign).toBe('G-HNGR')

    for (const token of [member.token, admin.token]) {
      const read = await rest('GET', `/users/${member.user.id}?depth=0`, { token })
      expect(read.body.customFields).toMatchObject({ medical_notes: 'Penicillin allergy', licence_number: 'PPL-77421', callsign: 'G-HNGR' })
    }
    const exported = await rest('GET', '/users/me/export', { token: member.token })
    expect(JSON.stringify(exported.body)).toContain('Penicillin allergy')

    // a random IV every write: no filter can match a sealed value, so it is refused; the others filter
    const filtered = await rest('GET', '/users?where[customFields.medical_notes][equals]=Penicillin allergy', { token: admin.token })
    expect(filtered.status).toBe(400)
    expect(filtered.body.errors[0].message).toMatch(/encrypted/)
    const byCallsign = await rest('GET', '/users?where[customFields.callsign][equals]=G-HNGR&depth=0', { token: admin.token })
    expect(byCallsign.status).toBe(200)
    expect(byCallsign.body.docs.map((doc: { id: number }) => doc.id)).toEqual([member.user.id])

    // a value written under one setting never stands beside values written under the other
    const flip = await rest('PATCH', `/member-fields/${medical.id}`, { token: admin.token, body: { sensitive: false } })
    expect(flip.status).toBe(400)
    expect(JSON.stringify(flip.body)).toMatch(/sensitive/i)
    expect((await payload.findByID({ collection: 'member-fields', id: medical.id })).sensitive).toBe(true)
    expect((await rest('PATCH', `/member-fields/${licence.id}`, { token: admin.token, body: { label: 'Pilot licence number' } })).status).toBe(200)
  })

  it('a key rotation reseals them: read under the previous key, moved to the new one by rekey, nothing left to do after', async () => {
    const member = await createUser(payload, ['member'])
    await payload.update({ collection: 'users', id: member.user.id, data: { customFields: { medical_notes: 'Asthma', callsign: 'G-ROTA' } } as never })
    const oldKey = TEST_DATA_ENCRYPTION_KEY
    const newKey = randomBytes(32).toString('base64')
    process.env.DATA_ENCRYPTION_KEY = newKey
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = oldKey
    expect((await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })).customFields).toMatchObject({ medical_notes: 'Asthma', callsign: 'G-ROTA' })

    const report = await rekeyPersonalData(payload, { batchSize: 1 })
    expect(report.collections['users.customFields']?.resealed).toBeGreaterThanOrEqual(1)
    expect(report.collections['users.customFields']?.unreadable).toBe(0)
    const raw = await rawUser(member.user.id)
    const stored = (typeof raw.customFields === 'string' ? JSON.parse(raw.customFields) : raw.customFields) as Record<string, string>
    expect(sealedKeyId(stored.medical_notes)).toBe(keyOf(newKey))
    expect(stored.callsign).toBe('G-ROTA')

    delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS
    expect((await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })).customFields).toMatchObject({ medical_notes: 'Asthma' })
    const again = await rekeyPersonalData(payload)
    expect(again.collections['users.customFields']).toEqual({ rows: 0, resealed: 0, fromPlainText: 0, unreadable: 0 })
  })
})
