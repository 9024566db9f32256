/**
 * "Download my data" and subject access requests (issue 15 point 7): the file holds everything
 * about the member (profile, memberships with history, seats on others' memberships, payments,
 * RSVPs, volunteering, emails sent to them, consents), no secret, nothing of anyone else, and
 * staff the matrix allows produce the same file for any member.
 */
import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Membership, User } from '@payload-types'

import { recordStatements } from '@/lib/statementLog'
import { saveOptIns } from '@/privacy/consents'

import { MINIMAL_PDF } from '../fixtures/pdf'
import { eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest, sendQueuedEmails } from './helpers/payload'

const PDF_FILE = { data: MINIMAL_PDF, mimetype: 'application/pdf', name: 'first-aid.pdf', size: MINIMAL_PDF.length }
const API_KEY = 'a-secret-api-key-for-the-export-test'

let payload: Payload
let admin: { user: User; token: string }
let secretary: { user: User; token: string }
let treasurer: { user: User; token: string }
let alex: { user: User; token: string; membership: Membership }
let other: { user: User; token: string; membership: Membership }
const THIRD_EMAIL = 'third.seat.holder@example.org'
const otherIds: { payment?: number | string; rsvp?: number | string } = {}
let eventId: number | string
let roleId: number | string

const requestAs = (user: User): Promise<PayloadRequest> => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin', 'member'])
  secretary = await createUser(payload, ['secretary', 'member'])
  treasurer = await createUser(payload, ['treasurer', 'member'])
  const { personal, organisation } = await eventTiersAndOrganiser(payload, { name: 'Syndicate', fee: 5000, seats: 3 })
  const periodEnd = new Date(Date.now() + 200 * 86_400_000)

  alex = await memberWithMembership(payload, personal, { status: 'active', periodEnd, member: { firstName: 'Alex', lastName: 'Exporter', phone: '+441792485123' } })
  other = await memberWithMembership(payload, organisation, { status: 'active', periodEnd, member: { firstName: 'Olive', lastName: 'Zebedee-Other', phone: '+442920180999' } })
  await payload.update({ collection: 'users', id: alex.user.id, data: { internalNotes: 'Owes a key to the hangar', enableAPIKey: true, apiKey: API_KEY } as never })
  await payload.update({
    collection: 'memberships',
    id: alex.membership.id,
    data: { history: [{ from: 'applied', to: 'active', at: new Date().toISOString(), cause: 'admin', actor: admin.user.id, reason: 'Approved at the March meeting' }] } as never,
  })
  // Alex holds a seat on the other member's organisation membership, beside a third person
  await payload.update({ collection: 'memberships', id: other.membership.id, data: { seatHolders: [{ email: alex.user.email }, { email: THIRD_EMAIL }] } as never })

  for (const person of [alex, other]) {
    const payment = await payload.create({ collection: 'payments', data: { member: person.user.id, amount: person === alex ? 1234 : 4321, currency: 'GBP', method: 'cash', purpose: 'donation' } as never })
    if (person === other) otherIds.payment = payment.id
  }
  eventId = (await payload.create({ collection: 'events', data: { title: 'Fly-in breakfast', startsAt: '2030-01-10T08:00:00.000Z', status: 'published', audience: 'public' } as never })).id
  for (const person of [alex, other]) {
    const rsvp = await payload.create({ collection: 'rsvps', data: { event: eventId, member: person.user.id } as never })
    if (person === other) otherIds.rsvp = rsvp.id
  }

  roleId = (await payload.create({ collection: 'volunteer-roles', data: { name: 'Export test marshal', requiredCertificates: [] } })).id
  const certificateType = await payload.create({ collection: 'certificate-types', data: { name: 'Export test first aid', validityMonths: 36 } })
  for (const person of [alex, other]) {
    await payload.create({ collection: 'volunteer-assignments', data: { member: person.user.id, role: roleId } as never })
    await payload.create({ collection: 'availability', data: { member: person.user.id, weekly: [{ day: 'sat', from: '09:00', to: '17:00' }], notes: person === alex ? 'Weekends only' : 'Zebedee evenings' } as never })
    await payload.create({ collection: 'certificates', data: { member: person.user.id, type: certificateType.id, issuedOn: '2026-01-01T00:00:00.000Z', reference: person === alex ? 'FA-ALEX' : 'FA-ZEBEDEE' } as never, file: PDF_FILE })
  }
  await payload.create({
    collection: 'shifts',
    data: {
      role: roleId,
      startsAt: '2030-06-01T09:00:00.000Z',
      endsAt: '2030-06-01T13:00:00.000Z',
      peopleNeeded: 3,
      assigned: [
        { member: alex.user.id, via: 'coordinator' },
        { member: other.user.id, via: 'signup' },
      ],
    } as never,
  })
  await saveOptIns(await requestAs(alex.user), { marketing: true })
  await saveOptIns(await requestAs(other.user), { directory: true })
  await sendQueuedEmails(payload)
})

const withoutTime = (body: Record<string, unknown>) => ({ ...body, exportedAt: undefined })

describe('GET /api/users/me/export', () => {
  it('downloads the signed-in member’s data as a JSON file', async () => {
    const res = await rest('GET', '/users/me/export', { token: alex.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="personal-data-${alex.user.id}-\\d{4}-\\d{2}-\\d{2}\\.json"$`))
    expect(res.headers.get('cache-control')).toMatch(/no-store/)

    const data = res.body
    expect(data.profile).toMatchObject({ id: alex.user.id, email: alex.user.email, firstName: 'Alex', lastName: 'Exporter', phone: '+441792485123' })
    expect(data.memberships).toHaveLength(1)
    expect(data.memberships[0]).toMatchObject({ id: alex.membership.id, tier: 'Personal', status: 'active' })
    expect(data.memberships[0].history).toEqual([expect.objectContaining({ from: 'applied', to: 'active', cause: 'admin', byYou: false, reason: 'Approved at the March meeting' })])
    expect(data.seatsAndHouseholds).toEqual([expect.objectContaining({ kind: 'seat', tier: 'Syndicate', organisationName: 'Test Organisation Ltd', status: 'active' })])
    expect(data.payments).toEqual([expect.objectContaining({ amount: 1234, currency: 'GBP', method: 'cash' })])
    expect(data.rsvps).toEqual([expect.objectContaining({ status: 'going', event: expect.objectContaining({ id: eventId, title: 'Fly-in breakfast' }) })])
    expect(data.volunteering.assignments).toEqual([expect.objectContaining({ role: 'Export test marshal' })])
    expect(data.volunteering.shifts).toEqual([expect.objectContaining({ role: 'Export test marshal', via: 'coordinator', startsAt: '2030-06-01T09:00:00.000Z' })])
    expect(data.volunteering.availability).toMatchObject({ notes: 'Weekends only', weekly: [expect.objectContaining({ day: 'sat', from: '09:00', to: '17:00' })] })
    expect(data.volunteering.certificates).toEqual([expect.objectContaining({ type: 'Export test first aid', reference: 'FA-ALEX', file: expect.objectContaining({ mimeType: 'application/pdf', filesize: MINIMAL_PDF.length }) })])
    expect(data.volunteering.certificates[0].file.filename).toMatch(/\.pdf$/)
    expect(data.notifications.length).toBeGreaterThan(0)
    for (const email of data.notifications) expect(email.recipient).toBe(alex.user.email)
    expect(data.notifications.map((n: { template: string }) => n.template)).toContain('welcome')
    expect(data.consents).toEqual([expect.objectContaining({ kind: 'marketing', granted: true, source: 'portal' })])
  })

  it('holds no password hash, salt, API key or reset token, and no staff-only note', async () => {
    const res = await rest('GET', '/users/me/export', { token: alex.token })
    const text = JSON.stringify(res.body)
    for (const field of ['hash', 'salt', 'apiKey', 'apiKeyIndex', 'resetPasswordToken', 'sessions', 'internalNotes']) expect(res.body.profile).not.toHaveProperty(field)
    expect(text).not.toMatch(/"(hash|salt|apiKey|apiKeyIndex|resetPasswordToken)"\s*:/)
    expect(text).not.toContain(API_KEY)
    expect(text).not.toContain('Owes a key')
    // the certificate's file is listed, not embedded
    expect(text).not.toContain(MINIMAL_PDF.toString('base64').slice(0, 40))
  })

  it('holds nothing of any other person', async () => {
    const res = await rest('GET', '/users/me/export', { token: alex.token })
    const text = JSON.stringify(res.body)
    for (const secret of [other.user.email, 'Zebedee', 'Olive', '2920180999', THIRD_EMAIL, admin.user.email, 'FA-ZEBEDEE']) expect(text).not.toContain(secret)
    expect(res.body.memberships.map((m: { id: unknown }) => m.id)).not.toContain(other.membership.id)
    expect(res.body.payments.map((p: { id: unknown }) => p.id)).not.toContain(otherIds.payment)
    expect(res.body.volunteering.shifts).toHaveLength(1)
    expect(res.body.consents.map((c: { kind: string }) => c.kind)).not.toContain('directory')
  })

  it('refuses a visitor with 401', async () => {
    const res = await rest('GET', '/users/me/export')
    expect(res.status).toBe(401)
  })

  it('reads a fixed number of statements, however much data the member has', async () => {
    const { exportPersonalData } = await import('@/privacy/personalDataExport')
    const before = await recordStatements(async () => exportPersonalData(await requestAs(alex.user), alex.user.id))
    for (let i = 0; i < 3; i++) {
      const event = await payload.create({ collection: 'events', data: { title: `Extra event ${i}`, startsAt: '2030-02-10T08:00:00.000Z', status: 'published', audience: 'public' } as never })
      await payload.create({ collection: 'rsvps', data: { event: event.id, member: alex.user.id } as never })
      await payload.create({ collection: 'payments', data: { member: alex.user.id, amount: 100 + i, currency: 'GBP', method: 'cash', purpose: 'donation' } as never })
    }
    const after = await recordStatements(async () => exportPersonalData(await requestAs(alex.user), alex.user.id))
    if (after.statements.length !== before.statements.length) console.log(after.statements.filter((s) => !before.statements.includes(s)))
    expect(after.result!.rsvps).toHaveLength(before.result!.rsvps.length + 3)
    expect(after.result!.payments).toHaveLength(before.result!.payments.length + 3)
    expect(after.statements.length).toBe(before.statements.length)
  })
})

describe('GET /api/users/:id/export (subject access request)', () => {
  it('gives an admin and the secretary the same file the member downloads', async () => {
    const own = await rest('GET', '/users/me/export', { token: alex.token })
    for (const staff of [admin, secretary]) {
      const res = await rest('GET', `/users/${alex.user.id}/export`, { token: staff.token })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="personal-data-/)
      expect(withoutTime(res.body)).toEqual(withoutTime(own.body))
    }
  })

  it('refuses a member asking for someone else’s data, and staff the matrix does not allow', async () => {
    const byMember = await rest('GET', `/users/${other.user.id}/export`, { token: alex.token })
    expect(byMember.status).toBe(403)
    expect(JSON.stringify(byMember.body)).not.toContain(other.user.email)
    const byTreasurer = await rest('GET', `/users/${alex.user.id}/export`, { token: treasurer.token })
    expect(byTreasurer.status).toBe(403)
    expect(byTreasurer.body.errors[0].message).toMatch(/admins and secretaries/)
  })

  it('answers 404 for a person who does not exist, and a member may name themself by id', async () => {
    expect((await rest('GET', '/users/987654/export', { token: admin.token })).status).toBe(404)
    expect((await rest('GET', `/users/${alex.user.id}/export`, { token: alex.token })).status).toBe(200)
  })
})
