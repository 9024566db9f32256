/**
 * Refunds from the admin panel (issue 12 point 4, SPEC §3): a member pays by card (Square, played
 * by tests/fakes/square.ts); the treasurer opens the payment in the admin panel, refunds part of
 * it with a reason, sees Square's refund id and status, then refunds the rest.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok, signIn } from './helpers/session'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const treasurer = { email: 'refunds.treasurer@alliance.example', password: 'Refunds-treasurer-2026', firstName: 'Rita', lastName: 'Refunds' }
const member = { email: 'refund.member@alliance.example', password: 'Refund-member-2026', firstName: 'Rory', lastName: 'Refunded' }

let browser: Browser
const contexts: BrowserContext[] = []
let paymentId: number

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  const adminPage = await newPage()
  await signIn(adminPage, superuser)
  await ok(browserFetch(adminPage, 'POST', '/api/users', { ...treasurer, roles: ['treasurer'] }))
  const account = (await ok(browserFetch(adminPage, 'POST', '/api/users', { ...member, roles: ['member'] }))).doc
  const tier = (await ok(browserFetch(adminPage, 'POST', '/api/tiers', { name: 'Refundable', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const membership = (await ok(browserFetch(adminPage, 'POST', '/api/memberships?depth=0', { member: account.id, tier: tier.id }))).doc

  // the member pays £5.00 by card
  const memberPage = await newPage()
  await signIn(memberPage, member)
  const checkout = await ok(browserFetch(memberPage, 'POST', '/api/payments/checkout', { membership: membership.id, provider: 'square' }))
  paymentId = checkout.payment.id
  const paid = await browserFetch(memberPage, 'POST', `/api/payments/square/${paymentId}/pay`, { sourceId: 'cnon:card-nonce-ok' })
  expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(300)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('refunds from the admin panel', () => {
  it('the treasurer refunds part of a card payment with a reason, sees Square’s outcome, then refunds the rest', async () => {
    const page = await newPage()
    await signIn(page, treasurer)
    await page.goto(`/admin/collections/payments/${paymentId}`)
    const panel = page.locator('.refund-action')
    await panel.getByText('£5.00 can still be refunded.').waitFor({ timeout: 60_000 })

    // a reason is required
    await panel.getByLabel('Part').check()
    await panel.locator('input[name="refund-amount"]').fill('2.00')
    await panel.getByRole('button', { name: 'Refund' }).click()
    await expect(panel.getByRole('alert').textContent()).resolves.toContain('Give the reason')

    await panel.locator('input[name="refund-reason"]').fill('Charged twice for the badge')
    await panel.getByRole('button', { name: 'Refund' }).click()
    const status = panel.getByRole('status')
    await status.waitFor({ timeout: 30_000 })
    expect(await status.textContent()).toMatch(/£2\.00 refunded\. Provider refund \S+: (pending|completed)\. The payment is now partially refunded\./)
    await screenshot(page, 'payments-refund-partial')

    await panel.getByText('£3.00 can still be refunded.').waitFor()
    await panel.getByLabel(/Full/).check()
    await panel.locator('input[name="refund-reason"]').fill('Membership cancelled')
    await panel.getByRole('button', { name: 'Refund' }).click()
    await panel.getByText(/The payment is now refunded\./).waitFor({ timeout: 30_000 })
    expect(await status.textContent()).toMatch(/£3\.00 refunded\. Provider refund \S+/)

    const stored = await ok(browserFetch(page, 'GET', `/api/payments/${paymentId}?depth=0`), 200)
    expect(stored.status).toBe('refunded')
    expect(stored.refunds.map((r: { amount: number; reason: string }) => [r.amount, r.reason])).toEqual([
      [200, 'Charged twice for the badge'],
      [300, 'Membership cancelled'],
    ])
  })

  it('a member does not get the Refund action', async () => {
    const page = await newPage()
    await signIn(page, member)
    const res = await browserFetch(page, 'POST', `/api/payments/${paymentId}/refund`, { reason: 'Please' })
    expect(res.status).toBe(403)
  })
})
