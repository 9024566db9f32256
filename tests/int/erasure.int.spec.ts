/**
 * Erasure by anonymisation (issue 15, point 8; src/privacy/erasure.ts): a member with a full
 * history asks from the portal, an admin erases; afterwards none of their personal values is in
 * any row of the tables erasure touches, their photo and certificate files are gone, they cannot
 * sign in (password and tokens from before), and their payments, refund, receipt and membership
 * history still work for the treasurer. Also: who may erase, and the delay path.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import type { AuditEntry, Certificate, Event, Media, Membership, Notification, Payment, Tier, User } from '@payload-types'

import { drizzleOf, tableOf } from '@/lib/db'
import { isPostgresUrl } from '@/lib/env'
import type { Eraser } from '@/privacy/erasers'
import { ERASERS } from '@/privacy/erasers'
import { eraseMember } from '@/privacy/erasure'
import { runMembershipExpiry } from '../../jobs/membershipExpiry'
import { runRenewalReminders } from '../../jobs/renewalReminders'
import { runPrivacy } from '../../jobs/privacy'
import { pdfText, MINIMAL_PDF } from '../fixtures/pdf'
import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { PASSWORD, bootPayload, createUser, rest, sendQueuedEmails, uniqueEmail } from './helpers/payload'

let payload: Payload
let personal: Tier
let organisation: Tier
let organiser: { user: User; token: string }
let admin: { user: User; token: string }
let treasurer: { user: User; token: string }
const now = new Date()

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organisation, organiser } = await eventTiersAndOrganiser(payload, { name: 'Syndicate', fee: 20000, seats: 3 }))
  admin = await createUser(payload, ['admin'])
  treasurer = await createUser(payload, ['treasurer'])
})

/** Every table erasure touches, as raw rows, in one lower-case string. */
const TABLES = [
  'users',
  'users_sessions',
  'memberships',
  'memberships_seat_holders',
  'memberships_household_members',
  'payments',
  'payments_refunds',
  'memberships_history',
  'rsvps',
  'events',
  'availability',
  'availability_dates',
  'certificates',
  'volunteer_assignments',
  'notifications',
  'audit_entries',
  'media',
  'consents',
  'payment_events',
  'payload_jobs',
  'sign_in_events',
]
async function rawRows(): Promise<string> {
  const dumps: string[] = []
  for (const table of TABLES) dumps.push(JSON.stringify(await drizzleOf(payload).select().from(tableOf(payload, table))))
  return dumps.join('\n').toLowerCase()
}

const photoForm = async () => {
  const bytes = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#a53a3a' } }).jpeg().toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'me.jpg')
  return form
}

/** A member with everything: profile, photo, a paid and partly refunded membership, an RSVP with answers, a seat, availability, a certificate. */
async function memberWithHistory(names: { first: string; last: string }) {
  const email = uniqueEmail(names.first.toLowerCase())
  const apiKey = `key-${email}`
  const member = await createUser(payload, ['member'], {
    email,
    enableAPIKey: true,
    apiKey,
    firstName: names.first,
    lastName: names.last,
    phone: '07911 123456',
    address: { line1: '17 Wisteria Crescent', line2: 'Little Bramling', town: 'Shrewsbury', county: 'Shropshire', postcode: 'SY1 1AA', country: 'United Kingdom' },
  } as Partial<User>)
  const stored = (await payload.findByID({ collection: 'users', id: member.user.id, depth: 0 })) as User
  expect((await rest('POST', '/users/photo', { token: member.token, body: await photoForm() })).status).toBe(201)

  const applied = await rest('POST', '/memberships?depth=0', { token: member.token, body: { tier: personal.id } })
  expect(applied.status, JSON.stringify(applied.body)).toBe(201)
  const paid = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: applied.body.doc.id, method: 'cash', amount: 500 } })
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)
  const refunded = await rest('POST', `/payments/${paid.body.doc.id}/refund`, { token: treasurer.token, body: { amount: 100, reason: `Goodwill for ${names.first}` } })
  expect(refunded.status, JSON.stringify(refunded.body)).toBe(200)

  const event = (
    await rest('POST', '/events?depth=0', {
      token: organiser.token,
      body: { title: `Fly-in breakfast ${harrietSerial}`, startsAt: daysFrom(now, 14).toISOString(), status: 'published', audience: 'members', questions: [{ key: 'dietary', label: 'Dietary needs', kind: 'text', required: false }] },
    })
  ).body.doc as Event
  const reply = await rest('POST', '/rsvps?depth=0', { token: member.token, body: { event: event.id, answers: { dietary: `Coeliac, ask ${names.first} before serving` } } })
  expect(reply.status, JSON.stringify(reply.body)).toBe(201)

  const syndicate = await memberWithMembership(payload, organisation, { status: 'active', periodEnd: daysFrom(now, 200) })
  await payload.update({ collection: 'memberships', id: syndicate.membership.id, data: { seatHolders: [{ email }] }, depth: 0 })

  const availability = await rest('POST', '/availability?depth=0', { token: member.token, body: { notes: `Tuesdays; ring ${names.first} on the mobile`, dates: [{ kind: 'unavailable', from: daysFrom(now, 3).toISOString(), to: daysFrom(now, 5).toISOString(), note: `${names.last} family wedding` }] } })
  expect(availability.status, JSON.stringify(availability.body)).toBe(201)

  // a consent given on paper, recorded by staff with a note that names the person
  await payload.create({ collection: 'consents', data: { person: member.user.id, kind: 'marketing', granted: true, note: `Signed by ${names.first} ${names.last} at the open day` } as never })
  const type = await payload.create({ collection: 'certificate-types', data: { name: `First aid ${harrietSerial++}`, validityMonths: 36 } })
  const certificate = (await payload.create({
    collection: 'certificates',
    data: { member: member.user.id, type: type.id, issuedOn: daysFrom(now, -30).toISOString(), issuer: 'St John', reference: `FA-${names.last}` } as never,
    file: { data: MINIMAL_PDF, mimetype: 'application/pdf', name: 'first-aid.pdf', size: MINIMAL_PDF.byteLength },
    depth: 0,
  })) as Certificate

  // the provider's webhook about the payment, in the inbox, with what the payer typed at the provider
  await payload.create({
    collection: 'payment-events',
    data: {
      provider: 'stripe',
      eventId: `evt_${harrietSerial}_${Date.now()}`,
      type: 'charge.succeeded',
      status: 'ignored',
      receivedAt: new Date().toISOString(),
      payload: { id: 'evt_x', data: { object: { id: `ch_${paid.body.doc.id}_x`, payment_intent: `pi_for_${email}`, billing_details: { name: `${names.first} ${names.last}`, email, phone: '07911 123456', address: { line1: '17 Wisteria Crescent', postal_code: 'SY1 1AA' } } } } },
    } as never,
  })
  // sign-ins: a wrong password, then the right one, each recorded with the address and email
  expect((await rest('POST', '/users/login', { body: { email, password: 'Not-their-password-2026' } })).status).toBe(401)
  expect((await rest('POST', '/users/login', { body: { email, password: PASSWORD } })).status).toBe(200)
  expect((await payload.count({ collection: 'sign-in-events', where: { person: { equals: member.user.id } } })).totalDocs).toBeGreaterThanOrEqual(2)
  // a password reset asked for their address that has not run (or failed) yet
  await payload.jobs.queue({ task: 'passwordReset', queue: 'email', input: { email }, waitUntil: daysFrom(now, 1) })

  return { ...member, email, apiKey, stored, membershipId: applied.body.doc.id as number, payment: paid.body.doc as Payment, syndicate: syndicate.membership, certificate }
}

let harrietSerial = 1
const photoFile = (filename: string) => path.join(process.env.MEDIA_DIR!, filename)
const certificateFile = (filename: string) => path.join(process.env.CERTIFICATES_DIR!, filename)

describe('erasure by anonymisation', () => {
  it('a member asks, an admin erases: no personal value remains, sign-in ends, payments and receipts still work', async () => {
    const harriet = await memberWithHistory({ first: 'Harriet', last: 'Quillfeather' })
    const photo = (await payload.find({ collection: 'media', where: { owner: { equals: harriet.user.id } }, depth: 0 })).docs[0] as Media
    expect(fs.existsSync(photoFile(photo.filename!))).toBe(true)
    expect(fs.existsSync(certificateFile(harriet.certificate.filename!))).toBe(true)
    const personalValues = [harriet.email, 'harriet', 'quillfeather', harriet.stored.phone!, 'wisteria', 'bramling', 'sy1 1aa', 'coeliac', 'family wedding'].map((v) => v.toLowerCase())
    const before = await rawRows()
    // the phone and address are stored encrypted (src/privacy/fieldEncryption.ts): read through Payload
    const sealed = [harriet.stored.phone!, 'bramling'].map((v) => v.toLowerCase())
    for (const value of personalValues.filter((v) => !sealed.includes(v))) expect(before, `set-up stores ${value}`).toContain(value)
    const storedPerson = JSON.stringify(await payload.findByID({ collection: 'users', id: harriet.user.id, depth: 0 })).toLowerCase()
    for (const value of sealed) expect(storedPerson, `set-up stores ${value}`).toContain(value)

    expect((await rest('GET', '/users/me', { apiKey: harriet.apiKey })).body.user).toMatchObject({ id: harriet.user.id })

    // the member asks from the portal's endpoint; nothing is erased yet
    const asked = await rest('POST', '/users/me/erasure-request', { token: harriet.token, body: {} })
    expect(asked.status, JSON.stringify(asked.body)).toBe(201)
    expect(new Date(asked.body.dueAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000) // default: 30 days
    expect((await rest('GET', '/users/me', { token: harriet.token })).body.user).toMatchObject({ firstName: 'Harriet', erasureRequestedAt: asked.body.requestedAt })

    const erased = await rest('POST', `/users/${harriet.user.id}/erase`, { token: admin.token, body: {} })
    expect(erased.status, JSON.stringify(erased.body)).toBe(200)
    const reference = erased.body.reference as string
    expect(reference).toMatch(/^[0-9A-Z]{8}$/)

    // the account: anonymous, undeliverable, nothing personal
    const account = (await payload.findByID({ collection: 'users', id: harriet.user.id, depth: 0, showHiddenFields: true })) as User & Record<string, unknown>
    expect(account).toMatchObject({ firstName: 'Erased', lastName: `member ${reference}`, email: `erased-${reference.toLowerCase()}@erased.invalid`, roles: ['member'], directoryHidden: true })
    expect(account.phone ?? null).toBeNull()
    expect(account.photo ?? null).toBeNull()
    expect(Object.values(account.address ?? {}).filter(Boolean)).toEqual([])
    expect(account.erasedAt).toBeTruthy()

    // nothing personal left in any row of the tables erasure touches
    const after = await rawRows()
    for (const value of personalValues) expect(after, `still holds ${value}`).not.toContain(value)

    // files are gone
    expect(fs.existsSync(photoFile(photo.filename!))).toBe(false)
    expect(await payload.count({ collection: 'media', where: { owner: { equals: harriet.user.id } } })).toMatchObject({ totalDocs: 0 })
    expect(fs.existsSync(certificateFile(harriet.certificate.filename!))).toBe(false)
    expect(await payload.count({ collection: 'certificates', where: { member: { equals: harriet.user.id } } })).toMatchObject({ totalDocs: 0 })

    // the seat on the syndicate's membership is gone; the syndicate's membership itself is untouched
    const syndicate = (await payload.findByID({ collection: 'memberships', id: harriet.syndicate.id, depth: 0 })) as Membership
    expect(syndicate.seatHolders ?? []).toEqual([])
    expect(syndicate.status).toBe('active')

    // sign-in: the password no longer works (old or new address), and the token from before is refused
    expect((await rest('POST', '/users/login', { body: { email: harriet.email, password: PASSWORD } })).status).toBe(401)
    expect((await rest('POST', '/users/login', { body: { email: account.email, password: PASSWORD } })).status).toBe(401)
    expect((await rest('GET', '/users/me', { token: harriet.token })).body.user ?? null).toBeNull()
    expect((await rest('GET', '/users/me', { apiKey: harriet.apiKey })).body.user ?? null).toBeNull()
    expect((await rest('GET', `/payments/${harriet.payment.id}`, { token: harriet.token })).status).toBe(403)

    // money stays: the payment, its refund and the membership with its history, for the treasurer
    const list = await rest('GET', `/payments?where[member][equals]=${harriet.user.id}&depth=1`, { token: treasurer.token })
    expect(list.status).toBe(200)
    expect(list.body.docs).toHaveLength(1)
    expect(list.body.docs[0]).toMatchObject({ id: harriet.payment.id, amount: 500, status: 'partially_refunded' })
    expect(list.body.docs[0].refunds).toHaveLength(1)
    expect(list.body.docs[0].member).toMatchObject({ firstName: 'Erased', lastName: `member ${reference}` })
    const membership = (await payload.findByID({ collection: 'memberships', id: harriet.membershipId, depth: 0 })) as Membership
    expect(membership.status).toBe('active')
    expect(membership.history?.length).toBeGreaterThan(0)
    expect(membership.title).toContain(`Erased member ${reference}`)
    const receipt = await rest('GET', `/payments/${harriet.payment.id}/receipt.pdf`, { token: treasurer.token })
    expect(receipt.status).toBe(200)
    expect(receipt.headers.get('content-type')).toBe('application/pdf')

    // the audit trail says it was an erasure, and who did it
    const { docs: trail } = await payload.find({ collection: 'audit-entries', where: { person: { equals: harriet.user.id } }, sort: '-createdAt', depth: 0 })
    const entry = (trail as AuditEntry[]).find((e) => e.summary?.startsWith('Erased'))
    expect(entry).toMatchObject({ actor: admin.user.id, actorLabel: admin.user.email })
    expect(entry!.summary).toContain('confirmed by an admin')
    expect(entry!.summary).toContain(reference)

    // no renewal reminder for the erased account when its period nears its end
    await runRenewalReminders(payload, { today: daysFrom(new Date(membership.periodEnd!), -7) })
    expect(await payload.count({ collection: 'reminders', where: { member: { equals: harriet.user.id } } })).toMatchObject({ totalDocs: 0 })

    // erasing again is refused; the erased membership lapses later without an email going out
    expect((await rest('POST', `/users/${harriet.user.id}/erase`, { token: admin.token, body: {} })).status).toBe(409)
    await runMembershipExpiry(payload, { now: daysFrom(now, 500) })
    await sendQueuedEmails(payload)
    const { docs: toErased } = await payload.find({ collection: 'notifications', where: { recipient: { equals: account.email } }, depth: 0, limit: 100 })
    expect((toErased as Notification[]).length).toBeGreaterThan(0)
    expect((toErased as Notification[]).filter((n) => n.status === 'sent')).toEqual([])
  })

  it.runIf(isPostgresUrl(process.env.DATABASE_URL ?? ''))('an erasure that fails part-way changes nothing: rows and files are all still there', async () => {
    const person = await memberWithHistory({ first: 'Bartholomew', last: 'Inchcape' })
    const photo = (await payload.find({ collection: 'media', where: { owner: { equals: person.user.id } }, depth: 0 })).docs[0] as Media
    const failing: Eraser = {
      name: 'fails',
      erase: async () => {
        throw new Error('disk full')
      },
    }
    ;(ERASERS as Eraser[]).push(failing)
    try {
      await expect(eraseMember(payload, person.user.id as number, { by: admin.user, cause: 'admin' })).rejects.toThrow('disk full')
    } finally {
      ;(ERASERS as Eraser[]).splice((ERASERS as Eraser[]).indexOf(failing), 1)
    }
    expect(((await payload.findByID({ collection: 'users', id: person.user.id, depth: 0 })) as User).firstName).toBe('Bartholomew')
    expect(await payload.count({ collection: 'certificates', where: { member: { equals: person.user.id } } })).toMatchObject({ totalDocs: 1 })
    expect(fs.existsSync(photoFile(photo.filename!))).toBe(true)
    expect(fs.existsSync(certificateFile(person.certificate.filename!))).toBe(true)
    expect(fs.readdirSync(process.env.MEDIA_DIR!).filter((name) => name.endsWith('.held'))).toEqual([])
  })

  it('the receipt PDF names the anonymous account, not the person', async () => {
    const person = await memberWithHistory({ first: 'Ottoline', last: 'Barnswallow' })
    const erased = await rest('POST', `/users/${person.user.id}/erase`, { token: admin.token, body: {} })
    expect(erased.status).toBe(200)
    const handlers = await import('../../app/(payload)/api/[...slug]/route')
    const url = new URL(`/api/payments/${person.payment.id}/receipt.pdf`, 'http://localhost:3000')
    const response = await handlers.GET(new Request(url, { headers: { Authorization: `JWT ${treasurer.token}` } }), { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) })
    expect(response.status).toBe(200)
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()))
    expect(text).toContain(`Erased member ${erased.body.reference}`)
    expect(text).not.toContain('Ottoline')
    expect(text).not.toContain('Barnswallow')
  })

  it('two admins erasing the same person at once: one erases, the other is told it is done', async () => {
    const target = await createUser(payload, ['member'], { firstName: 'Lavinia', lastName: 'Coldharbour' })
    const second = await createUser(payload, ['admin'])
    const answers = await Promise.all([admin, second].map((who) => rest('POST', `/users/${target.user.id}/erase`, { token: who.token, body: {} })))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const { docs } = await payload.find({ collection: 'audit-entries', where: { and: [{ person: { equals: target.user.id } }, { summary: { like: 'Erased' } }] }, depth: 0 })
    expect(docs).toHaveLength(1)
  })

  it('only admins erase: a member cannot erase someone else, nor can other staff', async () => {
    const target = await createUser(payload, ['member'], { firstName: 'Perpetua', lastName: 'Kettleby' })
    const other = await createUser(payload, ['member'])
    const secretary = await createUser(payload, ['secretary'])
    expect((await rest('POST', `/users/${target.user.id}/erase`, { token: other.token, body: {} })).status).toBe(403)
    expect((await rest('POST', `/users/${target.user.id}/erase`, { token: target.token, body: {} })).status).toBe(403)
    expect((await rest('POST', `/users/${target.user.id}/erase`, { token: secretary.token, body: {} })).status).toBe(403)
    expect((await rest('POST', `/users/${target.user.id}/erase`, { body: {} })).status).toBe(401)
    expect((await rest('POST', '/users/99999999/erase', { token: admin.token, body: {} })).status).toBe(404)
    expect((await rest('POST', '/users/abc/erase', { token: admin.token, body: {} })).status).toBe(404)
    // nor through the API's own update of the system-managed fields
    expect((await rest('PATCH', `/users/${target.user.id}`, { token: admin.token, body: { erasedAt: new Date().toISOString() } })).body.doc?.erasedAt ?? null).toBeNull()
    expect(((await payload.findByID({ collection: 'users', id: target.user.id, depth: 0 })) as User).firstName).toBe('Perpetua')
    expect((await rest('GET', '/users/me', { token: target.token })).body.user).toMatchObject({ firstName: 'Perpetua' })
  })

  it('without an admin, a request is carried out by the daily job once the delay in settings has passed', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { erasureDelayDays: 10 } as never })
    const waiting = await createUser(payload, ['member'], { firstName: 'Wilhelmina', lastName: 'Drax' })
    const notAsked = await createUser(payload, ['member'], { firstName: 'Cornelius', lastName: 'Pym' })
    const asked = await rest('POST', '/users/me/erasure-request', { token: waiting.token, body: {} })
    expect(asked.status).toBe(201)
    const requestedAt = new Date(asked.body.requestedAt)
    expect(new Date(asked.body.dueAt).getTime() - requestedAt.getTime()).toBe(10 * 86_400_000)
    // asking twice keeps the first time
    expect((await rest('POST', '/users/me/erasure-request', { token: waiting.token, body: {} })).body.requestedAt).toBe(asked.body.requestedAt)

    expect(await runPrivacy(payload, { now: daysFrom(requestedAt, 9) })).toMatchObject({ erasedOnRequest: 0 })
    expect(((await payload.findByID({ collection: 'users', id: waiting.user.id, depth: 0 })) as User).firstName).toBe('Wilhelmina')

    expect(await runPrivacy(payload, { now: daysFrom(requestedAt, 10) })).toMatchObject({ erasedOnRequest: 1 })
    const erased = (await payload.findByID({ collection: 'users', id: waiting.user.id, depth: 0 })) as User
    expect(erased).toMatchObject({ firstName: 'Erased' })
    expect(erased.email).toMatch(/@erased\.invalid$/)
    expect(((await payload.findByID({ collection: 'users', id: notAsked.user.id, depth: 0 })) as User).firstName).toBe('Cornelius')
    const { docs: trail } = await payload.find({ collection: 'audit-entries', where: { person: { equals: waiting.user.id } }, depth: 0 })
    const entry = (trail as AuditEntry[]).find((e) => e.summary?.startsWith('Erased'))
    expect(entry).toMatchObject({ actor: null, actorLabel: 'Hangar (system)' })
    expect(entry!.summary).toContain('after the waiting period')
    // the request's own entry no longer names the member who made it
    expect((trail as AuditEntry[]).map((e) => e.actorLabel)).not.toContain(waiting.user.email)
    expect(await runPrivacy(payload, { now: daysFrom(requestedAt, 11) })).toMatchObject({ erasedOnRequest: 0 })
  })

  it('a member can withdraw the request while it waits', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { erasureDelayDays: 0 } as never })
    const changedMind = await createUser(payload, ['member'], { firstName: 'Rosamund', lastName: 'Thackeray' })
    expect((await rest('POST', '/users/me/erasure-request', { token: changedMind.token, body: {} })).status).toBe(201)
    expect((await rest('DELETE', '/users/me/erasure-request', { token: changedMind.token })).status).toBe(200)
    await runPrivacy(payload, { now: daysFrom(now, 1) })
    expect(((await payload.findByID({ collection: 'users', id: changedMind.user.id, depth: 0 })) as User).firstName).toBe('Rosamund')
    await payload.updateGlobal({ slug: 'settings', data: { erasureDelayDays: 30 } as never })
  })
})
