/**
 * What a request may send (issue 12, points 2, 3, 12, 13): body size (413, counted while
 * streaming, webhooks included), content types (415), JSON that parses into an object (400),
 * no NUL characters (400), ids that are ids (404), strict field types (400 naming the field),
 * and caps on limit, page and depth. Each refusal changes nothing.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Document, Payment, Tier, User } from '@payload-types'

import { MINIMAL_PDF } from '../fixtures/pdf'

import { graphql, send } from './helpers/http'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let treasurer: { user: User; token: string }
let admin: { user: User; token: string }
let tier: Tier

beforeAll(async () => {
  payload = await bootPayload()
  treasurer = await createUser(payload, ['treasurer', 'member'])
  admin = await createUser(payload, ['admin', 'member'])
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 2500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
})

/** A body stream of `total` bytes of `{"a":"xxxx…` that counts how much of it was read. */
function countingStream(total: number) {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
  const counter = { pulled: 0 }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"a":"'))
    },
    pull(controller) {
      if (counter.pulled >= total) return controller.close()
      counter.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  return { stream, counter }
}

async function paidCashPayment(): Promise<Payment> {
  const applicant = await createUser(payload, ['member'])
  const membership = await rest('POST', '/memberships?depth=0', { token: applicant.token, body: { tier: tier.id } })
  const paid = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membership.body.doc.id, method: 'cash', amount: 2500 } })
  expect(paid.status).toBe(201)
  return paid.body.doc as Payment
}

describe('body size', () => {
  it('a JSON body over 1 MB is 413, whether its length is declared or streamed, and nothing is written', async () => {
    const before = (await payload.count({ collection: 'tiers' })).totalDocs
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), fee: 100, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 1 })
    const declared = await send('POST', '/tiers', { token: admin.token, body: big, contentType: 'application/json' })
    expect(declared.status).toBe(413)
    expect(declared.body.errors[0].message).toMatch(/larger than 1 MB/)

    const { stream, counter } = countingStream(50 * 1024 * 1024)
    const streamed = await send('POST', '/tiers', { token: admin.token, body: stream, contentType: 'application/json' })
    expect(streamed.status).toBe(413)
    expect(counter.pulled).toBeLessThan(2 * 1024 * 1024) // stopped reading near the limit, not at 50 MB
    expect((await payload.count({ collection: 'tiers' })).totalDocs).toBe(before)
  })

  it('a 50 MB unsigned webhook is refused with 413 after reading about 1 MB of it', async () => {
    for (const hook of ['/square/webhooks', '/stripe/webhooks']) {
      const { stream, counter } = countingStream(50 * 1024 * 1024)
      const res = await send('POST', hook, { body: stream, contentType: 'application/json', headers: { 'stripe-signature': 't=1,v1=abc', 'x-square-hmacsha256-signature': 'abc' } })
      expect(res.status, hook).toBe(413)
      expect(counter.pulled, hook).toBeLessThan(2 * 1024 * 1024)
      const declared = await send('POST', hook, { body: 'x'.repeat(1024 * 1024 + 1), contentType: 'application/json' })
      expect(declared.status, hook).toBe(413)
    }
    expect((await payload.count({ collection: 'payment-events' })).totalDocs).toBe(0)
  })

  it('a webhook under the limit still reaches its signature check with its bytes untouched', async () => {
    // not JSON at all: the guard leaves webhooks' bodies to the signature check (401 without a provider configured)
    const res = await send('POST', '/square/webhooks', { body: 'not json \u0000', contentType: 'text/plain', headers: { 'x-square-hmacsha256-signature': 'abc' } })
    expect(res.status).toBe(401)
  })
})

describe('content types and JSON', () => {
  it('a refund sent as text/plain is 415 and refunds nothing; malformed JSON is 400; a JSON amount refunds that amount', async () => {
    const payment = await paidCashPayment()
    const plain = await send('POST', `/payments/${payment.id}/refund`, { token: treasurer.token, body: '{"amount":100,"reason":"test"}', contentType: 'text/plain' })
    expect(plain.status).toBe(415)
    expect(plain.body.errors[0].message).toMatch(/application\/json/)
    const malformed = await send('POST', `/payments/${payment.id}/refund`, { token: treasurer.token, body: '{"amount":100,', contentType: 'application/json' })
    expect(malformed.status).toBe(400)
    const list = await send('POST', `/payments/${payment.id}/refund`, { token: treasurer.token, body: '[100]', contentType: 'application/json' })
    expect(list.status).toBe(400)
    let stored = (await payload.findByID({ collection: 'payments', id: payment.id, depth: 0 })) as Payment
    expect(stored.status).toBe('succeeded')
    expect(stored.refunds ?? []).toEqual([])

    const part = await send('POST', `/payments/${payment.id}/refund`, { token: treasurer.token, body: '{"amount":100,"reason":"test"}', contentType: 'application/json; charset=utf-8' })
    expect(part.status).toBe(200)
    stored = (await payload.findByID({ collection: 'payments', id: payment.id, depth: 0 })) as Payment
    expect(stored.status).toBe('partially_refunded')
    expect(stored.refunds?.map((r) => r.amount)).toEqual([100])
  })

  it('standard routes: other content types are 415, malformed JSON and non-objects are 400, NUL characters are 400', async () => {
    const before = (await payload.count({ collection: 'tiers' })).totalDocs
    const tierBody = JSON.stringify({ name: 'Family', fee: 100, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 1 })
    expect((await send('POST', '/tiers', { token: admin.token, body: tierBody, contentType: 'text/plain' })).status).toBe(415)
    expect((await send('POST', '/tiers', { token: admin.token, body: 'name=Family', contentType: 'application/x-www-form-urlencoded' })).status).toBe(415)
    expect((await send('POST', '/tiers', { token: admin.token, body: '{"name":', contentType: 'application/json' })).status).toBe(400)
    for (const body of ['null', '[]', '"Family"', '12']) expect((await send('POST', '/tiers', { token: admin.token, body, contentType: 'application/json' })).status, body).toBe(400)
    const nul = await send('POST', '/tiers', { token: admin.token, body: tierBody.replace('Family', 'Fam\\u0000ily'), contentType: 'application/json' })
    expect(nul.status).toBe(400)
    expect(nul.body.errors[0].message).toMatch(/NUL/)
    expect((await send('GET', '/tiers?where[name][equals]=a%00b')).status).toBe(400)
    expect((await send('POST', '/users/login', { body: '{"email":"a\\u0000@example.org","password":"x"}', contentType: 'application/json' })).status).toBe(400)
    expect((await payload.count({ collection: 'tiers' })).totalDocs).toBe(before)
  })
})

describe('ids, types and paging', () => {
  it('ids that are not ids are 404 on every /:id route, anonymous included', async () => {
    for (const id of ['abc', '1.5', '99999999999999999999', '-1', '0']) {
      for (const collection of ['tiers', 'events', 'users', 'payments', 'documents']) {
        const res = await send('GET', `/${collection}/${id}`)
        expect(res.status, `${collection}/${id}`).toBe(404)
        expect(res.body.errors[0].message).toBeTruthy()
      }
      expect((await send('PATCH', `/tiers/${id}`, { token: admin.token, body: '{"name":"x"}', contentType: 'application/json' })).status).toBe(404)
      expect((await send('DELETE', `/tiers/${id}`, { token: admin.token })).status).toBe(404)
    }
    expect((await send('GET', `/tiers?where[id][equals]=abc`)).status).toBe(400)
  })

  it('wrong-typed fields are 400 naming the field: amounts are integers of minor units, emails are text', async () => {
    const applicant = await createUser(payload, ['member'])
    const membership = await rest('POST', '/memberships?depth=0', { token: applicant.token, body: { tier: tier.id } })
    for (const amount of ['2500', 2500.5, true]) {
      const res = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membership.body.doc.id, method: 'cash', amount } })
      expect(res.status, String(amount)).toBe(400)
      expect(JSON.stringify(res.body), String(amount)).toMatch(/amount/)
    }
    expect((await payload.count({ collection: 'payments', where: { membership: { equals: membership.body.doc.id } } })).totalDocs).toBe(0)

    const email = await rest('POST', '/users', { body: { email: 123, password: 'correct-horse-battery', firstName: 'A', lastName: 'B', acceptPrivacyPolicy: true } })
    expect(email.status).toBe(400)
    expect(email.body.errors[0].data?.errors?.[0]?.path ?? email.body.errors[0].message).toMatch(/email/)
    const fee = await rest('PATCH', `/tiers/${tier.id}`, { token: admin.token, body: { fee: '3000' } })
    expect(fee.status).toBe(400)
    expect(JSON.stringify(fee.body)).toMatch(/fee/)
    expect(((await payload.findByID({ collection: 'tiers', id: tier.id })) as Tier).fee).toBe(2500)
  })

  it('limit is clamped to 100, page must be from 1, depth is clamped to 3', async () => {
    const many = await rest('GET', '/tiers?limit=1000', { token: admin.token })
    expect(many.status).toBe(200)
    expect(many.body.limit).toBe(100)
    expect((await rest('GET', '/tiers?limit=0', { token: admin.token })).body.limit).toBe(100)
    const unpaged = await rest('GET', '/users?pagination=false&depth=0', { token: admin.token })
    expect(unpaged.status).toBe(200)
    for (const query of ['page=-5', 'page=0', 'page=abc', 'limit=abc', 'limit=-1', 'depth=abc']) {
      const res = await rest('GET', `/tiers?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.body.errors[0].message, query).toMatch(/limit|page|depth/)
    }
    expect((await rest('GET', '/tiers?depth=50')).status).toBe(200)
    // the admin panel's long GET (query string as a urlencoded body) gets the same caps
    const override = { 'X-Payload-HTTP-Method-Override': 'GET' }
    const overridden = await send('POST', '/tiers', { token: admin.token, body: 'limit=1000&depth=0', contentType: 'application/x-www-form-urlencoded', headers: override })
    expect(overridden.status).toBe(200)
    expect(overridden.body.limit).toBe(100)
    expect((await send('POST', '/tiers', { token: admin.token, body: 'page=-5', contentType: 'application/x-www-form-urlencoded', headers: override })).status).toBe(400)
    // the server's own reads are not capped
    expect((await payload.find({ collection: 'tiers', limit: 500 })).limit).toBe(500)
  })

  it('GraphQL: a limit above 100 or a page below 1 is refused, written or as a variable', async () => {
    for (const [query, variables] of [
      ['{ Tiers(limit: 1000) { totalDocs } }', {}],
      ['{ Tiers(page: 0) { totalDocs } }', {}],
      ['query ($limit: Int) { Tiers(limit: $limit) { totalDocs } }', { limit: 5000 }],
    ] as const) {
      const res = await graphql(query, variables, admin.token)
      expect(res.status, query).toBeLessThan(500)
      // Payload answers a document that fails validation with the list of errors
      const errors = Array.isArray(res.body) ? res.body : res.body.errors
      expect(errors?.[0]?.message, query).toMatch(/limit|page/)
      expect(res.body.data?.Tiers ?? null, query).toBeNull()
    }
    const fine = await graphql('{ Tiers(limit: 100) { totalDocs } }', {}, admin.token)
    expect(fine.body.data.Tiers.totalDocs).toBeGreaterThan(0)
  })
})

describe('uploaded files', () => {
  it('a file a document names but the disk no longer holds is 404', async () => {
    const secretary = await createUser(payload, ['secretary', 'member'])
    const form = new FormData()
    form.append('file', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'gone.pdf')
    form.append('_payload', JSON.stringify({ title: 'Gone', category: 'minutes', audience: 'public' }))
    const created = await rest('POST', '/documents?depth=0', { token: secretary.token, body: form })
    expect(created.status).toBe(201)
    const doc = created.body.doc as Document
    expect((await rest('GET', `/documents/file/${doc.filename}`)).status).toBe(200)
    fs.rmSync(path.join(process.env.DOCUMENTS_DIR!, doc.filename!))
    const missing = await rest('GET', `/documents/file/${doc.filename}`)
    expect(missing.status).toBe(404)
    expect((await rest('GET', '/documents/file/never-uploaded.pdf', { token: admin.token })).status).toBe(404)
  })
})
