/**
 * The registrant list (issue 19 point 7): two members register for a fly-in paid by bank transfer
 * and answer its form; the chair opens the event in the admin panel, filters the list by an answer,
 * marks the vegetarian's bank transfer paid from the list, and the row shows it registered and paid.
 *
 * It signs in as the superuser first-admin.e2e.spec.ts creates, which runs first (vitest.config.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'

const chair = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const members = [
  { email: 'vera.veg@alliance.example', password: 'Vera-veg-2026', firstName: 'Vera', lastName: 'Vegetarian', dietary: 'vegetarian' },
  { email: 'milo.meat@alliance.example', password: 'Milo-meat-2026', firstName: 'Milo', lastName: 'Meat', dietary: 'meat' },
] as const
const DAY = 86_400_000

let browser: Browser
const contexts: BrowserContext[] = []
let adminPage: Page
let flyIn: { id: number; title: string }
const rsvps: Record<string, number> = {}

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (see vitest.config.ts).')
  browser = await launchBrowser()
  adminPage = await newPage()
  await adminPage.goto('/')
  await ok(browserFetch(adminPage, 'POST', '/api/users/login', chair), 200)

  const tier = (await ok(browserFetch(adminPage, 'POST', '/api/tiers', { name: 'Fly-in pilots', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  flyIn = (
    await ok(
      browserFetch(adminPage, 'POST', '/api/events?depth=0', {
        title: 'Summer fly-in with barbecue',
        startsAt: new Date(Date.now() + 20 * DAY).toISOString(),
        status: 'published',
        audience: 'members',
        capacity: 30,
        price: 1500,
        paymentMethod: 'bank_transfer',
        bankAccount: 'GB29 NWBK 6016 1331 9268 19',
        questions: [{ key: 'dietary', label: 'Dietary needs', kind: 'choice', choices: ['vegetarian', 'meat'], required: true }],
      }),
    )
  ).doc

  // each member, with a paid membership, registers as themself through the REST API and answers the form
  for (const { dietary, ...person } of members) {
    const user = (await ok(browserFetch(adminPage, 'POST', '/api/users', { ...person, roles: ['member'] }))).doc
    const membership = (await ok(browserFetch(adminPage, 'POST', '/api/memberships?depth=0', { member: user.id, tier: tier.id }))).doc
    await ok(browserFetch(adminPage, 'POST', '/api/payments?depth=0', { membership: membership.id, method: 'cash', amount: 500 }))
    const page = await newPage()
    await page.goto('/')
    await ok(browserFetch(page, 'POST', '/api/users/login', { email: person.email, password: person.password }), 200)
    const rsvp = (await ok(browserFetch(page, 'POST', '/api/rsvps?depth=0', { event: flyIn.id, answers: { dietary } }))).doc
    expect(rsvp.registrationStatus).toBe('payment_pending')
    rsvps[person.firstName] = rsvp.id
  }
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('the registrant list in the admin panel', () => {
  it('the chair filters the list by an answer and marks a bank transfer paid from it', async () => {
    await adminPage.goto(`/admin/collections/events/${flyIn.id}`)
    const panel = adminPage.locator('section[aria-labelledby="registrants"]')
    await panel.getByRole('heading', { name: 'Registrants (2)' }).waitFor()
    const table = panel.getByRole('table', { name: 'Registrants' })
    await table.getByRole('columnheader', { name: 'Dietary needs' }).waitFor()
    expect(await table.getByRole('row', { name: /Milo Meat/ }).count()).toBe(1)

    await panel.getByLabel('Filter column').selectOption('answers.dietary')
    await panel.getByLabel('Filter value').selectOption('vegetarian')
    await panel.getByRole('button', { name: 'Add filter' }).click()
    await panel.getByRole('heading', { name: 'Registrants (1)' }).waitFor()
    expect(await table.getByRole('row', { name: /Milo Meat/ }).count()).toBe(0)
    const vera = table.getByRole('row', { name: /Vera Vegetarian/ })
    expect(await vera.locator('td[data-column="registrationStatus"]').textContent()).toBe('Payment pending')
    expect(await vera.locator('td[data-column="answers.dietary"]').textContent()).toBe('vegetarian')
    await screenshot(adminPage, '40-admin-registrants-filtered')

    await vera.getByRole('button', { name: 'Mark paid' }).click()
    await panel.getByRole('status').filter({ hasText: 'Payment recorded; registered.' }).waitFor()
    await vera.locator('td[data-column="registrationStatus"]', { hasText: 'Registered without payment' }).waitFor()
    expect(await vera.locator('td[data-column="paid"]').textContent()).toBe('Yes')
    // the filter stays on: still only Vera
    await panel.getByRole('heading', { name: 'Registrants (1)' }).waitFor()
    await screenshot(adminPage, '41-admin-registrants-marked-paid')

    const rsvp = await ok(browserFetch(adminPage, 'GET', `/api/rsvps/${rsvps.Vera}?depth=0`), 200)
    expect(rsvp.registrationStatus).toBe('registered_without_payment')
    expect(rsvp.payment).toBeTruthy()
    const milo = await ok(browserFetch(adminPage, 'GET', `/api/rsvps/${rsvps.Milo}?depth=0`), 200)
    expect(milo.registrationStatus).toBe('payment_pending')
  })
})
