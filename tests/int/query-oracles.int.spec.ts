/**
 * Issue 12, point 8: nobody can filter or sort on a field through a relationship that they could
 * not read directly. The paths are walked from the config, not written by hand: from every
 * collection each subject may read, every relationship path (up to two hops) into another
 * collection, and every field at its end. For each, a filter that is always true of the hidden
 * value (`exists: true`) and its opposite (`exists: false`) must not give different answers
 * unless the subject can read that field directly: the request is refused (4xx), or the answer
 * does not depend on the hidden value. "Can read directly" is measured through REST too.
 */
import type { FlattenedField, Payload, Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { bootPayload, createUser, rest } from './helpers/payload'

type Subject = 'anonymous' | 'member' | 'admin' | 'treasurer' | 'secretary' | 'events' | 'volunteers'
const SUBJECTS: Subject[] = ['anonymous', 'member', 'admin', 'treasurer', 'secretary', 'events', 'volunteers']
const INTERNAL = ['payload-preferences', 'payload-migrations', 'payload-locked-documents', 'payload-kv', 'payload-jobs']
const LEAF_TYPES = new Set(['text', 'email', 'textarea', 'number', 'select', 'checkbox', 'date', 'radio', 'code'])
const MAX_HOPS = 2

let payload: Payload
let victimEmail = ''
const tokens: Partial<Record<Subject, string>> = {}

type Hop = { path: string; target: string; fields: FlattenedField[] }
type OraclePath = { root: string; path: string; target: string; field: string }

/** Relationship fields of a collection (inside groups and arrays too), with the dotted path to each. */
function relationshipsOf(fields: FlattenedField[], prefix = ''): { path: string; targets: string[] }[] {
  const found: { path: string; targets: string[] }[] = []
  for (const field of fields) {
    if (!('name' in field)) continue
    const path = `${prefix}${field.name}`
    if (field.type === 'relationship' || field.type === 'upload') {
      const targets = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      found.push({ path: Array.isArray(field.relationTo) ? `${path}.value` : path, targets })
    } else if (field.type === 'join') {
      found.push({ path, targets: Array.isArray(field.collection) ? field.collection : [field.collection] })
    } else if ('flattenedFields' in field && field.type !== 'tab') {
      found.push(...relationshipsOf(field.flattenedFields, `${path}.`))
    } else if (field.type === 'tab' && 'flattenedFields' in field) {
      found.push(...relationshipsOf(field.flattenedFields, `${path}.`))
    }
  }
  return found
}

/** Scalar fields of a collection (top level and in groups), with their dotted paths. */
function leavesOf(fields: FlattenedField[], prefix = ''): string[] {
  const found: string[] = []
  for (const field of fields) {
    if (!('name' in field)) continue
    if (LEAF_TYPES.has(field.type)) found.push(`${prefix}${field.name}`)
    else if (field.type === 'group' && 'flattenedFields' in field) found.push(...leavesOf(field.flattenedFields, `${prefix}${field.name}.`))
  }
  return found
}

function fieldsOf(slug: string): FlattenedField[] {
  return payload.collections[slug as 'users'].config.flattenedFields
}

/** Every path from `root` that crosses at least one relationship (at most MAX_HOPS) and ends at a scalar field. */
function oraclePaths(root: string): OraclePath[] {
  const paths: OraclePath[] = []
  let frontier: Hop[] = [{ path: '', target: root, fields: fieldsOf(root) }]
  for (let hop = 1; hop <= MAX_HOPS; hop++) {
    const next: Hop[] = []
    for (const from of frontier) {
      for (const rel of relationshipsOf(from.fields)) {
        for (const target of rel.targets) {
          if (INTERNAL.includes(target)) continue
          const path = `${from.path}${rel.path}.`
          for (const leaf of leavesOf(fieldsOf(target))) paths.push({ root, path: `${path}${leaf}`, target, field: leaf })
          next.push({ path, target, fields: fieldsOf(target) })
        }
      }
    }
    frontier = next
  }
  return paths
}

const readsAllCache = new Map<string, boolean>()
/** Does the subject read every document of the collection (measured: REST count against the real count)? */
async function readsAll(subject: Subject, collection: string): Promise<boolean> {
  const key = `${subject}:${collection}`
  if (!readsAllCache.has(key)) {
    const res = await rest('GET', `/${collection}?limit=1&depth=0`, { token: tokens[subject] })
    const { totalDocs } = await payload.count({ collection: collection as 'users' })
    readsAllCache.set(key, res.status === 200 && res.body.totalDocs === totalDocs)
  }
  return readsAllCache.get(key)!
}

const fieldCache = new Map<string, boolean>()
/** Does the subject see the field on a document where it is set (of someone else's)? */
async function readsField(subject: Subject, collection: string, field: string): Promise<boolean> {
  const key = `${subject}:${collection}:${field}`
  if (!fieldCache.has(key)) {
    const { docs } = await payload.find({ collection: collection as 'users', limit: 1, depth: 0 })
    // nothing stored, nothing to learn: an empty collection hides no value
    let seen = docs.length === 0
    if (docs[0]) {
      const res = await rest('GET', `/${collection}/${docs[0].id}?depth=0`, { token: tokens[subject] })
      // a field the subject may not read is left out of the document; an empty one they may read is null
      const parts = field.split('.')
      const parent = parts.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], res.body)
      seen = res.status === 200 && typeof parent === 'object' && parent !== null && parts.at(-1)! in parent
    }
    fieldCache.set(key, seen)
  }
  return fieldCache.get(key)!
}

const idsOf = (body: { docs?: { id: unknown }[] }) => (body.docs ?? []).map((d) => d.id).sort()

beforeAll(async () => {
  payload = await bootPayload()
  for (const subject of SUBJECTS) {
    if (subject === 'anonymous') continue
    const { token } = await createUser(payload, subject === 'member' ? ['member'] : [subject, 'member'])
    tokens[subject] = token
  }
  // someone whose personal data is what the oracle would be after, linked from everywhere
  const victim = await createUser(payload, ['member'], {
    phone: '029 2018 0123',
    address: { line1: '1 Hidden Street', town: 'Swansea', postcode: 'SA1 1AA', country: 'United Kingdom' },
    internalNotes: 'Only admins and the secretary see this',
    enableAPIKey: true,
    apiKey: 'victim-api-key-0001',
  } as never)
  victimEmail = victim.user.email
  const staff = await createUser(payload, ['admin', 'member'], { phone: '029 2018 0999' })
  const tier = await payload.create({ collection: 'tiers', data: { name: 'Oracle tier', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true } as never })
  const membership = await payload.create({ collection: 'memberships', data: { tier: tier.id, member: victim.user.id, internalNotes: 'Private note' } as never })
  await payload.create({
    collection: 'payments',
    data: { member: victim.user.id, membership: membership.id, amount: 500, currency: 'GBP', method: 'cash', purpose: 'donation', recordedBy: staff.user.id, notes: 'Treasurer note' } as never,
  })
  const event = await payload.create({
    collection: 'events',
    data: { title: 'Open day', startsAt: '2030-01-10T18:00:00.000Z', status: 'published', audience: 'public', proposedBy: victim.user.id } as never,
  })
  await payload.create({ collection: 'rsvps', data: { event: event.id, member: victim.user.id } as never })
  const role = await payload.create({ collection: 'volunteer-roles', data: { name: 'Oracle role', requiredCertificates: [] } as never })
  await payload.create({
    collection: 'shifts',
    data: { role: role.id, startsAt: '2030-05-01T09:00:00.000Z', endsAt: '2030-05-01T13:00:00.000Z', peopleNeeded: 2, assigned: [{ member: victim.user.id, via: 'coordinator', addedBy: staff.user.id }] } as never,
  })
  await payload.create({ collection: 'availability', data: { member: victim.user.id, notes: 'Weekends' } as never })
  await payload.create({ collection: 'notices', data: { title: 'Notice', status: 'published', audience: 'public', publishAt: '2020-01-01T00:00:00.000Z' } as never }).catch(() => undefined)
})

describe('the issue’s examples', () => {
  it('a member cannot read a phone number through shifts (where[assigned.member.phone][contains])', async () => {
    const hit = await rest('GET', '/shifts?where[assigned.member.phone][contains]=20180123&depth=0', { token: tokens.member })
    const miss = await rest('GET', '/shifts?where[assigned.member.phone][contains]=zzzz&depth=0', { token: tokens.member })
    expect(hit.status).toBe(403)
    expect(miss.status).toBe(403)
    expect(hit.body.errors[0].message).toMatch(/assigned\.member\.phone/)
  })

  it('a visitor cannot learn a proposer’s email through events.proposedBy', async () => {
    for (const path of ['proposedBy.email', 'proposedBy.roles', 'proposedBy.address.town']) {
      const res = await rest('GET', `/events?where[${path}][exists]=true`)
      expect(res.status, path).toBe(403)
    }
    const sorted = await rest('GET', '/events?sort=proposedBy.email')
    expect(sorted.status).toBe(403)
  })

  it('a member cannot learn who recorded their payment through payments.recordedBy', async () => {
    const res = await rest('GET', '/payments?where[recordedBy.email][like]=example&depth=0', { token: tokens.member })
    expect(res.status).toBe(403)
    const roles = await rest('GET', '/payments?where[recordedBy.roles][in]=admin&depth=0', { token: tokens.member })
    expect(roles.status).toBe(403)
  })

  it('a treasurer cannot filter on internal notes through payments.member (a field they cannot read)', async () => {
    const res = await rest('GET', '/payments?where[member.internalNotes][exists]=true&depth=0', { token: tokens.treasurer })
    expect(res.status).toBe(403)
  })

  it('nobody but the owner queries an API key through a relationship, not even an admin', async () => {
    const res = await rest('GET', '/payments?where[member.apiKey][exists]=true&depth=0', { token: tokens.admin })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })

  it('staff who read people in full still filter through relationships (the admin panel’s searches)', async () => {
    const email = encodeURIComponent(victimEmail)
    const res = await rest('GET', `/payments?where[member.email][equals]=${email}&depth=0`, { token: tokens.secretary })
    expect(res.status).toBe(200)
    expect(res.body.totalDocs).toBe(1)
    const shifts = await rest('GET', `/shifts?where[assigned.member.email][equals]=${email}&depth=0`, { token: tokens.volunteers })
    expect(shifts.status).toBe(200)
    expect(shifts.body.totalDocs).toBe(1)
    // but not on a phone number, which is stored encrypted (src/privacy/fieldEncryption.ts): 400 for everyone
    const phone = await rest('GET', '/shifts?where[assigned.member.phone][contains]=20180123&depth=0', { token: tokens.volunteers })
    expect(phone.status).toBe(400)
    expect(phone.body.errors[0].message).toMatch(/stored encrypted/)
  })

  it('a member still filters on their own relationships by id', async () => {
    const res = await rest('GET', '/shifts?where[assigned.member][exists]=true&depth=0', { token: tokens.member })
    expect(res.status).toBe(200)
  })
})

describe('where limits', () => {
  it('refuses an in-list of more than 200 values with 400', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => i + 1)
    const res = await rest('GET', `/tiers?${ids.map((id) => `where[id][in][]=${id}`).join('&')}`, { token: tokens.admin })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/at most 200/)
    const ok = await rest('GET', `/tiers?${ids.slice(0, 200).map((id) => `where[id][in][]=${id}`).join('&')}`, { token: tokens.admin })
    expect(ok.status).toBe(200)
  })

  it('refuses a where nested deeper than 5 levels with 400', async () => {
    // the query string parser stops at its own depth, so the nesting is sent as a person's Local API query
    const admin = (await payload.find({ collection: 'users', where: { roles: { contains: 'admin' } }, limit: 1, depth: 0 })).docs[0]!
    let where: Where = { name: { exists: true } }
    for (let i = 0; i < 5; i++) where = { and: [where] }
    await expect(payload.find({ collection: 'tiers', where, overrideAccess: false, user: admin })).resolves.toBeTruthy()
    const error = await payload.find({ collection: 'tiers', where: { and: [where] }, overrideAccess: false, user: admin }).catch((e: { status?: number; message: string }) => e)
    expect((error as { status?: number }).status).toBe(400)
    expect((error as Error).message).toMatch(/nested too deeply/)
  })

  it('refuses more than 100 conditions with 400', async () => {
    const { stringify } = await import('qs-esm')
    const where = { or: Array.from({ length: 101 }, (_, i) => ({ name: { equals: `tier ${i}` } })) }
    const res = await rest('GET', `/tiers?${stringify({ where })}`, { token: tokens.admin })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/too many conditions/)
  })
})

/** Paths whose reads are in flight together (each path: three reads). */
const PATHS_AT_ONCE = 4
async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work))
}

describe('no oracle through any relationship path (walked from the config)', () => {
  it('finds the paths of the issue among those it walks', () => {
    const all = payload.config.collections.map((c) => c.slug).filter((slug) => !INTERNAL.includes(slug)).flatMap(oraclePaths).map((p) => `${p.root}:${p.path}`)
    expect(all).toContain('shifts:assigned.member.phone')
    expect(all).toContain('events:proposedBy.email')
    expect(all).toContain('payments:recordedBy.email')
    expect(all).toContain('payments:membership.member.phone')
  })

  for (const subject of SUBJECTS) {
    it(`${subject}: no filter or sort through a relationship answers about a field they cannot read`, async () => {
      const collections = payload.config.collections.map((c) => c.slug).filter((slug) => !INTERNAL.includes(slug))
      let walked = 0
      const oracles: string[] = []
      for (const root of collections) {
        const list = await rest('GET', `/${root}?limit=1&depth=0`, { token: tokens[subject] })
        if (list.status !== 200) continue // the subject may not read this collection at all
        const asked: { path: string }[] = []
        for (const { path, target, field } of oraclePaths(root)) {
          // a subject who reads the field directly learns nothing new from a filter on it
          if ((await readsAll(subject, target)) && (await readsField(subject, target, field))) continue
          asked.push({ path })
        }
        // the three reads of a path are independent of every other path's: asked a few paths at a time
        await inBatches(asked, PATHS_AT_ONCE, async ({ path }) => {
          const [yes, no, sorted] = await Promise.all([
            rest('GET', `/${root}?where[${path}][exists]=true&limit=1000&depth=0`, { token: tokens[subject] }),
            rest('GET', `/${root}?where[${path}][exists]=false&limit=1000&depth=0`, { token: tokens[subject] }),
            rest('GET', `/${root}?sort=${path}&limit=1&depth=0`, { token: tokens[subject] }),
          ])
          walked++
          for (const res of [yes, no, sorted]) expect(res.status, `${root}?where[${path}]`).toBeLessThan(500)
          const refused = yes.status >= 400 && no.status >= 400
          const independent = yes.status === 200 && no.status === 200 && JSON.stringify(idsOf(yes.body)) === JSON.stringify(idsOf(no.body))
          if (!refused && !independent) oracles.push(`${root}?where[${path}] (${yes.status}/${no.status})`)
          if (sorted.status < 400) oracles.push(`${root}?sort=${path} (${sorted.status})`)
        })
      }
      expect(oracles).toEqual([])
      expect(walked).toBeGreaterThan(0)
    }, 600_000)
  }
})
