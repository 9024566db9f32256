/**
 * A write that names a document that does not exist (a relationship or upload id) is a 400
 * naming the field, over REST and GraphQL, on every collection: not the database's foreign-key
 * error as a 500 (found by the outside check, issue 12 point 12). What the user may not write
 * anyway is dropped by field access first, so the answer tells them nothing about documents
 * they cannot name.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Shift, VolunteerRole } from '@payload-types'

import { graphql } from './helpers/http'
import { bootPayload, createUser, rest } from './helpers/payload'

const MISSING = 987_654

let payload: Payload
let admin: Awaited<ReturnType<typeof createUser>>
let role: VolunteerRole
let shift: Shift

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin', 'member'])
  role = (await payload.create({ collection: 'volunteer-roles', data: { name: `Marshal ${Date.now()}` } })) as VolunteerRole
  shift = (await payload.create({
    collection: 'shifts',
    data: { role: role.id, startsAt: '2027-06-01T09:00:00.000Z', endsAt: '2027-06-01T12:00:00.000Z', peopleNeeded: 2 },
  })) as Shift
})

const paths = (body: any): string[] => (body?.errors ?? []).flatMap((error: any) => (error.data?.errors ?? []).map((problem: any) => problem.path))

describe('REST', () => {
  it('an admin naming a missing event on a shift, or a missing member in its list, is 400 naming the field; nothing changes', async () => {
    const event = await rest('PATCH', `/shifts/${shift.id}`, { token: admin.token, body: { event: MISSING } })
    expect(event.status).toBe(400)
    expect(paths(event.body)).toEqual(['event'])
    expect(JSON.stringify(event.body)).toMatch(/there is no event 987654/)

    const roles = await rest('PATCH', `/volunteer-roles/${role.id}`, { token: admin.token, body: { requiredCertificates: [MISSING] } })
    expect(roles.status).toBe(400)
    expect(paths(roles.body)).toEqual(['requiredCertificates.0'])

    const unchanged = (await payload.findByID({ collection: 'shifts', id: shift.id, depth: 0 })) as Shift
    expect(unchanged.event ?? null).toBeNull()
    expect(unchanged.updatedAt).toBe(shift.updatedAt)
  })

  it('a member’s availability with one real and one missing role is 400 at the missing one; with real ones it saves', async () => {
    const member = await createUser(payload, ['member'])
    const created = await rest('POST', '/availability?depth=0', { token: member.token, body: { member: member.user.id, interestedRoles: [role.id, MISSING] } })
    expect(created.status).toBe(400)
    expect(paths(created.body)).toEqual(['interestedRoles.1'])
    expect((await payload.count({ collection: 'availability', where: { member: { equals: member.user.id } } })).totalDocs).toBe(0)

    const saved = await rest('POST', '/availability?depth=0', { token: member.token, body: { member: member.user.id, interestedRoles: [role.id] } })
    expect(saved.status, JSON.stringify(saved.body)).toBe(201)
    expect(saved.body.doc.interestedRoles).toEqual([role.id])

    const other = await rest('PATCH', `/availability/${saved.body.doc.id}`, { token: admin.token, body: { member: MISSING } })
    expect(other.status).toBe(400)
    expect(paths(other.body)).toEqual(['member'])
  })
})

describe('GraphQL', () => {
  it('a mutation naming a missing document is refused with the field named, not a server error', async () => {
    const res = await graphql(`mutation($id: Int!, $event: Int) { updateShift(id: $id, data: { event: $event }) { id } }`, { id: shift.id, event: MISSING }, admin.token)
    expect(res.status).toBeLessThan(500)
    const messages = JSON.stringify(res.body.errors)
    expect(messages).not.toMatch(/Something went wrong/)
    expect(messages).toMatch(/event/)
    expect(((await payload.findByID({ collection: 'shifts', id: shift.id, depth: 0 })) as Shift).event ?? null).toBeNull()
  })
})
