/**
 * The member directory (issue 15, point 4; src/members/directory.ts): members now find each other
 * by name and organisation, filtered by tier, and see of each person only what that person chose
 * to show and the admins did not lock, through the page's endpoint, GraphQL and the photo route.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Membership, Tier, User } from '@payload-types'

import { daysFrom, eventTiersAndOrganiser, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let personal: Tier
let company: Tier
const now = new Date()
type Person = { user: User; token: string; membership?: Membership }
const people = {} as Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'hidden', Person>

const shows = (person: Person, choices: Record<string, boolean>) =>
  payload.update({ collection: 'users', id: person.user.id, data: { directory: choices } as never, depth: 0 })

async function graphql(query: string, token?: string) {
  const { default: config } = await import('@payload-config')
  const request = new Request('http://localhost:3000/api/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    body: JSON.stringify({ query }),
  })
  return (await (await GRAPHQL_POST(config)(request)).json()) as { data?: any; errors?: { message: string }[] }
}

beforeAll(async () => {
  payload = await bootPayload()
  ;({ personal, organisation: company } = await eventTiersAndOrganiser(payload, { name: 'Company', fee: 9000, seats: 3 }))
  const active = { status: 'active' as const, periodEnd: daysFrom(now, 200) }
  people.alice = await memberWithMembership(payload, personal, { ...active, member: { firstName: 'Alice', lastName: 'Aardvark', phone: '029 2018 0101' } })
  people.bob = await memberWithMembership(payload, personal, { ...active, member: { firstName: 'Bob', lastName: 'Quiet' } })
  people.carol = await memberWithMembership(payload, personal, { status: 'lapsed', periodEnd: daysFrom(now, -90), member: { firstName: 'Carol', lastName: 'Lapsed' } })
  people.dave = await memberWithMembership(payload, company, { ...active, member: { firstName: 'Dave', lastName: 'Director' } })
  people.erin = await createUser(payload, ['member'], { firstName: 'Erin', lastName: 'Seated' })
  people.hidden = await memberWithMembership(payload, personal, { ...active, member: { firstName: 'Hal', lastName: 'Hidden' } })
  // Erin holds a seat on Dave's company membership
  const seats = await rest('POST', `/memberships/${people.dave.membership!.id}/seats`, { token: people.dave.token, body: { email: people.erin.user.email } })
  expect(seats.status, JSON.stringify(seats.body)).toBeLessThan(300)

  await shows(people.alice, { showName: true, showEmail: true, showPhone: true, showPhoto: true })
  await shows(people.carol, { showName: true, showEmail: true })
  await shows(people.dave, { showName: true, showOrganisation: true })
  await shows(people.erin, { showName: true })
  await shows(people.hidden, { showName: true })
  await payload.update({ collection: 'users', id: people.hidden.user.id, data: { directoryHidden: true }, depth: 0 })
  const photo = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#c33' } }).jpeg().toBuffer()
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'alice.jpg')
  expect((await rest('POST', '/users/photo', { token: people.alice.token, body: form })).status).toBe(201)
})

const browse = (token: string | undefined, query = '') => rest('GET', `/directory${query}`, { token })
const byName = (cards: Array<{ name?: string }>) => cards.map((card) => card.name ?? '(no name)').sort()

describe('member directory', () => {
  it('lists members now who show something, each with only what they show', async () => {
    const res = await browse(people.bob.token)
    expect(res.status).toBe(200)
    const cards = res.body.cards as Array<Record<string, unknown>>
    const mine = (person: Person) => cards.find((card) => card.id === person.user.id)
    expect(mine(people.alice)).toEqual({ id: people.alice.user.id, name: 'Alice Aardvark', email: people.alice.user.email, phone: expect.stringMatching(/2018/), photo: `/api/directory/${people.alice.user.id}/photo` })
    expect(mine(people.dave)).toEqual({ id: people.dave.user.id, name: 'Dave Director', organisation: 'Test Organisation Ltd' })
    expect(mine(people.erin)).toEqual({ id: people.erin.user.id, name: 'Erin Seated' })
    for (const absent of [people.bob, people.carol, people.hidden]) expect(mine(absent)).toBeUndefined()
    // nothing anyone hid leaves the server, whatever the field
    const text = JSON.stringify(res.body)
    for (const secret of [people.bob.user.email, people.carol.user.email, people.erin.user.email, people.dave.user.email, 'Hal', 'Quiet', 'Lapsed']) expect(text).not.toContain(secret)
  })

  it('searches names and organisations only where they are shown, and filters by tier', async () => {
    expect(byName((await browse(people.alice.token, '?search=aardv')).body.cards)).toEqual(['Alice Aardvark'])
    // Dave shows his organisation; Erin, on the same membership, does not
    expect(byName((await browse(people.alice.token, '?search=test%20organisation')).body.cards)).toEqual(['Dave Director'])
    expect((await browse(people.alice.token, '?search=quiet')).body.cards).toEqual([])
    expect((await browse(people.alice.token, '?search=hidden')).body.cards).toEqual([])
    const companyCards = byName((await browse(people.alice.token, `?tier=${company.id}`)).body.cards)
    expect(companyCards).toEqual(['Dave Director', 'Erin Seated'])
    expect(byName((await browse(people.alice.token, `?tier=${personal.id}`)).body.cards)).toContain('Alice Aardvark')
    expect((await browse(people.alice.token, '?tier=nonsense')).body.cards).toEqual([])
    expect((await browse(people.alice.token, `?search=${'%25'.repeat(5)}`)).status).toBe(200)
  })

  it('is for members now: a visitor is asked to sign in, a lapsed member is refused', async () => {
    expect((await browse(undefined)).status).toBe(401)
    expect((await browse(people.carol.token)).status).toBe(403)
    expect((await graphql('{ directory { cards { id name } } }', people.carol.token)).errors?.[0]?.message).toMatch(/members/)
  })

  it('an admin’s lock hides a field for everyone; the photo is served only while shown', async () => {
    const photo = `/directory/${people.alice.user.id}/photo`
    const served = await rest('GET', photo, { token: people.bob.token })
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(served.headers.get('cache-control')).toMatch(/private/)
    expect((await rest('GET', photo)).status).toBe(404)
    expect((await rest('GET', photo, { token: people.carol.token })).status).toBe(404)
    expect((await rest('GET', `/directory/${people.bob.user.id}/photo`, { token: people.alice.token })).status).toBe(404)

    await payload.updateGlobal({ slug: 'settings', data: { directoryLockedFields: ['email', 'photo'] } as never })
    try {
      const alice = ((await browse(people.bob.token)).body.cards as Array<Record<string, unknown>>).find((card) => card.id === people.alice.user.id)
      expect(alice).toEqual({ id: people.alice.user.id, name: 'Alice Aardvark', phone: expect.any(String) })
      expect((await rest('GET', photo, { token: people.bob.token })).status).toBe(404)
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { directoryLockedFields: [] } as never })
    }
    await shows(people.alice, { showName: true, showEmail: true, showPhone: true, showPhoto: false })
    expect((await rest('GET', photo, { token: people.bob.token })).status).toBe(404)
    await shows(people.alice, { showName: true, showEmail: true, showPhone: true, showPhoto: true })
  })

  it('GraphQL gives the same cards and nothing a member hid', async () => {
    const answer = await graphql('{ directory(search: "seated") { page hasNextPage cards { id name organisation email phone photo } } }', people.alice.token)
    expect(answer.errors).toBeUndefined()
    expect(answer.data.directory).toEqual({ page: 1, hasNextPage: false, cards: [{ id: people.erin.user.id, name: 'Erin Seated', organisation: null, email: null, phone: null, photo: null }] })
    expect((await graphql('{ directory { page } }')).errors?.[0]?.message).toMatch(/Sign in/)
  })

  it('being listed is a recorded opt-in: each change between showing nothing and something adds a consent row', async () => {
    const { user, token } = await memberWithMembership(payload, personal, { status: 'active', periodEnd: daysFrom(now, 100), member: { firstName: 'Olive', lastName: 'Optin' } })
    const history = async () =>
      ((await payload.find({ collection: 'consents', where: { and: [{ person: { equals: user.id } }, { kind: { equals: 'directory' } }] }, sort: 'givenAt', depth: 0 })).docs as Array<{ granted: boolean; source: string }>).map(
        (row) => [row.granted, row.source],
      )
    expect(await history()).toEqual([])
    const patch = async (directory: Record<string, boolean>) => expect((await rest('PATCH', `/users/${user.id}`, { token, body: { directory } })).status).toBe(200)
    await patch({ showName: true })
    await patch({ showName: true, showEmail: true }) // still listed: no new row
    await patch({ showName: false, showEmail: false })
    expect(await history()).toEqual([
      [true, 'portal'],
      [false, 'portal'],
    ])
  })

  it('the directory choices and the staff-only hide flag follow the field rules', async () => {
    const own = await rest('PATCH', `/users/${people.bob.user.id}?depth=0`, { token: people.bob.token, body: { directory: { showName: true }, directoryHidden: false } })
    expect(own.status).toBe(200)
    expect(own.body.doc.directory.showName).toBe(true)
    expect(own.body.doc).not.toHaveProperty('directoryHidden')
    await payload.update({ collection: 'users', id: people.bob.user.id, data: { directoryHidden: true }, depth: 0 })
    const unhide = await rest('PATCH', `/users/${people.bob.user.id}?depth=0`, { token: people.bob.token, body: { directoryHidden: false } })
    expect(unhide.status).toBe(200)
    expect(((await payload.findByID({ collection: 'users', id: people.bob.user.id, depth: 0 })) as User).directoryHidden).toBe(true)
    expect(byName((await browse(people.alice.token, '?search=quiet')).body.cards)).toEqual([])
  })
})
