/**
 * Every route the app serves, enumerated from the built config (each collection's and global's
 * endpoints, Payload's own and ours, the root endpoints, and every GraphQL query and mutation in
 * the schema), sent malformed input as an anonymous visitor, a member and an admin: ids that are
 * not ids, bad paging, null/array/missing bodies, wrong-typed fields, NUL bytes, text/plain and
 * malformed JSON. Nothing may answer 5xx (issue 12 point 13). Filters too: every operator on every
 * kind of field the config has (plain, in a group, in an array, through a relationship, a join),
 * with a value that fits and one that does not, and paging parameters given twice or as objects.
 */
import type { Field, FlattenedField, Payload, SanitizedCollectionConfig, SanitizedGlobalConfig } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tier } from '@payload-types'

import { isPostgresUrl } from '@/lib/env'

import { daysFrom, memberWithMembership } from './helpers/memberships'
import { type RawMethod, type RawResult, graphql, send, sendGraphQL } from './helpers/http'
import { bootPayload, createUser } from './helpers/payload'

let payload: Payload
type Subject = { name: string; token?: string }
let subjects: Subject[]
/** One existing document per collection (when there is one), for write routes on a real id. */
const existing: Record<string, number | string | undefined> = {}

const BAD_IDS = ['abc', '1.5', '99999999999999999999', '-1']
const BAD_QUERIES = ['page=-5', 'limit=abc', 'depth=abc', 'limit=100000', 'where[id][equals]=abc', 'where[createdAt][greater_than]=notadate']
const NUL = 'a\u0000b'

type Attempt = { label: string; method: RawMethod; path: string; body?: string | null; contentType?: string }
type Failure = { label: string; subject: string; status: number; body: string }

/** A value of the wrong type for a field, by field type. */
function wrongValue(field: Field): unknown {
  switch (field.type) {
    case 'number':
      return '500'
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return 123
    case 'checkbox':
      return 'yes'
    case 'date':
      return 'soon'
    case 'relationship':
    case 'upload':
      return { id: 'abc' }
    case 'select':
    case 'radio':
      return 12
    case 'array':
    case 'blocks':
      return 'many'
    case 'group':
      return 'x'
    case 'point':
      return 'here'
    case 'richText':
      return 42
    default:
      return undefined
  }
}

/** A string with a NUL byte for text fields, and for other fields a plausible value. */
function nulValue(field: Field): unknown {
  return ['text', 'textarea', 'email', 'code', 'select', 'radio', 'date'].includes(field.type) ? NUL : undefined
}

function bodyFrom(fields: Field[], value: (field: Field) => unknown): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  const walk = (list: Field[]) => {
    for (const field of list) {
      if ('name' in field && field.name) {
        const v = value(field)
        if (v !== undefined) body[field.name] = v
      } else if ('fields' in field) walk(field.fields)
      else if (field.type === 'tabs') for (const tab of field.tabs) walk(tab.fields)
    }
  }
  walk(fields)
  return body
}

const hasParam = (path: string) => /:[a-z]+/i.test(path)
const fill = (path: string, id: string) => path.replace(/:([a-z]+)\*/gi, 'missing-file.pdf').replace(/:([a-z]+)\??/gi, id)

function attemptsFor(base: string, endpoints: { method: string; path: string }[], fields: Field[], realId?: number | string): Attempt[] {
  const attempts: Attempt[] = []
  const wrong = JSON.stringify(bodyFrom(fields, wrongValue))
  const nul = JSON.stringify({ ...bodyFrom(fields, nulValue), email: `x${NUL}@example.org`, amount: 100, reason: NUL, member: NUL, decision: NUL, to: NUL })
  const bodies: Array<[string, string | null, string | undefined]> = [
    ['no body', null, undefined],
    ['null', 'null', 'application/json'],
    ['array', '[1,2]', 'application/json'],
    ['string', '"x"', 'application/json'],
    ['malformed JSON', '{"amount":', 'application/json'],
    ['text/plain', '{"amount":100,"reason":"x"}', 'text/plain'],
    ['wrong types', wrong, 'application/json'],
    ['NUL bytes', nul, 'application/json'],
  ]
  for (const endpoint of endpoints) {
    const method = endpoint.method.toUpperCase() as RawMethod
    if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) continue
    const path = `${base}${endpoint.path === '/' ? '' : endpoint.path}`
    const label = `${method} ${path}`
    // never log the signed-in subjects out mid-run; bulk writes only ever with a where that matches nothing
    if (/logout/.test(path)) continue
    const bulk = !hasParam(endpoint.path) && endpoint.path === '/' && (method === 'PATCH' || method === 'DELETE')
    const ids = hasParam(endpoint.path) ? BAD_IDS : ['']
    for (const id of ids) attempts.push({ label: `${label} id=${id}`, method, path: fill(path, id), ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}', contentType: 'application/json' }) })
    if (method === 'GET' || bulk) {
      for (const query of BAD_QUERIES) {
        const target = hasParam(endpoint.path) ? fill(path, String(realId ?? 1)) : path
        attempts.push({ label: `${label} ?${query}`, method, path: `${target}?${bulk ? 'where[id][equals]=abc&' : ''}${query}` })
      }
    }
    if (method !== 'GET' && method !== 'DELETE') {
      const target = hasParam(endpoint.path) ? (realId === undefined ? undefined : fill(path, String(realId))) : bulk ? `${path}?where[id][equals]=999999999` : path
      if (target !== undefined) for (const [name, body, contentType] of bodies) attempts.push({ label: `${label} ${name}`, method, path: target, body, contentType })
    }
  }
  return attempts
}

beforeAll(async () => {
  payload = await bootPayload()
  const admin = await createUser(payload, ['admin', 'member'])
  const tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
  const member = await memberWithMembership(payload, tier, { status: 'active', periodEnd: daysFrom(new Date(), 100) })
  await payload.create({ collection: 'events', data: { title: 'Briefing', startsAt: daysFrom(new Date(), 10).toISOString(), status: 'published', audience: 'members', capacity: 5 } as never })
  // a bystander whose account admin-side writes may land on (never the subjects themselves)
  const bystander = await createUser(payload, ['member'])
  subjects = [{ name: 'anonymous' }, { name: 'member', token: member.token }, { name: 'admin', token: admin.token }]
  for (const { slug } of payload.config.collections) {
    const found = await payload.find({ collection: slug as never, limit: 1, depth: 0, pagination: false, sort: '-createdAt' })
    existing[slug] = (found.docs[0] as { id?: number | string } | undefined)?.id
  }
  existing.users = bystander.user.id
}, 180_000)

async function run(attempts: Attempt[], subject: Subject, failures: Failure[], sender: (a: Attempt, token?: string) => Promise<RawResult>) {
  for (const attempt of attempts) {
    let result: RawResult
    try {
      result = await sender(attempt, subject.token)
    } catch (error) {
      failures.push({ label: attempt.label, subject: subject.name, status: 599, body: `threw: ${(error as Error).message}` })
      continue
    }
    if (result.status >= 500) failures.push({ label: attempt.label, subject: subject.name, status: result.status, body: result.text.slice(0, 200) })
  }
}

/** Postgres takes the three subjects at once (keeps the run short); SQLite, one writer, one after another. */
async function forEachSubject(work: (subject: Subject) => Promise<void>) {
  if (isPostgresUrl(process.env.DATABASE_URL ?? '')) await Promise.all(subjects.map(work))
  else for (const subject of subjects) await work(subject)
}

const restSender = (a: Attempt, token?: string) => send(a.method, a.path, { body: a.body, contentType: a.contentType, token })

describe('fuzz: no route answers 5xx to bad input', () => {
  it('REST: every collection, global and root endpoint', async () => {
    const attempts: Attempt[] = []
    for (const collection of payload.config.collections as SanitizedCollectionConfig[]) {
      if (!collection.endpoints) continue
      attempts.push(...attemptsFor(`/${collection.slug}`, collection.endpoints, collection.fields, existing[collection.slug]))
    }
    for (const global of payload.config.globals as SanitizedGlobalConfig[]) {
      if (!global.endpoints) continue
      attempts.push(...attemptsFor(`/globals/${global.slug}`, global.endpoints, global.fields))
    }
    attempts.push(...attemptsFor('', payload.config.endpoints ?? [], []))
    const failures: Failure[] = []
    const started = Date.now()
    await forEachSubject((subject) => run(attempts, subject, failures, restSender))
    const total = attempts.length * subjects.length
    console.info(`fuzz REST: ${total} requests, ${failures.length} answered 5xx, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    if (failures.length) console.info(failures.map((f) => `${f.status} ${f.subject} ${f.label}: ${f.body}`).join('\n'))
    expect(failures).toEqual([])
  }, 600_000)

  it('GraphQL: every query and mutation in the schema, and malformed requests', async () => {
    const schema = await graphql(`{ __schema { queryType { name } mutationType { name } types { name kind fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`)
    expect(schema.status).toBe(200)
    type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null }
    type GqlField = { name: string; args: { name: string; type: TypeRef }[]; type: TypeRef }
    const types = schema.body.data.__schema.types as { name: string; kind: string; fields: GqlField[] | null }[]
    const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t)
    const kindOf = (name: string) => types.find((t) => t.name === name)?.kind
    const selection = (t: TypeRef) => (['OBJECT', 'UNION', 'INTERFACE'].includes(kindOf(named(t).name!) ?? '') ? ' { __typename }' : '')
    const typeText = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${typeText(t.ofType!)}!` : t.kind === 'LIST' ? `[${typeText(t.ofType!)}]` : t.name!)
    const badFor = (t: TypeRef, variant: number): unknown => {
      const n = named(t)
      if (n.name === 'Int' || n.name === 'Float') return [-5, 99999999999999999999, 1.5][variant % 3]
      if (n.name === 'String' || n.name === 'EmailAddress') return NUL
      if (n.name === 'Boolean') return 'yes'
      if (n.name === 'JSON') return { id: { equals: 'abc' } }
      if (kindOf(n.name!) === 'ENUM') return 'nope'
      if (kindOf(n.name!) === 'INPUT_OBJECT') return [{ email: 123, amount: '500', title: NUL }, {}, null][variant % 3]
      return 'abc'
    }
    const documents: Array<{ label: string; query: string; variables: Record<string, unknown> }> = []
    for (const root of ['Query', 'Mutation']) {
      for (const field of types.find((t) => t.name === root)?.fields ?? []) {
        if (/logout/i.test(field.name)) continue
        const op = root === 'Query' ? 'query' : 'mutation'
        for (let variant = 0; variant < 3; variant++) {
          const defs = field.args.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ')
          const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ')
          const variables = Object.fromEntries(field.args.map((a) => [a.name, badFor(a.type, variant)]))
          documents.push({ label: `${op} ${field.name} #${variant}`, query: `${op}${defs ? ` (${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection(field.type)} }`, variables })
        }
        const literalArgs = field.args.filter((a) => ['id', 'page', 'limit'].includes(a.name)).map((a) => `${a.name}: ${a.name === 'id' ? '"abc"' : -5}`)
        if (literalArgs.length) documents.push({ label: `${op} ${field.name} literal`, query: `${op} { ${field.name}(${literalArgs.join(', ')})${selection(field.type)} }`, variables: {} })
      }
    }
    const malformed: Attempt[] = [
      { label: 'malformed GraphQL', method: 'POST', path: '', body: JSON.stringify({ query: '{ Tiers { docs { id ' }), contentType: 'application/json' },
      { label: 'query not a string', method: 'POST', path: '', body: JSON.stringify({ query: 123 }), contentType: 'application/json' },
      { label: 'no query', method: 'POST', path: '', body: '{}', contentType: 'application/json' },
      { label: 'null body', method: 'POST', path: '', body: 'null', contentType: 'application/json' },
      { label: 'array body', method: 'POST', path: '', body: '[{"query":"{ __typename }"},1]', contentType: 'application/json' },
      { label: 'malformed JSON', method: 'POST', path: '', body: '{"query":', contentType: 'application/json' },
      { label: 'text/plain', method: 'POST', path: '', body: '{ __typename }', contentType: 'text/plain' },
      { label: 'no body', method: 'POST', path: '', body: null },
      { label: 'NUL in query', method: 'POST', path: '', body: JSON.stringify({ query: `{ Tiers(where: { name: { equals: "${NUL}" } }) { totalDocs } }` }), contentType: 'application/json' },
      { label: 'variables not an object', method: 'POST', path: '', body: JSON.stringify({ query: '{ __typename }', variables: 'x' }), contentType: 'application/json' },
    ]
    const attempts: Attempt[] = [
      ...documents.map((d) => ({ label: d.label, method: 'POST' as const, path: '', body: JSON.stringify({ query: d.query, variables: d.variables }), contentType: 'application/json' })),
      ...malformed,
    ]
    const failures: Failure[] = []
    const started = Date.now()
    await forEachSubject((subject) => run(attempts, subject, failures, (a, token) => sendGraphQL({ body: a.body, contentType: a.contentType, token })))
    console.info(`fuzz GraphQL: ${attempts.length * subjects.length} requests, ${failures.length} answered 5xx, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    if (failures.length) console.info(failures.map((f) => `${f.status} ${f.subject} ${f.label}: ${f.body}`).join('\n'))
    expect(failures).toEqual([])
  }, 600_000)

  it('filters and sorts: every operator on every kind of field, with a fitting and an unfitting value, each field as a sort; paging given twice', async () => {
    const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal', 'like', 'not_like', 'contains', 'within', 'intersects', 'near']
    /** One path per kind of field (type, several values or one, choices, where it sits), from any collection. */
    const probes = new Map<string, { slug: string; path: string; fits: string }>()
    const fitting = (field: FlattenedField): string => {
      if (field.type === 'number') return '1'
      if (field.type === 'date') return '2026-01-01T00:00:00.000Z'
      if (field.type === 'checkbox') return 'true'
      if (field.type === 'relationship' || field.type === 'upload' || field.type === 'join') return '1'
      if ((field.type === 'select' || field.type === 'radio') && field.options.length) {
        const first = field.options[0]!
        return typeof first === 'string' ? first : first.value
      }
      return 'a'
    }
    const visit = (slug: string, fields: FlattenedField[], prefix: string, where: string, depth: number) => {
      for (const field of fields) {
        if (!('name' in field)) continue
        const path = `${prefix}${field.name}`
        if (field.type === 'group' || field.type === 'tab' || field.type === 'array') {
          if (depth > 0) visit(slug, field.flattenedFields, `${path}.`, `${where}>${field.type}`, depth - 1)
          continue
        }
        const many = 'hasMany' in field && field.hasMany ? 'many' : 'one'
        const kind = `${where}|${field.type}|${many}|${'relationTo' in field && Array.isArray(field.relationTo) ? 'poly' : ''}`
        if (!probes.has(kind)) probes.set(kind, { slug, path, fits: fitting(field) })
        if (field.type === 'json' && !probes.has(`${kind}.key`)) probes.set(`${kind}.key`, { slug, path: `${path}.key`, fits: 'a' })
        if ('relationTo' in field && Array.isArray(field.relationTo) && !probes.has(`${kind}.value`)) {
          probes.set(`${kind}.value`, { slug, path: `${path}.value`, fits: '1' })
          probes.set(`${kind}.relationTo`, { slug, path: `${path}.relationTo`, fits: field.relationTo[0]! })
        }
        const target = field.type === 'join' ? field.collection : 'relationTo' in field ? field.relationTo : undefined
        if (typeof target === 'string' && depth > 0) {
          const targetFields = payload.collections[target as 'users']?.config.flattenedFields ?? []
          visit(slug, targetFields.filter((f) => ['createdAt', 'id'].includes(f.name) || f.type === 'select'), `${path}.`, `${where}>${field.type}`, 0)
        }
      }
    }
    for (const collection of payload.config.collections as SanitizedCollectionConfig[]) {
      visit(collection.slug, collection.flattenedFields, '', 'top', 1)
      if (!probes.has('id')) probes.set('id', { slug: collection.slug, path: 'id', fits: '1' })
    }
    const attempts: Attempt[] = []
    for (const [kind, probe] of probes) {
      for (const operator of OPERATORS) {
        for (const value of [probe.fits, 'x', '1,2']) {
          attempts.push({ label: `${kind} ${probe.slug}.${probe.path} ${operator} ${value}`, method: 'GET', path: `/${probe.slug}?depth=0&limit=1&where[${probe.path}][${operator}]=${encodeURIComponent(value)}` })
        }
      }
    }
    for (const [kind, probe] of probes) {
      for (const sort of [probe.path, `-${probe.path}`]) attempts.push({ label: `${kind} ${probe.slug} sort=${sort}`, method: 'GET', path: `/${probe.slug}?depth=0&limit=1&sort=${sort}` })
    }
    for (const name of ['limit', 'page', 'depth']) {
      attempts.push({ label: `${name} twice`, method: 'GET', path: `/events?${name}=1&${name}=2` })
      attempts.push({ label: `${name} as an object`, method: 'GET', path: `/events?${name}[a]=1` })
      attempts.push({ label: `${name} as a list`, method: 'GET', path: `/events?${name}[]=1&${name}[]=2` })
    }
    attempts.push({ label: 'a join\'s where of the wrong type', method: 'GET', path: '/events?depth=0&joins[sessions][where][type][equals]=nope' })
    attempts.push({ label: 'a join\'s where with an operator that does not apply', method: 'GET', path: '/events?depth=0&joins[sessions][where][startsAt][like]=x' })
    const admin = subjects.find((subject) => subject.name === 'admin')!
    const failures: Failure[] = []
    const started = Date.now()
    await run(attempts, admin, failures, restSender)
    console.info(`fuzz filters: ${probes.size} kinds of field, ${attempts.length} requests, ${failures.length} answered 5xx, ${((Date.now() - started) / 1000).toFixed(1)} s`)
    if (failures.length) console.info(failures.map((f) => `${f.status} ${f.label}: ${f.body}`).join('\n'))
    expect(failures).toEqual([])

    // refusals say what is wrong; filters that make sense still answer
    const refused = await send('GET', '/events?where[startsAt][like]=2026', { token: admin.token })
    expect(refused.status).toBe(400)
    expect(refused.text).toMatch(/startsAt like does not apply to a date field/)
    const notAnOption = await send('GET', '/events?where[type][in]=meeting,nope', { token: admin.token })
    expect(notAnOption.status).toBe(400)
    expect(notAnOption.text).toMatch(/type in names a value that is not one of its options/)
    const twice = await send('GET', '/events?limit=5&limit=6', { token: admin.token })
    expect(twice.status).toBe(400)
    expect(twice.text).toMatch(/limit must be given once/)
    const throughRows = await send('GET', '/events?sort=-questions.required', { token: admin.token })
    expect(throughRows.status).toBe(400)
    expect(throughRows.text).toMatch(/several rows in questions/)
    for (const sensible of ['sort=-parent.startsAt', 'where[title][like]=brief', 'where[type][in]=meeting,agm', 'where[startsAt][greater_than]=2020-01-01', 'where[capacity][less_than_equal]=10', 'where[audienceTiers][in]=1,2', 'where[audienceTiers][contains]=1', 'where[eligibility.membershipStatuses][in]=active', 'where[sessions][exists]=false', 'where[proposedBy.createdAt][exists]=true', 'joins[sessions][where][type][equals]=meeting']) {
      const answer = await send('GET', `/events?depth=0&${sensible}`, { token: admin.token })
      expect(answer.status, sensible).toBe(200)
    }
  }, 600_000)
})
