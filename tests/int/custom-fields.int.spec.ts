/**
 * Custom member fields (issue 15 point 2; collections/member-fields, src/members/customFields.ts):
 * admins define them, members and staff fill them in as the definitions say, nobody reads a value
 * they may not see (REST, GraphQL, population, filters, exports), staff filter by them, and they
 * go through the directory (opt-in, lock), exports, erasure and the audit trail.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { MemberField, Tier, User } from '@payload-types'

import { eraseMember } from '@/privacy/erasure'

import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
type Person = { user: User; token: string }
let admin: Person
let secretary: Person
let treasurer: Person
let member: Person
let other: Person

const SECRET = 'Staff note about a knee'
const fields: Record<string, MemberField> = {}

async function graphql(query: string, token?: string) {
  const { default: config } = await import('@payload-config')
  const request = new Request('http://localhost:3000/api/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    body: JSON.stringify({ query }),
  })
  return (await (await GRAPHQL_POST(config)(request)).json()) as { data?: any; errors?: { message: string }[] }
}

const define = async (data: Record<string, unknown>) => {
  const res = await rest('POST', '/member-fields', { token: admin.token, body: data })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  fields[res.body.doc.key] = res.body.doc
  return res.body.doc as MemberField
}
const stored = async (id: number) => ((await payload.findByID({ collection: 'users', id, depth: 0 })) as User).customFields ?? {}
const patchAs = (person: Person, id: number, body: unknown) => rest('PATCH', `/users/${id}`, { token: person.token, body })

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal } = await eventTiersAndOrganiser(payload, { name: 'Company', fee: 9000, seats: 3 }))
  admin = await createUser(payload, ['admin'])
  secretary = await createUser(payload, ['secretary'])
  treasurer = await createUser(payload, ['treasurer'])
  member = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(new Date(), 200), member: { firstName: 'Mina', lastName: 'Member' } })
  other = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(new Date(), 200), member: { firstName: 'Otto', lastName: 'Other' } })

  await define({ label: 'Licence number', type: 'text', directoryEligible: true, order: 1 })
  await define({ label: 'Aircraft owned', key: 'aircraft_count', type: 'number', order: 2 })
  await define({ label: 'First solo', key: 'first_solo', type: 'date', order: 3 })
  await define({ label: 'Main interest', key: 'interest', type: 'choice', required: true, directoryEligible: true, order: 4, options: [{ label: 'Flying', value: 'flying' }, { label: 'Engineering', value: 'engineering' }] })
  await define({ label: 'Happy to be called', key: 'call_ok', type: 'checkbox', order: 5 })
  await define({ label: 'About me', key: 'bio', type: 'textarea', order: 6 })
  await define({ label: 'Security pass', key: 'security_pass', type: 'text', editableBy: 'staff', order: 7 })
  await define({ label: 'Medical note', key: 'medical_note', type: 'textarea', visibleTo: 'staff', editableBy: 'members', directoryEligible: true, sensitive: true, order: 8 })
  await define({ label: 'Old field', key: 'old_field', type: 'text', order: 9 })
})

describe('definitions', () => {
  it('an admin defines a field; the key is made from the label; a staff-only field is filled in by staff and never in the directory', () => {
    expect(fields.licence_number!.key).toBe('licence_number')
    expect(fields.medical_note!.editableBy).toBe('staff')
    expect(fields.medical_note!.directoryEligible).toBe(false)
  })

  it('only admins change definitions; the secretary reads all; a member reads those members see, not archived ones', async () => {
    for (const person of [secretary, treasurer, member]) {
      expect((await rest('POST', '/member-fields', { token: person.token, body: { label: 'Nope', type: 'text' } })).status).toBe(403)
      expect((await rest('PATCH', `/member-fields/${fields.bio!.id}`, { token: person.token, body: { label: 'Changed' } })).status).toBe(403)
    }
    expect((await rest('GET', '/member-fields', {})).status).toBe(403)
    const all = await rest('GET', '/member-fields?limit=100', { token: secretary.token })
    expect(all.body.docs.map((d: MemberField) => d.key)).toContain('medical_note')
    await payload.update({ collection: 'member-fields', id: fields.old_field!.id, data: { archived: true } })
    const theirs = await rest('GET', '/member-fields?limit=100', { token: member.token })
    const keys = theirs.body.docs.map((d: MemberField) => d.key)
    expect(keys).toContain('licence_number')
    expect(keys).not.toContain('medical_note')
    expect(keys).not.toContain('old_field')
    expect((await rest('GET', `/member-fields/${fields.medical_note!.id}`, { token: member.token })).status).toBe(404)
  })

  it('refuses a bad key, a duplicate key and a choice without options with 400', async () => {
    for (const body of [
      { label: 'Bad', key: 'Bad Key', type: 'text' },
      { label: 'Bad', key: 'a__b', type: 'text' },
      { label: 'Dup', key: 'licence_number', type: 'text' },
      { label: 'Pick', key: 'pick', type: 'choice', options: [] },
      { label: 'Pick', key: 'pick', type: 'choice', options: [{ label: 'Quote', value: "it's" }] },
    ]) {
      const res = await rest('POST', '/member-fields', { token: admin.token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect(await payload.count({ collection: 'member-fields', where: { key: { equals: 'pick' } } })).toMatchObject({ totalDocs: 0 })
  })
})

describe('values: what a member may write', () => {
  it('saves valid values of every type, and a key not sent keeps its value', async () => {
    const res = await patchAs(member, member.user.id, {
      customFields: { licence_number: '  GB-123  ', aircraft_count: 2, first_solo: '2001-06-30', interest: 'flying', call_ok: true, bio: 'Line one\nLine two' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(await stored(member.user.id)).toEqual({ licence_number: 'GB-123', aircraft_count: 2, first_solo: '2001-06-30', interest: 'flying', call_ok: true, bio: 'Line one\nLine two' })
    expect((await patchAs(member, member.user.id, { customFields: { aircraft_count: 3, interest: 'flying' } })).status).toBe(200)
    expect(await stored(member.user.id)).toMatchObject({ licence_number: 'GB-123', aircraft_count: 3 })
    // empty clears
    expect((await patchAs(member, member.user.id, { customFields: { bio: '', interest: 'flying' } })).status).toBe(200)
    expect(await stored(member.user.id)).not.toHaveProperty('bio')
  })

  it('refuses a value of the wrong type, a choice not offered and an unknown key with 400 naming the field, changing nothing', async () => {
    const before = await stored(member.user.id)
    const bad: Array<[string, unknown]> = [
      ['licence_number', 42],
      ['licence_number', 'two\nlines'],
      ['licence_number', 'x'.repeat(501)],
      ['aircraft_count', 'three'],
      ['aircraft_count', '3'],
      ['first_solo', '2001-02-30'],
      ['first_solo', 'yesterday'],
      ['interest', 'gliding'],
      ['call_ok', 'yes'],
      ['bio', { nested: true }],
      ['no_such_field', 'x'],
    ]
    for (const [key, value] of bad) {
      const res = await patchAs(member, member.user.id, { firstName: 'Changed', customFields: { interest: 'flying', [key]: value } })
      expect(res.status, `${key}=${JSON.stringify(value)}`).toBe(400)
      expect(JSON.stringify(res.body.errors)).toContain(`customFields.${key}`)
    }
    expect((await patchAs(member, member.user.id, { customFields: 'not an object' })).status).toBe(400)
    expect(await stored(member.user.id)).toEqual(before)
    expect(((await payload.findByID({ collection: 'users', id: member.user.id })) as User).firstName).toBe('Mina')
  })

  it('requires a required field the member fills in when they save their custom fields', async () => {
    await payload.update({ collection: 'users', id: other.user.id, data: { customFields: { licence_number: 'X1' } } })
    const res = await patchAs(other, other.user.id, { customFields: { licence_number: 'X2' } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/Main interest is required/)
    // a change that does not touch the custom fields is not held up by them
    expect((await patchAs(other, other.user.id, { lastName: 'Other' })).status).toBe(200)
    expect((await patchAs(other, other.user.id, { customFields: { licence_number: 'X2', interest: 'engineering' } })).status).toBe(200)
  })

  it('a member cannot write a staff-only field (400, as for an unknown key) nor change one the staff fill in (403)', async () => {
    await payload.update({ collection: 'users', id: member.user.id, data: { customFields: { medical_note: SECRET, security_pass: 'P-7' } } })
    const hidden = await patchAs(member, member.user.id, { customFields: { interest: 'flying', medical_note: 'mine now' } })
    expect(hidden.status).toBe(400)
    const unknown = await patchAs(member, member.user.id, { customFields: { interest: 'flying', no_such: 'mine now' } })
    expect(unknown.body.errors[0].message.replace('no_such', 'medical_note')).toBe(hidden.body.errors[0].message)
    const readOnly = await patchAs(member, member.user.id, { customFields: { interest: 'flying', security_pass: 'P-8' } })
    expect(readOnly.status).toBe(403)
    expect(readOnly.body.errors[0].message).toMatch(/Security pass is filled in by the staff/)
    // sending back what they read is fine
    expect((await patchAs(member, member.user.id, { customFields: { interest: 'flying', security_pass: 'P-7' } })).status).toBe(200)
    // an archived field is not changed by anyone but the system
    expect((await patchAs(admin, member.user.id, { customFields: { old_field: 'new' } })).status).toBe(403)
    expect(await stored(member.user.id)).toMatchObject({ medical_note: SECRET, security_pass: 'P-7' })
    // nor another member's values
    expect([403, 404]).toContain((await patchAs(member, other.user.id, { customFields: { licence_number: 'theirs' } })).status)
  })

  it('staff who manage people fill in staff fields; staff who only read people cannot', async () => {
    expect((await patchAs(secretary, other.user.id, { customFields: { security_pass: 'S-1', medical_note: 'Needs a ramp' } })).status).toBe(200)
    expect(await stored(other.user.id)).toMatchObject({ security_pass: 'S-1', medical_note: 'Needs a ramp', licence_number: 'X2' })
    expect((await patchAs(treasurer, other.user.id, { customFields: { security_pass: 'T-1' } })).status).toBe(403)
  })
})

describe('values: nobody reads what they may not see', () => {
  it('a member never reads a staff-only value, their own included: REST, GraphQL, population, select', async () => {
    for (const path of [`/users/${member.user.id}`, '/users/me', '/users?limit=100', `/users?where[id][equals]=${member.user.id}&select[customFields]=true`, '/memberships?depth=1&limit=100']) {
      const res = await rest('GET', path, { token: member.token })
      expect(res.status, path).toBe(200)
      const text = JSON.stringify(res.body)
      expect(text, path).not.toContain(SECRET)
      expect(text, path).not.toContain('medical_note')
    }
    const me = await rest('GET', `/users/${member.user.id}`, { token: member.token })
    expect(me.body.customFields).toMatchObject({ licence_number: 'GB-123', security_pass: 'P-7' })
    const gql = await graphql('{ Users { docs { id customFields } } }', member.token)
    expect(gql.errors).toBeUndefined()
    expect(JSON.stringify(gql.data)).not.toContain(SECRET)
    expect(gql.data.Users.docs[0].customFields.licence_number).toBe('GB-123')
  })

  it('staff who read people see every value', async () => {
    for (const person of [admin, secretary, treasurer]) {
      const res = await rest('GET', `/users/${member.user.id}`, { token: person.token })
      expect(res.body.customFields.medical_note).toBe(SECRET)
    }
  })

  it('a member cannot ask a filter or a sort about a staff-only value (the same answer as an unknown key)', async () => {
    const asks = [
      `where[customFields.medical_note][equals]=${encodeURIComponent(SECRET)}`,
      'where[customFields.medical_note][exists]=true',
      'where[customFields__medical_note][like]=knee',
      'where[customFields][like]=knee',
      'where[or][0][customFields.medical_note][contains]=knee',
    ]
    for (const ask of asks) {
      const res = await rest('GET', `/users?${ask}`, { token: member.token })
      expect(res.status, ask).toBe(403)
      expect(JSON.stringify(res.body)).not.toContain(SECRET)
    }
    const unknown = await rest('GET', '/users?where[customFields.no_such][exists]=true', { token: member.token })
    expect(unknown.status).toBe(403)
    expect((await rest('GET', '/users?sort=customFields.medical_note', { token: member.token })).status).toBeGreaterThanOrEqual(400)
    const gql = await graphql(`{ Users(where: { customFields: { like: "knee" } }) { docs { id } } }`, member.token)
    expect(gql.errors?.length).toBeGreaterThan(0)
    // their own member-visible values they may filter on
    const own = await rest('GET', '/users?where[customFields.licence_number][equals]=GB-123', { token: member.token })
    expect(own.status).toBe(200)
    expect(own.body.docs.map((d: User) => d.id)).toEqual([member.user.id])
  })
})

describe('filtering by a custom value (staff)', () => {
  const ids = async (query: string, token = admin.token) => {
    const res = await rest('GET', `/users?${query}&limit=100&depth=0`, { token })
    expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200)
    return (res.body.docs as User[]).map((doc) => doc.id).sort()
  }

  it('filters on text, number, date, choice and yes/no values, and on whether a value exists', async () => {
    expect(await ids('where[customFields.licence_number][equals]=GB-123')).toEqual([member.user.id])
    expect(await ids('where[customFields.aircraft_count][equals]=3')).toEqual([member.user.id])
    expect(await ids('where[customFields.first_solo][equals]=2001-06-30')).toEqual([member.user.id])
    expect(await ids('where[customFields.interest][equals]=engineering')).toEqual([other.user.id])
    expect(await ids('where[customFields.interest][in]=flying,engineering')).toEqual([member.user.id, other.user.id].sort())
    expect(await ids('where[customFields.call_ok][equals]=true')).toEqual([member.user.id])
    expect(await ids('where[customFields.security_pass][exists]=true')).toEqual([member.user.id, other.user.id].sort())
    expect(await ids('where[customFields.licence_number][like]=gb-1', treasurer.token)).toEqual([member.user.id])
    // a sensitive field's values are sealed at rest (a fresh IV each write): no filter could match
    const sealed = await rest('GET', '/users?where[customFields.medical_note][like]=ramp', { token: treasurer.token })
    expect(sealed.status).toBe(400)
    expect(sealed.body.errors[0].message).toMatch(/encrypted/)
  })

  it('answers 400, not a server error, to an operator or a key it cannot filter on', async () => {
    expect((await rest('GET', '/users?where[customFields.aircraft_count][greater_than]=1', { token: admin.token })).status).toBe(400)
    expect((await rest('GET', '/users?where[customFields.no_such][equals]=1', { token: admin.token })).status).toBe(400)
    expect((await rest('GET', '/users?sort=-customFields.aircraft_count', { token: admin.token })).status).toBe(400)
  })
})

describe('definitions in use', () => {
  it('keeps the key and the type of a field people have values for, and refuses to delete it (archive instead)', async () => {
    const id = fields.licence_number!.id
    expect((await rest('PATCH', `/member-fields/${id}`, { token: admin.token, body: { key: 'licence' } })).status).toBe(400)
    expect((await rest('PATCH', `/member-fields/${id}`, { token: admin.token, body: { type: 'number' } })).status).toBe(400)
    expect((await rest('PATCH', `/member-fields/${id}`, { token: admin.token, body: { label: 'Pilot licence number' } })).status).toBe(200)
    expect((await rest('DELETE', `/member-fields/${id}`, { token: admin.token })).status).toBe(409)
    const unused = await define({ label: 'Unused', type: 'text' })
    expect((await rest('PATCH', `/member-fields/${unused.id}`, { token: admin.token, body: { key: 'unused_renamed', type: 'number' } })).status).toBe(200)
    expect((await rest('DELETE', `/member-fields/${unused.id}`, { token: admin.token })).status).toBe(200)
  })
})

describe('directory', () => {
  const card = async (token: string, id: number) => ((await rest('GET', '/directory', { token })).body.cards as Array<{ id: number; customFields?: unknown[] }>).find((c) => c.id === id)

  it('shows a directory-eligible field only to members after its owner opts in, records the opt-in as consent, and hides it when an admin locks it', async () => {
    expect(await card(other.token, member.user.id)).toBeUndefined()
    // only eligible fields can be chosen
    expect((await patchAs(member, member.user.id, { directory: { showCustom: ['bio'] } })).status).toBe(400)
    expect((await patchAs(member, member.user.id, { directory: { showCustom: ['medical_note'] } })).status).toBe(400)
    expect((await patchAs(member, member.user.id, { directory: { showCustom: ['licence_number'] } })).status).toBe(200)
    const consents = await payload.find({ collection: 'consents', where: { and: [{ person: { equals: member.user.id } }, { kind: { equals: 'directory' } }] }, sort: '-givenAt' })
    expect(consents.docs[0]?.granted).toBe(true)

    const shown = await card(other.token, member.user.id)
    expect(shown).toEqual({ id: member.user.id, customFields: [{ key: 'licence_number', label: 'Pilot licence number', value: 'GB-123' }] })
    const gql = await graphql('{ directory { cards { id customFields { key label value } } } }', other.token)
    expect(gql.data.directory.cards.find((c: { id: number }) => c.id === member.user.id).customFields).toEqual([{ key: 'licence_number', label: 'Pilot licence number', value: 'GB-123' }])
    // the interest (eligible) is not shown: not chosen
    expect(JSON.stringify(shown)).not.toContain('Flying')

    await payload.updateGlobal({ slug: 'settings', data: { directoryLockedMemberFields: [fields.licence_number!.id] } })
    expect(await card(other.token, member.user.id)).toBeUndefined()
    const locked = await graphql('{ directory { cards { id customFields { value } } } }', other.token)
    expect(JSON.stringify(locked.data)).not.toContain('GB-123')
    await payload.updateGlobal({ slug: 'settings', data: { directoryLockedMemberFields: [] } })
    expect((await card(other.token, member.user.id))?.customFields).toHaveLength(1)
  })
})

describe('export, audit trail and erasure', () => {
  it('the member’s own export lists the values they see with labels; a subject access request lists all', async () => {
    const own = await rest('GET', '/users/me/export', { token: member.token })
    expect(own.status).toBe(200)
    const ownText = JSON.stringify(own.body)
    expect(ownText).not.toContain(SECRET)
    expect(own.body.customFields).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'interest', label: 'Main interest', value: 'flying', text: 'Flying' })]))
    expect(own.body.profile).not.toHaveProperty('customFields')
    const sar = await rest('GET', `/users/${member.user.id}/export`, { token: admin.token })
    expect(sar.status).toBe(200)
    expect(sar.body.customFields).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'medical_note', label: 'Medical note', value: SECRET, visibleTo: 'staff' })]))
  })

  it('the audit trail records custom value changes, a sensitive one without its values', async () => {
    expect((await patchAs(admin, member.user.id, { customFields: { aircraft_count: 4, medical_note: 'Another note' } })).status).toBe(200)
    const { docs } = await payload.find({ collection: 'audit-entries', where: { person: { equals: member.user.id } }, sort: '-createdAt', limit: 1 })
    const changes = docs[0]!.changes as Array<{ field: string; before?: unknown; after?: unknown; redacted?: boolean }>
    expect(changes).toContainEqual({ field: 'customFields.aircraft_count', before: 3, after: 4 })
    expect(changes).toContainEqual({ field: 'customFields.medical_note', redacted: true })
    expect(JSON.stringify(changes)).not.toContain('Another note')
    // a value cleared is a change too
    expect((await patchAs(member, member.user.id, { customFields: { first_solo: null, interest: 'flying' } })).status).toBe(200)
    const latest = await payload.find({ collection: 'audit-entries', where: { person: { equals: member.user.id } }, sort: '-createdAt', limit: 1 })
    expect(latest.docs[0]!.changes).toContainEqual({ field: 'customFields.first_solo', before: '2001-06-30', after: null })
  })

  it('erasure clears every custom value (archived ones too), the directory choices, and the values in the audit trail', async () => {
    await payload.update({ collection: 'member-fields', id: fields.old_field!.id, data: { archived: false } })
    await payload.update({ collection: 'users', id: member.user.id, data: { customFields: { old_field: 'kept' } } })
    await payload.update({ collection: 'member-fields', id: fields.old_field!.id, data: { archived: true } })
    await eraseMember(payload, member.user.id, { cause: 'admin' })
    const after = (await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })) as User
    expect(after.customFields ?? {}).toEqual({})
    expect(after.directory?.showCustom ?? []).toEqual([])
    const trail = await payload.find({ collection: 'audit-entries', where: { person: { equals: member.user.id } }, limit: 100 })
    const text = JSON.stringify(trail.docs.map((doc) => doc.changes))
    expect(text).toContain('customFields.aircraft_count')
    expect(text).not.toContain('GB-123')
    expect(text).not.toContain('2001-06-30')
  })
})
