import type { FlattenedField } from 'payload'
import { describe, expect, it } from 'vitest'

import { type CollectionOf, joinWhereProblems, sortProblems, whereValueProblems } from '../../plugins/input-guards/whereValues'

/** Two small collections as the built config flattens them: events (with every kind of field) and tiers. */
const f = (field: Record<string, unknown>) => field as unknown as FlattenedField
const events: FlattenedField[] = [
  f({ name: 'title', type: 'text' }),
  f({ name: 'startsAt', type: 'date' }),
  f({ name: 'capacity', type: 'number' }),
  f({ name: 'waitlist', type: 'checkbox' }),
  f({ name: 'type', type: 'select', options: [{ label: 'Meeting', value: 'meeting' }, 'agm'] }),
  f({ name: 'audienceTiers', type: 'relationship', relationTo: 'tiers', hasMany: true }),
  f({ name: 'parent', type: 'relationship', relationTo: 'events' }),
  f({ name: 'sessions', type: 'join', collection: 'events', on: 'parent' }),
  f({ name: 'relatedTo', type: 'relationship', relationTo: ['events', 'tiers'] }),
  f({ name: 'answers', type: 'json' }),
  f({ name: 'description', type: 'richText' }),
  f({ name: 'eligibility', type: 'group', flattenedFields: [f({ name: 'statuses', type: 'select', hasMany: true, options: ['active', 'grace'] })] }),
  f({ name: 'questions', type: 'array', flattenedFields: [f({ name: 'key', type: 'text' }), f({ name: 'id', type: 'text' })] }),
]
const tiers: FlattenedField[] = [f({ name: 'name', type: 'text' }), f({ name: 'fee', type: 'number' }), f({ name: 'createdAt', type: 'date' })]
const collectionOf: CollectionOf = (slug) => (slug === 'events' ? { fields: events, idType: 'number' } : slug === 'tiers' ? { fields: tiers, idType: 'number' } : undefined)
const problems = (where: unknown) => whereValueProblems(where, 'events', collectionOf).map((p) => p.message)

describe('whereValueProblems: what the database can answer passes', () => {
  it.each([
    [{ title: { like: 'brief' } }],
    [{ title: { contains: 'x', not_like: 'y', greater_than: 'm' } }],
    [{ startsAt: { greater_than: '2026-01-01', less_than: new Date() } }],
    [{ capacity: { in: '1,2', less_than_equal: 10 } }],
    [{ waitlist: { equals: 'true' } }],
    [{ type: { in: ['meeting', 'agm'] } }],
    [{ audienceTiers: { contains: 3 } }],
    [{ 'audienceTiers.fee': { greater_than: '5' } }],
    [{ 'parent.startsAt': { exists: true } }],
    [{ sessions: { exists: 'false' } }],
    [{ relatedTo: { equals: { relationTo: 'tiers', value: 1 } } }],
    [{ 'relatedTo.value': { equals: '4' }, 'relatedTo.relationTo': { equals: 'tiers' } }],
    [{ 'answers.diet': { like: 'veg' } }],
    [{ 'eligibility.statuses': { contains: 'grace' } }],
    [{ 'questions.key': { like: 'diet' }, 'questions.id': { equals: '65a0f' } }],
    [{ or: [{ id: { in: [1, 2] } }, { and: [{ id: { greater_than: 4 } }] }] }],
    [{ unknownField: { near: 'anything' } }],
  ])('%j', (where) => {
    expect(problems(where)).toEqual([])
  })
})

describe('whereValueProblems: what would fail in the database is named', () => {
  it.each([
    [{ startsAt: { like: '2026' } }, 'The filter startsAt like does not apply to a date field.'],
    [{ id: { contains: '1' } }, 'The filter id contains does not apply to an id.'],
    [{ capacity: { like: '1' } }, 'The filter capacity like does not apply to a number field.'],
    [{ title: { near: '1,2' } }, 'The filter title near does not apply to a text field.'],
    [{ audienceTiers: { all: '1,2' } }, 'The filter audienceTiers all is not supported: use in (any of the values), or one condition for each value joined by and.'],
    [{ type: { equals: 'picnic' } }, 'The filter type equals names a value that is not one of its options.'],
    [{ type: { like: 'meet' } }, 'The filter type like does not apply to a choice field.'],
    [{ 'eligibility.statuses': { in: 'active,lapsed' } }, 'The filter eligibility.statuses in names a value that is not one of its options.'],
    [{ 'audienceTiers.fee': { equals: 'free' } }, 'The filter audienceTiers.fee equals has a value of the wrong type.'],
    [{ parent: { equals: 'abc' } }, 'The filter parent equals has a value of the wrong type.'],
    [{ sessions: { in: 'x' } }, 'The filter sessions in has a value of the wrong type.'],
    [{ relatedTo: { equals: '1' } }, 'The filter relatedTo equals needs { relationTo, value }: or filter on relatedTo.value and relatedTo.relationTo.'],
    [{ relatedTo: { in: [{ relationTo: 'tiers', value: 1 }] } }, 'The filter relatedTo in does not apply to a relationship to several collections.'],
    [{ 'relatedTo.relationTo': { equals: 'users' } }, 'The filter relatedTo.relationTo equals names a value that is not one of its options.'],
    [{ answers: { like: 'x' } }, 'The filter answers like does not apply to a JSON field as a whole (filter on a key inside it).'],
    [{ description: { like: 'x' } }, 'The filter description like does not apply to a rich text field.'],
    [{ waitlist: { exists: 'maybe' } }, 'The filter waitlist exists has a value of the wrong type.'],
    [{ capacity: { equals: { a: '1' } } }, 'The filter capacity equals has a value of the wrong type.'],
    [{ and: [{ or: [{ startsAt: { greater_than: 'soon' } }] }] }, 'The filter startsAt greater_than has a value of the wrong type.'],
    [{ title: { equals: 'a\u0000b' } }, 'The filter on title contains a NUL character.'],
  ])('%j', (where, message) => {
    expect(problems(where)).toEqual([message])
  })

  it("checks a join's where against the collection it lists", () => {
    expect(joinWhereProblems({ sessions: { where: { startsAt: { like: 'x' } } } }, 'events', collectionOf)).toEqual([
      { path: 'sessions.startsAt', message: 'The filter startsAt like does not apply to a date field.' },
    ])
    expect(joinWhereProblems({ sessions: { where: { type: { equals: 'agm' } }, limit: 5 } }, 'events', collectionOf)).toEqual([])
  })
})

describe('sortProblems', () => {
  const sorts = (sort: unknown) => sortProblems(sort, 'events', collectionOf).map((p) => p.message)

  it('sorts on fields, groups and to-one relationships pass, a field of several values too', () => {
    expect(sorts('title,-startsAt')).toEqual([])
    expect(sorts(['-parent.startsAt', 'eligibility.statuses', 'audienceTiers'])).toEqual([])
  })

  it('a sort through the rows of an array or a join is named', () => {
    expect(sorts('-questions.key')).toEqual(['You cannot sort on questions.key: each document has several rows in questions, so there is no one value to sort it by.'])
    expect(sorts('title,sessions.startsAt')).toEqual(['You cannot sort on sessions.startsAt: each document has several rows in sessions, so there is no one value to sort it by.'])
    expect(joinWhereProblems({ sessions: { sort: 'parent.questions.key' } }, 'events', collectionOf).map((p) => p.path)).toEqual(['sessions.parent.questions.key'])
  })
})
