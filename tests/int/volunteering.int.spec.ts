/**
 * Volunteering (SPEC §7, issue 7) through REST: certificates and their private files, role
 * assignments and each refusal, shifts (eligibility on the shift's date, places, overlaps,
 * attendance and hours), availability, and the certificate expiry reminders.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Certificate, CertificateType, Shift, Tier, User, VolunteerAssignment, VolunteerRole } from '@payload-types'

import { runCertificateReminders } from '../../jobs/certificateReminders'

import { MINIMAL_PDF } from '../fixtures/pdf'

import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

const PDF = MINIMAL_PDF

let payload: Payload
let tier: Tier
let coordinator: { user: User; token: string }
let fireTraining: CertificateType
let firstAid: CertificateType
let fire: VolunteerRole
let general: VolunteerRole
const now = new Date()
let serial = 0

beforeAll(async () => {
  payload = await bootPayload()
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
  coordinator = await createUser(payload, ['volunteers', 'member'])
  fireTraining = (await payload.create({ collection: 'certificate-types', data: { name: 'Fire training (test)', validityMonths: 24 } })) as CertificateType
  firstAid = (await payload.create({ collection: 'certificate-types', data: { name: 'First aid (test)', validityMonths: 36 } })) as CertificateType
  fire = (await payload.create({ collection: 'volunteer-roles', data: { name: 'Fire (test)', requiredCertificates: [fireTraining.id] } })) as VolunteerRole
  general = (await payload.create({ collection: 'volunteer-roles', data: { name: 'General (test)', requiredCertificates: [] } })) as VolunteerRole
})

type Status = 'active' | 'grace' | 'lapsed' | 'awaiting_payment'
const member = (status: Status = 'active') =>
  memberWithMembership(payload, tier, { status, periodEnd: daysFrom(now, status === 'lapsed' ? -90 : status === 'grace' ? -5 : 300) })

function upload(token: string | undefined, data: Record<string, unknown>, file: { bytes: Buffer; name: string; type: string } | null = { bytes: PDF, name: 'cert.pdf', type: 'application/pdf' }) {
  const form = new FormData()
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name.replace('.', `-${++serial}.`))
  form.append('_payload', JSON.stringify(data))
  return rest('POST', '/certificates?depth=0', { token, body: form })
}

/** A certificate as a coordinator records it (verified unless said otherwise). */
async function certificate(user: User, data: Partial<Certificate> = {}) {
  return (await payload.create({
    collection: 'certificates',
    data: { member: user.id, type: fireTraining.id, issuedOn: daysFrom(now, -30).toISOString(), verified: true, ...data } as never,
    depth: 0,
  })) as Certificate
}

const assign = (token: string, body: Record<string, unknown>) => rest('POST', '/volunteer-assignments?depth=0', { token, body })

async function volunteer(role: VolunteerRole = fire, certificateData: Partial<Certificate> = {}) {
  const m = await member()
  if (role.id === fire.id) await certificate(m.user, certificateData)
  const res = await assign(coordinator.token, { member: m.user.id, role: role.id })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return m
}

async function shift(data: Partial<Shift> = {}, startsInDays = 10, hours = 4) {
  const startsAt = daysFrom(now, startsInDays)
  const res = await rest('POST', '/shifts?depth=0', {
    token: coordinator.token,
    body: { role: fire.id, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(), location: 'Fire station', peopleNeeded: 2, ...data },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as Shift
}

const signUp = (token: string, s: Shift) => rest('POST', `/shifts/${s.id}/sign-up`, { token })
const shiftNow = async (s: Shift) => (await payload.findByID({ collection: 'shifts', id: s.id, depth: 0 })) as Shift
const assignmentOf = async (userId: number, role: VolunteerRole) =>
  (await payload.find({ collection: 'volunteer-assignments', where: { and: [{ member: { equals: userId } }, { role: { equals: role.id } }] }, depth: 0 })).docs[0] as VolunteerAssignment | undefined

describe('roles and certificate types', () => {
  it('a new installation has the Fire, Radio and General roles, Fire and Radio needing their certificates', async () => {
    const { docs } = await payload.find({ collection: 'volunteer-roles', where: { name: { in: ['Fire', 'Radio', 'General'] } }, depth: 1 })
    const byName = Object.fromEntries((docs as VolunteerRole[]).map((r) => [r.name, (r.requiredCertificates ?? []).map((t) => (t as CertificateType).name)]))
    expect(byName).toEqual({ Fire: ['Fire training'], Radio: ['Radio operator licence'], General: [] })
  })

  it('members may read roles and certificate types but not change them', async () => {
    const m = await member()
    expect((await rest('GET', '/volunteer-roles', { token: m.token })).status).toBe(200)
    expect((await rest('POST', '/volunteer-roles', { token: m.token, body: { name: 'Tower' } })).status).toBe(403)
    expect((await rest('POST', '/volunteer-roles', { token: coordinator.token, body: { name: 'Tower (test)' } })).status).toBe(201)
  })
})

describe('certificates', () => {
  it('a member uploads their own certificate: theirs whatever they say, unverified, expiring after the type\'s validity', async () => {
    const m = await member()
    const other = await member()
    const res = await upload(m.token, { member: other.user.id, type: fireTraining.id, issuedOn: '2026-01-31', verified: true, issuer: 'County Fire Service', reference: 'FT-1' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc.member).toBe(m.user.id)
    expect(res.body.doc.verified).toBe(false)
    expect(res.body.doc.verifiedBy ?? null).toBeNull()
    expect(res.body.doc.expiresOn.slice(0, 10)).toBe('2028-01-31')
    expect(res.body.doc.title).toBe(`Fire training (test) · ${m.user.firstName} ${m.user.lastName}`)
  })

  it('refuses an upload without a file, of the wrong kind, without a type or expiring before it was issued', async () => {
    const m = await member()
    const before = await payload.count({ collection: 'certificates' })
    const missingFile = await upload(m.token, { type: fireTraining.id, issuedOn: '2026-01-01' }, null)
    expect(missingFile.status).toBe(400)
    expect(missingFile.body.errors[0].message).toMatch(/attach/i)
    expect((await upload(m.token, { type: fireTraining.id, issuedOn: '2026-01-01' }, { bytes: Buffer.from('MZ not a certificate'), name: 'virus.exe', type: 'application/x-msdownload' })).status).toBe(400)
    expect((await upload(m.token, { issuedOn: '2026-01-01' })).status).toBe(400)
    const backwards = await upload(m.token, { type: fireTraining.id, issuedOn: '2026-01-01', expiresOn: '2025-01-01' })
    expect(backwards.status).toBe(400)
    expect(backwards.body.errors[0].data.errors).toEqual([{ path: 'expiresOn', label: 'Expires on', message: 'The expiry date must be after the issue date.' }])
    expect((await upload(undefined, { type: fireTraining.id, issuedOn: '2026-01-01' })).status).toBe(403)
    expect((await payload.count({ collection: 'certificates' })).totalDocs).toBe(before.totalDocs)
  })

  it('the file is readable by its holder and coordinators only', async () => {
    const m = await member()
    const other = await member()
    const admin = await createUser(payload, ['admin', 'member'])
    const res = await upload(m.token, { type: firstAid.id, issuedOn: '2026-03-01' })
    const file = `/certificates/file/${res.body.doc.filename}`
    expect((await rest('GET', file, { token: m.token })).status).toBe(200)
    expect((await rest('GET', file, { token: coordinator.token })).status).toBe(200)
    expect((await rest('GET', file, { token: admin.token })).status).toBe(200)
    expect((await rest('GET', file, { token: other.token })).status).toBe(403)
    expect((await rest('GET', file, {})).status).toBe(403)
    expect((await rest('GET', `/certificates/${res.body.doc.id}`, { token: other.token })).status).toBe(404)
  })

  it('a member cannot verify or change a certificate; a coordinator verifies it and is recorded', async () => {
    const m = await member()
    const { body } = await upload(m.token, { type: fireTraining.id, issuedOn: '2026-02-01' })
    expect((await rest('PATCH', `/certificates/${body.doc.id}`, { token: m.token, body: { verified: true } })).status).toBe(403)
    const verified = await rest('PATCH', `/certificates/${body.doc.id}?depth=0`, { token: coordinator.token, body: { verified: true } })
    expect(verified.status).toBe(200)
    expect(verified.body.doc.verified).toBe(true)
    expect(verified.body.doc.verifiedBy).toBe(coordinator.user.id)
    expect(verified.body.doc.verifiedAt).toBeTruthy()
  })
})

describe('role assignments', () => {
  it('refuses a member without an active membership, or whose certificate is missing, unverified or expired, saying why', async () => {
    const before = await payload.count({ collection: 'volunteer-assignments' })
    for (const status of ['lapsed', 'awaiting_payment'] as const) {
      const m = await member(status)
      const res = await assign(coordinator.token, { member: m.user.id, role: general.id })
      expect(res.status).toBe(422)
      expect(res.body.errors[0].message).toMatch(/no active membership/)
    }
    const noMembership = await createUser(payload, ['member'])
    expect((await assign(coordinator.token, { member: noMembership.user.id, role: general.id })).status).toBe(422)

    const missing = await member()
    const res = await assign(coordinator.token, { member: missing.user.id, role: fire.id })
    expect(res.status).toBe(422)
    expect(res.body.errors[0].message).toContain('Fire training (test) certificate is missing')

    const unverified = await member()
    await certificate(unverified.user, { verified: false })
    expect((await assign(coordinator.token, { member: unverified.user.id, role: fire.id })).body.errors[0].message).toContain('is not verified yet')

    const expired = await member()
    await certificate(expired.user, { issuedOn: daysFrom(now, -800).toISOString(), expiresOn: daysFrom(now, -70).toISOString() })
    const refused = await assign(coordinator.token, { member: expired.user.id, role: fire.id })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toContain('has expired')
    expect((await payload.count({ collection: 'volunteer-assignments' })).totalDocs).toBe(before.totalDocs)
  })

  it('assigns a current member (active or in grace) with valid certificates, once', async () => {
    const grace = await member('grace')
    await certificate(grace.user)
    expect((await assign(coordinator.token, { member: grace.user.id, role: fire.id })).status).toBe(201)
    const again = await assign(coordinator.token, { member: grace.user.id, role: fire.id })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/already has the Fire \(test\) role/)
    expect((await assign(grace.token, { member: grace.user.id, role: general.id })).status).toBe(403)
  })

  it('flags an assignment whose certificate expires within 30 days or stops covering the role, and the member sees only their own', async () => {
    const m = await volunteer()
    const cert = (await payload.find({ collection: 'certificates', where: { member: { equals: m.user.id } }, depth: 0 })).docs[0] as Certificate
    const flagOf = async () => (await rest('GET', `/volunteer-assignments/${(await assignmentOf(m.user.id, fire))!.id}`, { token: coordinator.token })).body.certificates
    expect(await flagOf()).toBe('OK')
    await rest('PATCH', `/certificates/${cert.id}`, { token: coordinator.token, body: { expiresOn: daysFrom(now, 12).toISOString() } })
    expect(await flagOf()).toMatch(/^Certificate expires on /)
    await rest('PATCH', `/certificates/${cert.id}`, { token: coordinator.token, body: { verified: false } })
    expect(await flagOf()).toBe('Not covered: Fire training (test) certificate is not verified yet')

    const list = await rest('GET', '/volunteer-assignments?depth=0&limit=1000', { token: m.token })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((a: VolunteerAssignment) => a.member)).toEqual([m.user.id])
    // assignments needing attention can be found in the admin list by their date
    const soon = await rest('GET', `/volunteer-assignments?where[certificatesValidUntil][less_than]=${daysFrom(now, 30).toISOString()}&depth=0&limit=1000`, { token: coordinator.token })
    expect(soon.body.docs.map((a: VolunteerAssignment) => a.member)).toContain(m.user.id)
    const fine = await volunteer()
    expect(soon.body.docs.map((a: VolunteerAssignment) => a.member)).not.toContain(fine.user.id)
  })

  it("a role gaining a required certificate flags the assignments it no longer covers", async () => {
    const role = (await payload.create({ collection: 'volunteer-roles', data: { name: `Marshal ${++serial}`, requiredCertificates: [] } })) as VolunteerRole
    const m = await volunteer(role)
    expect((await assignmentOf(m.user.id, role))!.certificateIssue ?? null).toBeNull()
    await rest('PATCH', `/volunteer-roles/${role.id}`, { token: coordinator.token, body: { requiredCertificates: [firstAid.id] } })
    expect((await assignmentOf(m.user.id, role))!.certificateIssue).toBe('First aid (test) certificate is missing')
  })
})

describe('shifts', () => {
  it('an eligible volunteer signs up; others are refused with the reason', async () => {
    const s = await shift()
    const v = await volunteer()
    const res = await signUp(v.token, s)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect((await shiftNow(s)).assigned!.map((a) => a.member)).toEqual([v.user.id])
    expect((await shiftNow(s)).openPlaces).toBe(1)
    expect((await signUp(v.token, s)).status).toBe(409)

    const notAssigned = await member()
    await certificate(notAssigned.user)
    const refused = await signUp(notAssigned.token, s)
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toMatch(/not assigned to the Fire \(test\) role/)

    const general = await volunteer(generalRole())
    expect((await signUp(general.token, s)).status).toBe(422)
    expect((await rest('POST', `/shifts/${s.id}/sign-up`, {})).status).toBe(401)
    expect((await rest('POST', '/shifts/999999/sign-up', { token: v.token })).status).toBe(404)
  })

  it('certificates must be valid on the shift\'s date, not just today', async () => {
    const v = await volunteer(fire, { expiresOn: daysFrom(now, 20).toISOString() })
    const soon = await shift({}, 5)
    const later = await shift({}, 25)
    const res = await signUp(v.token, later)
    expect(res.status).toBe(422)
    expect(res.body.errors[0].message).toContain('Fire training (test) certificate has expired')
    expect((await signUp(v.token, soon)).status).toBe(201)
    // the open shifts they are offered follow the same rule
    const open = await rest('GET', '/shifts/open', { token: v.token })
    expect(open.body.docs.map((d: { id: number }) => d.id)).not.toContain(later.id)
  })

  it('a member whose membership lapsed can no longer sign up', async () => {
    const v = await volunteer()
    await payload.update({ collection: 'memberships', id: v.membership.id, data: { status: 'lapsed' }, depth: 0 })
    const res = await signUp(v.token, await shift())
    expect(res.status).toBe(422)
    expect(res.body.errors[0].message).toMatch(/no active membership/)
  })

  it('a member cannot be on two overlapping shifts; back-to-back is fine', async () => {
    const v = await volunteer()
    const first = await shift({}, 40, 4)
    const overlapping = await shift({ role: fire.id, startsAt: new Date(new Date(first.startsAt).getTime() + 2 * 3_600_000).toISOString(), endsAt: new Date(new Date(first.startsAt).getTime() + 6 * 3_600_000).toISOString() })
    const next = await shift({ startsAt: first.endsAt, endsAt: new Date(new Date(first.endsAt).getTime() + 3_600_000).toISOString() })
    expect((await signUp(v.token, first)).status).toBe(201)
    const clash = await signUp(v.token, overlapping)
    expect(clash.status).toBe(409)
    expect(clash.body.errors[0].message).toMatch(/overlapping shift/)
    expect((await signUp(v.token, next)).status).toBe(201)
  })

  it('never takes more people than needed, however many sign up at once', async () => {
    const s = await shift({ peopleNeeded: 3 }, 50)
    const volunteers = await Promise.all(Array.from({ length: 10 }, () => volunteer()))
    const results = await Promise.all(volunteers.map((v) => signUp(v.token, s)))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses.filter((code) => code === 201)).toHaveLength(3)
    expect(statuses.filter((code) => code === 409)).toHaveLength(7)
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.errors[0].message).toBe('This shift is full.')
    const stored = await shiftNow(s)
    expect(stored.assigned).toHaveLength(3)
    expect(stored.openPlaces).toBe(0)
  })

  it('one member signing up for two overlapping shifts at once gets one of them', async () => {
    const v = await volunteer()
    const a = await shift({}, 60, 3)
    const b = await shift({ startsAt: new Date(new Date(a.startsAt).getTime() + 3_600_000).toISOString(), endsAt: new Date(new Date(a.startsAt).getTime() + 5 * 3_600_000).toISOString() })
    const results = await Promise.all([signUp(v.token, a), signUp(v.token, b), signUp(v.token, a), signUp(v.token, b)])
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    const on = [await shiftNow(a), await shiftNow(b)].filter((s) => (s.assigned ?? []).length > 0)
    expect(on).toHaveLength(1)
  })

  it('coordinators assign and remove; members withdraw before the start; nobody edits the roster directly', async () => {
    const s = await shift({ peopleNeeded: 1 }, 70)
    const v = await volunteer()
    const other = await volunteer()
    expect((await rest('POST', `/shifts/${s.id}/assign`, { token: v.token, body: { member: other.user.id } })).status).toBe(403)
    expect((await rest('POST', `/shifts/${s.id}/assign`, { token: coordinator.token, body: {} })).status).toBe(400)
    const assigned = await rest('POST', `/shifts/${s.id}/assign`, { token: coordinator.token, body: { member: v.user.id } })
    expect(assigned.status).toBe(201)
    expect((await shiftNow(s)).assigned![0]!.via).toBe('coordinator')
    expect((await rest('POST', `/shifts/${s.id}/assign`, { token: coordinator.token, body: { member: other.user.id } })).body.errors[0].message).toBe('This shift is full.')

    // the roster field is closed to PATCH, even for a coordinator
    await rest('PATCH', `/shifts/${s.id}`, { token: coordinator.token, body: { assigned: [{ member: other.user.id }, { member: v.user.id }] } })
    expect((await shiftNow(s)).assigned!.map((a) => a.member)).toEqual([v.user.id])
    const fewer = await rest('PATCH', `/shifts/${s.id}`, { token: coordinator.token, body: { peopleNeeded: 0 } })
    expect(fewer.status).toBe(400)

    expect((await rest('POST', `/shifts/${s.id}/withdraw`, { token: other.token })).status).toBe(404)
    const withdrawn = await rest('POST', `/shifts/${s.id}/withdraw`, { token: v.token })
    expect(withdrawn.status).toBe(200)
    expect((await shiftNow(s)).assigned).toEqual([])
    expect((await shiftNow(s)).openPlaces).toBe(1)
    expect((await rest('POST', `/shifts/${s.id}/assign`, { token: coordinator.token, body: { member: other.user.id } })).status).toBe(201)
    expect((await rest('POST', `/shifts/${s.id}/remove`, { token: coordinator.token, body: { member: other.user.id } })).status).toBe(200)
    expect((await shiftNow(s)).assigned).toEqual([])
  })

  it('refuses a shift ending before it starts, or needing nobody', async () => {
    const start = daysFrom(now, 5).toISOString()
    expect((await rest('POST', '/shifts', { token: coordinator.token, body: { role: fire.id, startsAt: start, endsAt: start, peopleNeeded: 1 } })).status).toBe(400)
    expect((await rest('POST', '/shifts', { token: coordinator.token, body: { role: fire.id, startsAt: start, endsAt: daysFrom(now, 6).toISOString(), peopleNeeded: 0 } })).status).toBe(400)
    expect((await rest('POST', '/shifts', { token: coordinator.token, body: { startsAt: start, endsAt: daysFrom(now, 6).toISOString() } })).status).toBe(400)
  })

  it('attendance is recorded once the shift has started and adds up to each volunteer\'s hours', async () => {
    const s = await shift({ peopleNeeded: 2 }, 3, 4.5)
    const v = await volunteer()
    const absent = await volunteer()
    await signUp(v.token, s)
    await signUp(absent.token, s)
    const early = await rest('POST', `/shifts/${s.id}/attendance`, { token: coordinator.token, body: { member: v.user.id, attended: true } })
    expect(early.status).toBe(409)
    // the shift took place (moved into the past, as if time had passed)
    await payload.update({ collection: 'shifts', id: s.id, data: { startsAt: daysFrom(now, -2).toISOString(), endsAt: new Date(daysFrom(now, -2).getTime() + 4.5 * 3_600_000).toISOString() }, depth: 0 })
    expect((await rest('POST', `/shifts/${s.id}/withdraw`, { token: v.token })).status).toBe(409)
    expect((await rest('POST', `/shifts/${s.id}/attendance`, { token: v.token, body: { member: v.user.id, attended: true } })).status).toBe(403)
    expect((await rest('POST', `/shifts/${s.id}/attendance`, { token: coordinator.token, body: { member: v.user.id } })).status).toBe(400)
    expect((await rest('POST', `/shifts/${s.id}/attendance`, { token: coordinator.token, body: { member: v.user.id, attended: true } })).status).toBe(200)
    expect((await rest('POST', `/shifts/${s.id}/attendance`, { token: coordinator.token, body: { member: absent.user.id, attended: false } })).status).toBe(200)

    const mine = await rest('GET', '/volunteer-assignments/me', { token: v.token })
    expect(mine.body.hours).toBe(4.5)
    expect(mine.body.past).toEqual([expect.objectContaining({ id: s.id, attended: true, hours: 4.5 })])
    expect((await rest('GET', '/volunteer-assignments/me', { token: absent.token })).body.hours).toBe(0)

    const s2 = await shift({ peopleNeeded: 1 }, 4, 2)
    await signUp(v.token, s2)
    await payload.update({ collection: 'shifts', id: s2.id, data: { startsAt: daysFrom(now, -1).toISOString(), endsAt: new Date(daysFrom(now, -1).getTime() + 2 * 3_600_000).toISOString() }, depth: 0 })
    await rest('POST', `/shifts/${s2.id}/attendance`, { token: coordinator.token, body: { member: v.user.id, attended: true, hours: 1.25 } })
    const list = await rest('GET', '/volunteer-assignments/volunteers', { token: coordinator.token })
    expect(list.status).toBe(200)
    const row = list.body.volunteers.find((r: { member: { id: number } }) => r.member.id === v.user.id)
    expect(row).toMatchObject({ hours: 5.75, shifts: 2, certificates: 'ok', roles: [{ name: 'Fire (test)', flag: 'OK' }] })
    expect((await rest('GET', '/volunteer-assignments/volunteers', { token: v.token })).status).toBe(403)
  })
})

function generalRole() {
  return general
}

describe('availability', () => {
  it('a member keeps one availability record of their own, with checked times and dates', async () => {
    const m = await member()
    const other = await member()
    const body = { member: other.user.id, weekly: [{ day: 'sat', from: '08:00', to: '18:00' }], dates: [{ kind: 'unavailable', from: '2030-08-01', to: '2030-08-14', note: 'Holiday' }], interestedRoles: [fire.id] }
    const created = await rest('POST', '/availability?depth=0', { token: m.token, body })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.doc.member).toBe(m.user.id)
    expect((await rest('POST', '/availability', { token: m.token, body })).status).toBe(409)
    expect((await rest('PATCH', `/availability/${created.body.doc.id}`, { token: m.token, body: { weekly: [{ day: 'sat', from: '18:00', to: '08:00' }] } })).status).toBe(400)
    expect((await rest('PATCH', `/availability/${created.body.doc.id}`, { token: m.token, body: { weekly: [{ day: 'someday', from: '08:00', to: '09:00' }] } })).status).toBe(400)
    expect((await rest('PATCH', `/availability/${created.body.doc.id}`, { token: m.token, body: { weekly: [{ day: 'sun', from: '8am', to: '09:00' }] } })).status).toBe(400)
    expect([403, 404]).toContain((await rest('PATCH', `/availability/${created.body.doc.id}`, { token: other.token, body: { notes: 'mine now' } })).status)
    expect((await rest('GET', `/availability/${created.body.doc.id}`, { token: coordinator.token })).status).toBe(200)
  })

  it('coordinators filling a shift see eligible, available volunteers first and can filter', async () => {
    // a Saturday about five weeks ahead, 10:00 UTC (10:00 or 11:00 in London)
    const saturday = daysFrom(now, 35)
    saturday.setUTCDate(saturday.getUTCDate() + ((6 - saturday.getUTCDay() + 7) % 7))
    saturday.setUTCHours(10, 0, 0, 0)
    const day = (offset: number) => daysFrom(saturday, offset).toISOString().slice(0, 10)
    const shown = (offset: number) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(daysFrom(saturday, offset))
    const s = await shift({ startsAt: saturday.toISOString(), endsAt: new Date(saturday.getTime() + 3 * 3_600_000).toISOString(), peopleNeeded: 3 })
    const free = await volunteer()
    await rest('POST', '/availability', { token: free.token, body: { weekly: [{ day: 'sat', from: '09:00', to: '17:00' }], interestedRoles: [fire.id] } })
    const away = await volunteer()
    await rest('POST', '/availability', { token: away.token, body: { weekly: [{ day: 'sat', from: '09:00', to: '17:00' }], dates: [{ kind: 'unavailable', from: day(-1), to: day(1), note: 'Away' }] } })
    const silent = await volunteer()
    const lapsing = await volunteer(fire, { expiresOn: daysFrom(saturday, -1).toISOString() })
    const lapsed = await volunteer()
    await payload.update({ collection: 'memberships', id: lapsed.membership.id, data: { status: 'lapsed' }, depth: 0 })

    const all = await rest('GET', `/shifts/${s.id}/candidates`, { token: coordinator.token })
    expect(all.status).toBe(200)
    type C = { member: { id: number }; eligible: boolean; availability: { answer: string; reason: string }; interested: boolean; problems: string[] }
    const byId = new Map<number, C>(all.body.candidates.map((c: C) => [c.member.id, c]))
    expect(byId.get(free.user.id)).toMatchObject({ eligible: true, interested: true, availability: { answer: 'available' } })
    expect(byId.get(away.user.id)).toMatchObject({ eligible: true, availability: { answer: 'unavailable', reason: `Not available ${shown(-1)} to ${shown(1)} (Away)` } })
    expect(byId.get(silent.user.id)).toMatchObject({ eligible: true, availability: { answer: 'unknown' } })
    expect(byId.get(lapsing.user.id)).toMatchObject({ eligible: false, problems: ['Fire training (test) certificate has expired'] })
    expect(byId.get(lapsed.user.id)).toMatchObject({ eligible: false, problems: ['No active membership'] })
    const order = all.body.candidates.map((c: C) => c.member.id)
    expect(order.indexOf(free.user.id)).toBeLessThan(order.indexOf(silent.user.id))
    expect(order.indexOf(silent.user.id)).toBeLessThan(order.indexOf(away.user.id))
    expect(order.indexOf(away.user.id)).toBeLessThan(order.indexOf(lapsing.user.id))

    const filtered = await rest('GET', `/shifts/${s.id}/candidates?eligible=true&available=true`, { token: coordinator.token })
    expect(filtered.body.candidates.map((c: C) => c.member.id)).toEqual([free.user.id])
    expect((await rest('GET', `/shifts/${s.id}/candidates`, { token: free.token })).status).toBe(403)
  })
})

describe('certificate expiry reminders', () => {
  const ledgerFor = async (cert: Certificate) => (await payload.find({ collection: 'certificate-reminders', where: { certificate: { equals: cert.id } }, depth: 0 })).docs
  const emailsTo = async (user: User) =>
    (await payload.find({ collection: 'notifications', where: { and: [{ recipient: { equals: user.email } }, { subject: { contains: 'expires on' } }] }, depth: 0 })).docs

  it('emails a volunteer once per step before a certificate their role needs expires, however often and however many run', async () => {
    const v = await volunteer(fire, { expiresOn: daysFrom(now, 25).toISOString() })
    const cert = (await payload.find({ collection: 'certificates', where: { member: { equals: v.user.id } }, depth: 0 })).docs[0] as Certificate
    const first = await runCertificateReminders(payload, { today: now })
    expect(first.queued).toBeGreaterThanOrEqual(1)
    expect((await ledgerFor(cert)).map((r) => r.daysBefore)).toEqual([30])
    await Promise.all([runCertificateReminders(payload, { today: now }), runCertificateReminders(payload, { today: now }), runCertificateReminders(payload, { today: daysFrom(now, 1) })])
    expect(await ledgerFor(cert)).toHaveLength(1)
    const emails = await emailsTo(v.user)
    expect(emails).toHaveLength(1)
    expect(emails[0]!.subject).toContain('Fire training (test)')
    expect(emails[0]!.text).toContain('(in 25 days)')

    await runCertificateReminders(payload, { today: daysFrom(now, 19) })
    await runCertificateReminders(payload, { today: daysFrom(now, 20) })
    expect((await ledgerFor(cert)).map((r) => r.daysBefore).sort()).toEqual([30, 7])
    expect(await emailsTo(v.user)).toHaveLength(2)
    await runCertificateReminders(payload, { today: daysFrom(now, 26) }) // expired: nothing more
    expect(await emailsTo(v.user)).toHaveLength(2)
  })

  it('says nothing about certificates no role needs, unverified ones, or ones already renewed', async () => {
    const unneeded = await member()
    const spare = await certificate(unneeded.user, { type: firstAid.id, expiresOn: daysFrom(now, 10).toISOString() })
    const renewedVolunteer = await volunteer(fire, { expiresOn: daysFrom(now, 10).toISOString() })
    await certificate(renewedVolunteer.user, { issuedOn: daysFrom(now, -1).toISOString() })
    const unverifiedVolunteer = await volunteer(general)
    const unverified = await certificate(unverifiedVolunteer.user, { verified: false, expiresOn: daysFrom(now, 10).toISOString() })
    await runCertificateReminders(payload, { today: now })
    expect(await ledgerFor(spare)).toHaveLength(0)
    expect(await ledgerFor(unverified)).toHaveLength(0)
    expect(await emailsTo(renewedVolunteer.user)).toHaveLength(0)
  })

  it('takes its offsets from settings', async () => {
    await payload.updateGlobal({ slug: 'settings', data: { certificateReminderDays: [90] } })
    try {
      const v = await volunteer(fire, { expiresOn: daysFrom(now, 80).toISOString() })
      const cert = (await payload.find({ collection: 'certificates', where: { member: { equals: v.user.id } }, depth: 0 })).docs[0] as Certificate
      await runCertificateReminders(payload, { today: now })
      expect((await ledgerFor(cert)).map((r) => r.daysBefore)).toEqual([90])
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { certificateReminderDays: [60, 30, 7] } })
    }
  })

  it('runs as a scheduled job and records its run for /api/health', async () => {
    await payload.jobs.queue({ task: 'certificateReminders', input: {}, queue: 'nightly' })
    const result = await payload.jobs.run({ queue: 'nightly' })
    expect(Object.values(result.jobStatus ?? {}).map((s) => s.status)).toContain('success')
    const settings = await payload.findGlobal({ slug: 'settings', depth: 0 })
    expect(settings.jobRuns?.certificateReminders).toBeTruthy()
  })
})

describe('moving a shift', () => {
  it('is refused when someone on it would then be on two shifts at once, or not covered on the new date', async () => {
    const v = await volunteer(fire, { expiresOn: daysFrom(now, 30).toISOString() })
    const morning = await shift({ peopleNeeded: 1 }, 20, 4)
    const afternoon = await shift({ startsAt: morning.endsAt, endsAt: new Date(new Date(morning.endsAt).getTime() + 4 * 3_600_000).toISOString(), peopleNeeded: 1 })
    expect((await signUp(v.token, morning)).status).toBe(201)
    expect((await signUp(v.token, afternoon)).status).toBe(201)

    const overlap = await rest('PATCH', `/shifts/${afternoon.id}`, { token: coordinator.token, body: { startsAt: new Date(new Date(morning.endsAt).getTime() - 3_600_000).toISOString() } })
    expect(overlap.status).toBe(409)
    expect(overlap.body.errors[0].message).toMatch(/overlapping shift/)
    const later = await rest('PATCH', `/shifts/${afternoon.id}`, { token: coordinator.token, body: { startsAt: daysFrom(now, 40).toISOString(), endsAt: daysFrom(now, 40.1).toISOString() } })
    expect(later.status).toBe(409)
    expect(later.body.errors[0].message).toContain('Fire training (test) certificate has expired')
    expect((await shiftNow(afternoon)).startsAt).toBe(afternoon.startsAt)

    const fine = await rest('PATCH', `/shifts/${afternoon.id}?depth=0`, { token: coordinator.token, body: { startsAt: new Date(new Date(morning.endsAt).getTime() + 3_600_000).toISOString(), location: 'Apron 3' } })
    expect(fine.status).toBe(200)
    expect(fine.body.doc.location).toBe('Apron 3')
  })
})

describe('seat holders', () => {
  it("someone holding a seat on an organisation's membership volunteers like any member", async () => {
    const corporate = (await payload.create({
      collection: 'tiers',
      data: { name: 'Corporate (volunteering)', fee: 10000, currency: 'GBP', period: 'rolling', kind: 'organisation', seats: 3, graceDays: 30, public: true, active: true },
    })) as Tier
    const company = await memberWithMembership(payload, corporate, { status: 'active', periodEnd: daysFrom(now, 200) })
    const engineer = await createUser(payload, ['member'])
    await payload.update({ collection: 'memberships', id: company.membership.id, data: { seatHolders: [{ email: engineer.user.email }] } })
    await certificate(engineer.user)
    expect((await assign(coordinator.token, { member: engineer.user.id, role: fire.id })).status).toBe(201)
    const s = await shift({}, 80)
    const candidates = (await rest('GET', `/shifts/${s.id}/candidates`, { token: coordinator.token })).body.candidates
    expect(candidates.find((c: { member: { id: number } }) => c.member.id === engineer.user.id)).toMatchObject({ eligible: true, problems: [] })
    expect((await signUp(engineer.token, s)).status).toBe(201)
  })
})
