/**
 * Receipts as PDF (issue 13 point 10): `GET /api/payments/:id/receipt.pdf` through the route the
 * app serves, for the payer, staff who read payments, and people who may not see the payment.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Payment, Tier, User } from '@payload-types'

import { NAMES_IN_OTHER_LETTERS, NAME_WITHOUT_GLYPHS, pdfText } from '../fixtures/pdf'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
let treasurer: { user: User; token: string }
let secretary: { user: User; token: string }
let payer: { user: User; token: string }
let paid: Payment
let tier: Tier

/** A GET through app/(payload)/api/[...slug]/route.ts, keeping the body's bytes. */
async function download(path: string, token?: string) {
  const handlers = await import('../../app/(payload)/api/[...slug]/route')
  const url = new URL(`/api${path}`, 'http://localhost:3000')
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  const headers = new Headers(token ? { Authorization: `JWT ${token}` } : {})
  const response = await handlers.GET(new Request(url, { headers }), { params: Promise.resolve({ slug }) })
  const bytes = new Uint8Array(await response.arrayBuffer())
  const text = new TextDecoder().decode(bytes)
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(text) as { errors: Array<{ message: string }> } }
}

beforeAll(async () => {
  payload = await bootPayload()
  await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Severn Valley Flying Club' } })
  treasurer = await createUser(payload, ['treasurer', 'member'])
  secretary = await createUser(payload, ['secretary'])
  payer = await createUser(payload, ['member'], { firstName: 'Jo', lastName: 'Newcomer' })
  tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Aircraft Owners', fee: 2500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true, active: true },
  })) as Tier
  const membership = await rest('POST', '/memberships?depth=0', { token: payer.token, body: { tier: tier.id } })
  expect(membership.status).toBe(201)
  const recorded = await rest('POST', '/payments?depth=0', { token: treasurer.token, body: { membership: membership.body.doc.id, method: 'cash', amount: 2500 } })
  expect(recorded.status).toBe(201)
  paid = recorded.body.doc as Payment
  expect(paid.receiptNumber).toMatch(/^R-\d{4}-\d{6}$/)
})

describe('receipt PDF (GET /api/payments/:id/receipt.pdf)', () => {
  it('the payer downloads a PDF naming the club, the receipt, the member, the membership, the amount in pounds and the method', async () => {
    const res = await download(`/payments/${paid.id}/receipt.pdf`, payer.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="receipt-${paid.receiptNumber}.pdf"`)
    expect(Buffer.from(res.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    const text = await pdfText(res.bytes)
    expect(text).toContain('Severn Valley Flying Club')
    expect(text).toContain(paid.receiptNumber!)
    expect(text).toContain('Jo Newcomer')
    expect(text).toContain('Aircraft Owners')
    expect(text).toMatch(/Membership number HGR-\d{6}/)
    expect(text).toMatch(/Paid up until \d{1,2} \w+ \d{4}/)
    expect(text).toContain('£25.00')
    expect(text).toContain('Cash')
    expect(text).not.toContain('Refunds')
  })

  it('staff who read payments get it; another member, a role without payments, and a visitor do not', async () => {
    expect((await download(`/payments/${paid.id}/receipt.pdf`, treasurer.token)).status).toBe(200)
    const bySecretary = await download(`/payments/${paid.id}/receipt.pdf`, secretary.token)
    expect(bySecretary.status).toBe(200)
    expect(await pdfText(bySecretary.bytes)).toContain(paid.receiptNumber!)

    const other = await createUser(payload, ['member'])
    const refused = await download(`/payments/${paid.id}/receipt.pdf`, other.token)
    expect(refused.status).toBe(404)
    expect(refused.headers.get('content-type')).toMatch(/application\/json/)
    expect(refused.json().errors[0]?.message).toBe('There is no such receipt.')

    const coordinator = await createUser(payload, ['volunteers', 'member'])
    expect((await download(`/payments/${paid.id}/receipt.pdf`, coordinator.token)).status).toBe(404)
    const events = await createUser(payload, ['events'])
    expect((await download(`/payments/${paid.id}/receipt.pdf`, events.token)).status).toBe(404)

    const visitor = await download(`/payments/${paid.id}/receipt.pdf`)
    expect(visitor.status).toBe(401)
    expect(visitor.json().errors[0]?.message).toMatch(/Sign in/)
  })

  it('lists refunds with what was given back and what was kept', async () => {
    const refund = await rest('POST', `/payments/${paid.id}/refund`, { token: treasurer.token, body: { amount: 1000, reason: 'Joined mid-season' } })
    expect(refund.status).toBe(200)
    const text = await pdfText((await download(`/payments/${paid.id}/receipt.pdf`, payer.token)).bytes)
    expect(text).toContain('Refunds')
    expect(text).toContain('£10.00: Refunded')
    expect(text).toContain('Joined mid-season')
    expect(text).toContain('Partly refunded')
    expect(text).toMatch(/Kept\s+£15\.00/)
  })

  it('names the payer and the club in Polish, Greek or Cyrillic letters exactly as written; Japanese letters still make a receipt', async () => {
    const path = `/payments/${paid.id}/receipt.pdf`
    try {
      for (const { firstName, lastName, club } of NAMES_IN_OTHER_LETTERS) {
        await payload.updateGlobal({ slug: 'settings', data: { organisationName: club } })
        await payload.update({ collection: 'users', id: payer.user.id, data: { firstName, lastName }, depth: 0 })
        const res = await download(path, payer.token)
        expect(res.status).toBe(200)
        const text = await pdfText(res.bytes)
        expect(text).toContain(`Received from ${firstName} ${lastName}\n`)
        expect(text).toContain(`${club}\nReceipt ${paid.receiptNumber}`)
        expect(text).toContain(`issued by ${club}.`)
      }
      // the font has no Japanese glyphs: the PDF is still made, with the rest of the receipt readable
      await payload.updateGlobal({ slug: 'settings', data: { organisationName: NAME_WITHOUT_GLYPHS.club } })
      await payload.update({ collection: 'users', id: payer.user.id, data: { firstName: NAME_WITHOUT_GLYPHS.firstName, lastName: NAME_WITHOUT_GLYPHS.lastName }, depth: 0 })
      const res = await download(path, payer.token)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const text = await pdfText(res.bytes)
      expect(text).toContain(`Receipt number ${paid.receiptNumber}`)
      expect(text).toContain('£25.00')
    } finally {
      await payload.updateGlobal({ slug: 'settings', data: { organisationName: 'Severn Valley Flying Club' } })
      await payload.update({ collection: 'users', id: payer.user.id, data: { firstName: 'Jo', lastName: 'Newcomer' }, depth: 0 })
    }
  })

  it('a payment without a receipt, an unknown id and an id that is not a number are 404, never 500', async () => {
    const pendingOwner = await createUser(payload, ['member'])
    const membership = await rest('POST', '/memberships?depth=0', { token: pendingOwner.token, body: { tier: tier.id } })
    const checkout = await rest('POST', '/payments/checkout', { token: pendingOwner.token, body: { membership: membership.body.doc.id, provider: 'dummy' } })
    expect(checkout.status).toBe(201)
    expect(checkout.body.payment.status).toBe('pending')
    expect((await download(`/payments/${checkout.body.payment.id}/receipt.pdf`, pendingOwner.token)).status).toBe(404)

    expect((await download('/payments/99999999/receipt.pdf', treasurer.token)).status).toBe(404)
    expect((await download('/payments/abc/receipt.pdf', treasurer.token)).status).toBe(404)
    expect((await download('/payments/1e3/receipt.pdf', treasurer.token)).status).toBe(404)
  })
})
