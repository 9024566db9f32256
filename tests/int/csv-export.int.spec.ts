/**
 * CSV exports of the admin list views (issue 16 point 4; src/exports, collections/<c>/endpoints/
 * exportCsv.ts): each file parsed back with csv-parse. Who may export (read all in the matrix),
 * which columns each role gets (no internal notes for the treasurer, no credentials for anyone),
 * the list's filters, search and sort applied, custom member fields as columns (sensitive ones
 * decrypted), RSVP answers as columns per event, volunteer hours, spreadsheet formulas
 * neutralised, and paging that neither skips nor repeats a row.
 */
import { parse } from 'csv-parse/sync'
import type { Payload } from 'payload'
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Event, Membership, Tier, User, VolunteerRole } from '@payload-types'

import { readPages } from '@/exports/pages'

import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

type Person = { user: User; token: string }
type Row = Record<string, string>

let payload: Payload
let personal: Tier
let organiser: Person
let admin: Person
let secretary: Person
let treasurer: Person
let coordinator: Person
let alice: Person & { membership: Membership }
let bob: Person & { membership: Membership }
let event: Event
let otherEvent: Event
let general: VolunteerRole

const now = new Date()
const NOTE = 'Has the hangar key; owes the key deposit'
const MEDICAL = 'Asthma, carries an inhaler'

/** GET an export as `person`; the file parsed back (header row as keys), with the raw answer. */
async function exportCsv(path: string, person?: Person) {
  const res = await rest('GET', path, { token: person?.token })
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
  const rows: Row[] = res.status === 200 ? parse(text, { bom: true, columns: true, skip_empty_lines: true }) : []
  const header: string[] = res.status === 200 ? (parse(text, { bom: true, to_line: 1 })[0] ?? []) : []
  return { ...res, text, rows, header }
}

const CREDENTIAL_COLUMN = /password|hash|salt|api.?key|token|reset|lock/i

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organiser } = await eventTiersAndOrganiser(payload, { name: 'Company', fee: 9000, seats: 3 }))
  admin = await createUser(payload, ['admin'])
  secretary = await createUser(payload, ['secretary'])
  treasurer = await createUser(payload, ['treasurer'])
  coordinator = await createUser(payload, ['volunteers', 'member'])
  alice = await memberWithMembership(payload, personal, {
    status: 'active',
    periodEnd: daysFrom(now, 200),
    member: { firstName: 'Alice', lastName: '=2+3', phone: '07911 123456', address: { line1: '1 Runway Road', town: 'Swansea', postcode: 'SA2 0PP', country: 'United Kingdom' } } as Partial<User>,
  })
  bob = await memberWithMembership(payload, personal, { status: 'awaiting_payment', periodEnd: daysFrom(now, 200), member: { firstName: 'Bob', lastName: 'Builder' } })
  await payload.update({ collection: 'users', id: alice.user.id, data: { internalNotes: NOTE }, depth: 0 })
  await payload.update({ collection: 'memberships', id: alice.membership.id, data: { internalNotes: NOTE }, depth: 0 })

  // custom member fields: one members see, one staff-only and sealed at rest
  for (const field of [
    { label: 'Licence number', key: 'licence_number', type: 'text', order: 1 },
    { label: 'Medical note', key: 'medical_note', type: 'textarea', visibleTo: 'staff', editableBy: 'staff', sensitive: true, order: 2 },
  ]) {
    expect((await rest('POST', '/member-fields', { token: admin.token, body: field })).status).toBe(201)
  }
  const patched = await rest('PATCH', `/users/${alice.user.id}`, { token: admin.token, body: { customFields: { licence_number: 'PPL-123', medical_note: MEDICAL } } })
  expect(patched.status, JSON.stringify(patched.body)).toBe(200)

  // a cash payment recorded by the treasurer, with a note
  const paid = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: bob.membership.id, method: 'cash', amount: 500, notes: 'Paid at the AGM' } })
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)

  // an event with questions, and replies
  const create = async (data: Record<string, unknown>) => {
    const res = await rest('POST', '/events?depth=0', { token: organiser.token, body: { startsAt: daysFrom(now, 14).toISOString(), status: 'published', audience: 'members', ...data } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.doc as Event
  }
  event = await create({
    title: 'Fly-in',
    questions: [
      { key: 'dietary', label: 'Dietary needs', kind: 'text', required: false },
      { key: 'parking', label: 'Do you need parking?', kind: 'yes_no', required: true },
    ],
  })
  otherEvent = await create({ title: 'Committee', questions: [{ key: 'topic', label: 'Topic to raise', kind: 'text', required: false }] })
  expect((await rest('POST', '/rsvps?depth=0', { token: alice.token, body: { event: event.id, guests: 1, answers: { parking: true, dietary: 'Vegetarian' } } })).status).toBe(201)
  expect((await rest('POST', '/rsvps?depth=0', { token: alice.token, body: { event: otherEvent.id, answers: { topic: '@everyone fees' } } })).status).toBe(201)

  // volunteering: alice holds the General role and attended two shifts, one last year
  general = (await payload.create({ collection: 'volunteer-roles', data: { name: 'General (export)', requiredCertificates: [] } })) as VolunteerRole
  await payload.create({ collection: 'volunteer-assignments', data: { member: alice.user.id, role: general.id, status: 'active' }, depth: 0 })
  for (const [daysAgo, hours] of [
    [10, 3.5],
    [400, 2],
  ] as const) {
    const startsAt = daysFrom(now, -daysAgo)
    await payload.create({
      collection: 'shifts',
      data: { role: general.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(), peopleNeeded: 2, assigned: [{ member: alice.user.id, via: 'coordinator', attended: true, hours }] } as never,
      depth: 0,
    })
  }
})

describe('who may export', () => {
  it('only those who read the whole collection: a member gets 403, a visitor 401, with who may in the message', async () => {
    for (const path of ['/users/export.csv', '/memberships/export.csv', '/payments/export.csv', '/rsvps/export.csv', '/volunteer-assignments/export.csv']) {
      expect((await exportCsv(path, alice)).status, path).toBe(403)
      expect((await exportCsv(path)).status, path).toBe(401)
    }
    const refused = await exportCsv('/payments/export.csv', organiser)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toBe('Superusers, admins, treasurers and secretaries can export payments; you cannot.')
    expect((await exportCsv('/volunteer-assignments/export.csv', treasurer)).status).toBe(403)
    expect((await exportCsv('/users/export.csv', treasurer)).status).toBe(200)
  })
})

describe('people (users)', () => {
  it('an admin gets contact details decrypted, roles, internal notes and every custom field, and no credentials', async () => {
    const file = await exportCsv('/users/export.csv', admin)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(file.header).toEqual(expect.arrayContaining(['Email', 'Phone', 'Postcode', 'Internal notes', 'Licence number', 'Medical note']))
    expect(file.header.filter((column) => CREDENTIAL_COLUMN.test(column))).toEqual([])
    const row = file.rows.find((r) => r.Email === alice.user.email)!
    expect(row).toMatchObject({ 'First name': 'Alice', Phone: "'+447911123456", 'Address line 1': '1 Runway Road', Postcode: 'SA2 0PP', 'Internal notes': NOTE, 'Licence number': 'PPL-123', 'Medical note': MEDICAL })
    expect(row.Roles).toBe('member')

    // neither the password hash and salt nor any sealed value is anywhere in the file
    const raw = (await payload.find({ collection: 'users', where: { id: { equals: alice.user.id } }, showHiddenFields: true, depth: 0 })).docs[0] as unknown as { hash?: string; salt?: string }
    expect(raw.hash && raw.salt).toBeTruthy()
    expect(file.text).not.toContain(raw.hash!)
    expect(file.text).not.toContain(raw.salt!)
    expect(file.text).not.toMatch(/enc:v\d/)
  })

  it('a treasurer’s file has no internal notes or directory lock, but the custom fields staff who read every person see', async () => {
    const file = await exportCsv('/users/export.csv', treasurer)
    expect(file.header).not.toContain('Internal notes')
    expect(file.header).not.toContain('Hidden from directory')
    expect(file.text).not.toContain(NOTE)
    const row = file.rows.find((r) => r.Email === alice.user.email)!
    expect(row).toMatchObject({ 'Licence number': 'PPL-123', 'Medical note': MEDICAL })
  })

  it('a volunteer coordinator’s file has names, email and phone, but no address, date of birth or custom fields', async () => {
    await payload.update({ collection: 'users', id: alice.user.id, data: { dateOfBirth: '1984-07-21' }, depth: 0 })
    const file = await exportCsv('/users/export.csv', coordinator)
    expect(file.status).toBe(200)
    expect(file.header).toEqual(expect.arrayContaining(['Email', 'First name', 'Phone']))
    for (const column of ['Address line 1', 'Postcode', 'Date of birth', 'Licence number', 'Medical note', 'Internal notes']) expect(file.header, column).not.toContain(column)
    const row = file.rows.find((r) => r.Email === alice.user.email)!
    expect(row.Phone).toBe("'+447911123456")
    for (const value of ['Runway Road', 'SA2 0PP', '1984-07-21', 'PPL-123', MEDICAL]) expect(file.text, value).not.toContain(value)

    // the same through the API: the person's own record shows them, the coordinator's read does not
    const read = await rest('GET', `/users/${alice.user.id}?depth=0`, { token: coordinator.token })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ email: alice.user.email, phone: '+447911123456' })
    expect(read.body).not.toHaveProperty('address')
    expect(read.body).not.toHaveProperty('dateOfBirth')
    expect(read.body.customFields ?? {}).toEqual({})
    const own = await rest('GET', `/users/${alice.user.id}?depth=0`, { token: alice.token })
    expect(own.body).toMatchObject({ dateOfBirth: '1984-07-21', address: { postcode: 'SA2 0PP' } })
  })

  it('a cell that would run as a spreadsheet formula starts with a quote', async () => {
    const file = await exportCsv('/users/export.csv', admin)
    expect(file.rows.find((r) => r.Email === alice.user.email)!['Last name']).toBe("'=2+3")
    expect(file.text).not.toMatch(/(^|,)=2\+3/m)
  })

  it('the list’s filters, search and sort apply; a filter the asker may not use is refused as in the list', async () => {
    const filtered = await exportCsv(`/users/export.csv?where[or][0][and][0][email][equals]=${encodeURIComponent(alice.user.email)}`, admin)
    expect(filtered.rows.map((r) => r.Email)).toEqual([alice.user.email])
    const searched = await exportCsv('/users/export.csv?search=Builder', secretary)
    expect(searched.rows.map((r) => r.Email)).toEqual([bob.user.email])
    const sorted = await exportCsv('/users/export.csv?sort=email', admin)
    const emails = sorted.rows.map((r) => r.Email)
    expect(emails).toEqual([...emails].sort())
    expect(emails).toHaveLength(await payload.count({ collection: 'users' }).then((count) => count.totalDocs))
    const byCustom = await exportCsv('/users/export.csv?where[customFields.licence_number][equals]=PPL-123', treasurer)
    expect(byCustom.rows.map((r) => r.Email)).toEqual([alice.user.email])

    const sortedAndFiltered = await exportCsv('/users/export.csv?sort=-lastName&where[customFields.licence_number][in]=PPL-123,PPL-999', treasurer)
    expect(sortedAndFiltered.rows.map((r) => r.Email)).toEqual([alice.user.email])

    const guarded = await exportCsv('/users/export.csv?where[internalNotes][like]=key', treasurer)
    expect(guarded.status).toBe(403)
    expect((await exportCsv('/users/export.csv?sort=internalNotes', treasurer)).status).toBe(403)
    expect((await exportCsv('/users/export.csv?where=nonsense', admin)).status).toBe(400)
    expect((await exportCsv('/users/export.csv?where[nope][equals]=1', admin)).status).toBe(400)
  })
})

describe('memberships and payments', () => {
  it('memberships: the secretary sees internal notes, the treasurer does not; a status filter applies', async () => {
    const secretaries = await exportCsv('/memberships/export.csv', secretary)
    expect(secretaries.rows.find((r) => r.ID === String(alice.membership.id))).toMatchObject({ 'Member email': alice.user.email, Tier: 'Personal', Status: 'active', 'Internal notes': NOTE })
    const treasurers = await exportCsv('/memberships/export.csv?where[status][equals]=active', treasurer)
    expect(treasurers.header).not.toContain('Internal notes')
    expect(treasurers.text).not.toContain(NOTE)
    expect(treasurers.rows.length).toBeGreaterThan(0)
    expect(treasurers.rows.every((r) => r.Status === 'active')).toBe(true)
    const active = await payload.find({ collection: 'memberships', where: { status: { equals: 'active' } }, pagination: false, depth: 0 })
    expect(treasurers.rows.map((r) => Number(r.ID)).sort()).toEqual(active.docs.map((doc) => doc.id).sort())
    const lapsed = await exportCsv('/memberships/export.csv?where[status][equals]=lapsed', treasurer)
    expect(lapsed.rows).toEqual([])
    expect(lapsed.header).toContain('Membership number')
  })

  it('payments: minor units beside the currency and the amount as written, notes for the treasurer, method filter', async () => {
    const file = await exportCsv('/payments/export.csv?where[method][equals]=cash', treasurer)
    expect(file.rows).toHaveLength(1)
    expect(file.rows[0]).toMatchObject({ 'Member email': bob.user.email, Method: 'cash', Status: 'succeeded', 'Amount (minor units)': '500', Currency: 'GBP', Amount: '£5.00', 'Refunded (minor units)': '0', Notes: 'Paid at the AGM' })
    expect(file.rows[0]!['Receipt number']).toMatch(/\d/)
    expect(file.rows[0]!['Paid at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect((await exportCsv('/payments/export.csv?where[method][equals]=cheque', treasurer)).rows).toHaveLength(0)
  })
})

describe('RSVPs', () => {
  it('filtered to one event, each of its questions is a column with the answers', async () => {
    const file = await exportCsv(`/rsvps/export.csv?where[or][0][and][0][event][equals]=${event.id}`, organiser)
    expect(file.status).toBe(200)
    expect(file.header).toEqual(expect.arrayContaining(['Dietary needs', 'Do you need parking?']))
    expect(file.header).not.toContain('Answers')
    expect(file.rows).toHaveLength(1)
    expect(file.rows[0]).toMatchObject({ Event: 'Fly-in', 'Member email': alice.user.email, Status: 'going', Guests: '1', 'Dietary needs': 'Vegetarian', 'Do you need parking?': 'Yes' })
    expect(file.headers.get('content-disposition')).toMatch(/filename="rsvps-Fly-in-/)
  })

  it('across events, one column holds each question with its answer', async () => {
    const file = await exportCsv('/rsvps/export.csv', organiser)
    const mine = file.rows.filter((r) => r['Member email'] === alice.user.email)
    expect(mine.map((r) => r.Answers).sort()).toEqual(['Dietary needs: Vegetarian; Do you need parking?: Yes', 'Topic to raise: @everyone fees'])
  })
})

describe('volunteer hours', () => {
  it('each role assignment with the hours attended in that role, optionally within dates', async () => {
    const file = await exportCsv('/volunteer-assignments/export.csv', coordinator)
    const row = file.rows.find((r) => r['Member email'] === alice.user.email)!
    expect(row).toMatchObject({ Role: 'General (export)', Status: 'active', 'Shifts attended in this role': '2', 'Hours in this role': '5.5', 'Hours in all roles': '5.5' })
    const from = daysFrom(now, -100).toISOString().slice(0, 10)
    const recent = await exportCsv(`/volunteer-assignments/export.csv?from=${from}&where[role][equals]=${general.id}`, coordinator)
    expect(recent.rows).toHaveLength(1)
    expect(recent.rows[0]).toMatchObject({ 'Shifts attended in this role': '1', 'Hours in this role': '3.5', 'Hours in all roles': '3.5' })
    expect((await exportCsv('/volunteer-assignments/export.csv?from=yesterday', coordinator)).status).toBe(400)
  })
})

describe('paging', () => {
  it('reads every row once, page after page, by id and by another sort, as the asker', async () => {
    const req = await createLocalReq({ user: { ...treasurer.user, collection: 'users' } as never }, payload)
    const all = (await payload.find({ collection: 'users', pagination: false, depth: 0, sort: 'email' })).docs.map((doc) => doc.id)
    for (const sort of [[], ['id'], ['email'], ['-lastName']]) {
      const seen: Array<number | string> = []
      let pages = 0
      for await (const docs of readPages(req, { collection: 'users', sort, pageSize: 3, select: { email: true, internalNotes: true } })) {
        pages++
        for (const doc of docs) {
          seen.push(doc.id)
          expect(doc.internalNotes).toBeUndefined()
        }
      }
      expect(pages, sort.join()).toBeGreaterThan(2)
      expect([...seen].sort(), sort.join()).toEqual([...all].sort())
    }
  })
})

describe('cost', () => {
  it('a page costs the same statements for one row as for all of them (no query per row)', async () => {
    const { recordStatements } = await import('@/lib/statementLog')
    for (const path of ['/users/export.csv', '/memberships/export.csv', '/payments/export.csv', '/rsvps/export.csv', '/volunteer-assignments/export.csv']) {
      const person = path.startsWith('/volunteer') ? coordinator : admin
      const all = await recordStatements(() => exportCsv(path, person))
      expect(all.result.rows.length, path).toBeGreaterThanOrEqual(path.startsWith('/volunteer') || path.startsWith('/payments') ? 1 : 2)
      const one = await recordStatements(() => exportCsv(`${path}?where[id][equals]=${all.result.rows[0]!.ID}`, person))
      expect(one.result.rows, path).toHaveLength(1)
      expect(all.statements.length, path).toBe(one.statements.length)
      expect(all.statements.length, path).toBeLessThanOrEqual(8)
    }
  })
})

describe('streaming', () => {
  it('a download the client abandons part-way ends quietly', async () => {
    const handlers = await import('../../app/(payload)/api/[...slug]/route')
    const request = new Request('http://localhost:3000/api/users/export.csv', { headers: { Authorization: `JWT ${admin.token}` } })
    const response = await handlers.GET(request, { params: Promise.resolve({ slug: ['users', 'export.csv'] }) })
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    let start = ''
    for (let chunk = 0; chunk < 5 && !start.includes('\n'); chunk++) start += new TextDecoder().decode((await reader.read()).value, { stream: true })
    expect(start).toMatch(/^ID,Email,First name,/)
    await reader.cancel()
    // the server still answers the next export in full
    expect((await exportCsv('/users/export.csv', admin)).rows.length).toBeGreaterThan(2)
  })
})
