/**
 * The admin panel's lists read through the Local API with the signed-in person's access, with a
 * filter and sort taken from an address anyone can edit (and a sort the list remembers). What the
 * guards refuse must not take the page down: a sort it cannot use is left out and the reason kept,
 * a filter it cannot apply is an error Payload's list view shows as a list without rows, an
 * address holding such a filter is sent on without it, and the banner's explanation is the guards'
 * own. REST answers the same input 400 (fuzz.int.spec.ts), and so do the system's own queries.
 * Last: the guards survive the development server's config rebuild after an edit.
 */
import type { Payload, SanitizedConfig } from 'payload'
import { createLocalReq, reload } from 'payload'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import type { Event, User } from '@payload-types'

import { addressWithoutRefusedFilter, listRefusalOf } from '@/admin/listRefusals'
import { droppedSortOf } from '@/lib/adminListQuery'

import { daysFrom } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let admin: { user: User; token: string }

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, ['admin', 'member'])
  for (const [title, days] of [['Briefing', 10], ['AGM', 3], ['Fly-in', 30]] as const) {
    await payload.create({ collection: 'events', data: { title, startsAt: daysFrom(new Date(), days).toISOString(), status: 'published', audience: 'members' } as Event })
  }
})

describe('an admin list’s filter and sort', () => {
  it('a sort it cannot use is left out, the list keeps its default order and the reason is kept', async () => {
    const req = await createLocalReq({ user: admin.user as never }, payload)
    const found = await payload.find({ collection: 'events', sort: ['-questions.required', 'title'], depth: 0, overrideAccess: false, user: admin.user, req })
    expect(found.docs.map((doc) => doc.title)).toEqual(['AGM', 'Briefing', 'Fly-in'])
    expect(droppedSortOf(req)).toEqual([{ path: 'questions.required', message: expect.stringMatching(/^You cannot sort on questions\.required: each document has several rows in questions/) }])
  })

  it('a filter it cannot apply is refused as a QueryError (400) with the reason; the system’s own queries and REST are refused as before', async () => {
    await expect(payload.find({ collection: 'events', where: { startsAt: { like: '2026' } }, overrideAccess: false, user: admin.user })).rejects.toMatchObject({
      name: 'QueryError',
      status: 400,
      data: { errors: [{ path: 'startsAt', message: 'The filter startsAt like does not apply to a date field.' }] },
    })
    await expect(payload.find({ collection: 'events', sort: '-questions.required' })).rejects.toMatchObject({ name: 'ValidationError', status: 400 })
    const answer = await rest('GET', '/events?sort=-questions.required', { token: admin.token })
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].name).toBe('ValidationError')
  })

  it('says why a filter or sort is refused, in the guards’ own words, and nothing for one that applies', async () => {
    const collection = payload.collections.events.config
    expect(await listRefusalOf({ payload, user: admin.user, collection, where: { type: { equals: 'nonsense' } }, sort: '-questions.required' })).toEqual({
      filter: ['The filter type equals names a value that is not one of its options.'],
      sort: [{ path: 'questions.required', message: expect.stringMatching(/several rows in questions/) }],
    })
    expect(await listRefusalOf({ payload, user: admin.user, collection, where: { nobody: { equals: 1 } } })).toEqual({ filter: ['The following path cannot be queried: nobody'], sort: [] })
    expect(await listRefusalOf({ payload, user: admin.user, collection, where: { title: { like: 'brief' } }, sort: 'startsAt' })).toEqual({ filter: [], sort: [] })
  })

  it('an address holding a filter the list would refuse is sent to the same list with the filter set aside', async () => {
    const address = (searchParams: Record<string, string>, segments = ['collections', 'events']) => addressWithoutRefusedFilter({ payload, user: admin.user, segments, searchParams })
    const instead = await address({ 'where[startsAt][like]': 'x', limit: '10', sort: 'title' })
    expect(instead).toBe('/admin/collections/events?refusedWhere%5BstartsAt%5D%5Blike%5D=x&limit=10&sort=title')
    expect(await address({ where: 'abc' })).toBe('/admin/collections/events?refusedWhere=abc')
    // a filter that applies, no filter, a document's page and no one signed in go ahead as asked
    expect(await address({ 'where[title][like]': 'brief' })).toBeNull()
    expect(await address({ sort: '-questions.required' })).toBeNull()
    expect(await address({ 'where[startsAt][like]': 'x' }, ['collections', 'events', '1'])).toBeNull()
    expect(await addressWithoutRefusedFilter({ payload, user: null, segments: ['collections', 'events'], searchParams: { 'where[startsAt][like]': 'x' } })).toBeNull()
  })
})

describe('the search box of a list whose collection has no title field (RSVPs, role assignments)', () => {
  it('searches by id, as Payload asks it (`id like <id>`, matched as equals), in the admin list and the API', async () => {
    const [first, second] = (await payload.find({ collection: 'events', sort: 'title', depth: 0 })).docs
    const found = await payload.find({ collection: 'events', where: { or: [{ id: { like: String(second!.id) } }] }, depth: 0, overrideAccess: false, user: admin.user })
    expect(found.docs.map((doc) => doc.id)).toEqual([second!.id])
    const answer = await rest('GET', `/events?where[id][like]=${first!.id}&depth=0`, { token: admin.token })
    expect(answer.status).toBe(200)
    expect(answer.body.docs.map((doc: Event) => doc.id)).toEqual([first!.id])
    // text where an id goes is still refused, with the reason
    const refused = await rest('GET', '/events?where[id][like]=abc', { token: admin.token })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors[0].message).toBe('The filter id like has a value of the wrong type.')
  })
})

describe('the development server’s rebuild after an edit', () => {
  it('keeps the guards: Payload swaps in the rebuilt config without running onInit again', async () => {
    vi.resetModules()
    const rebuilt: SanitizedConfig = await (await import('@payload-config')).default
    // as the dev server does it, minus the type and import-map generation it also starts
    rebuilt.typescript = { ...rebuilt.typescript, autoGenerate: false }
    await reload(rebuilt, payload, true)
    expect(payload.config).toBe(rebuilt)
    await expect(payload.find({ collection: 'events', where: { startsAt: { like: '2026' } } })).rejects.toMatchObject({ status: 400 })
    const answer = await rest('GET', '/events?where[type][equals]=nonsense', { token: admin.token })
    expect(answer.status).toBe(400)
    await expect(payload.findByID({ collection: 'events', id: 'abc' })).rejects.toMatchObject({ status: 404 })
  })
})
