/**
 * The admin panel as a treasurer and a secretary see it (issue 13 points 6–8): money typed and
 * shown in pounds while the API keeps pence, the admin home at a glance with working links, and
 * a membership's history in words.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const member = { email: 'cash.payer@alliance.example', password: 'Cash-payer-2026', firstName: 'Casey', lastName: 'Cashpayer' }
const applicant = { email: 'glance.applicant@alliance.example', password: 'Glance-applicant-2026', firstName: 'Gale', lastName: 'Applicant' }

let browser: Browser
let admin: Page
const contexts: BrowserContext[] = []
let membershipId: number
let applicationId: number

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 } })
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  admin = await newPage()
  await admin.goto('/admin/login')
  await admin.locator('#field-email').fill(superuser.email)
  await admin.locator('#field-password').fill(superuser.password)
  await admin.locator('form').getByRole('button', { name: /log ?in/i }).click()
  await admin.waitForURL((url) => url.pathname === '/admin')

  const tier = (await ok(browserFetch(admin, 'POST', '/api/tiers', { name: 'Hangar Owners', fee: 10000, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const payer = (await ok(browserFetch(admin, 'POST', '/api/users', { ...member, roles: ['member'] }))).doc
  membershipId = (await ok(browserFetch(admin, 'POST', '/api/memberships?depth=0', { member: payer.id, tier: tier.id }))).doc.id

  const vetted = (await ok(browserFetch(admin, 'POST', '/api/tiers', { name: 'Vetted', fee: 2500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false, requiresApproval: true }))).doc
  const person = (await ok(browserFetch(admin, 'POST', '/api/users', { ...applicant, roles: ['member'] }))).doc
  applicationId = (await ok(browserFetch(admin, 'POST', '/api/memberships?depth=0', { member: person.id, tier: vetted.id }))).doc.id
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('money in pounds in the admin panel', () => {
  it('refuses "abc" in a money field in words and does not save; records "£100.00" cash as 10000 pence, listed as £100.00', async () => {
    await admin.goto('/admin/collections/payments/create')
    await admin.locator('#field-membership .rs__control').click()
    await admin.locator('#field-membership input').fill('Hangar Owners')
    await admin.locator('.rs__option', { hasText: 'Casey Cashpayer' }).click()

    const amountField = admin.locator('[data-hangar-component="MoneyField"]').filter({ has: admin.locator('#field-amount') })
    expect(await admin.getByLabel(/^Amount/).getAttribute('id')).toBe('field-amount')
    await admin.locator('#field-amount').fill('abc')
    const refusal = amountField.getByRole('alert')
    await refusal.waitFor()
    expect(await refusal.textContent()).toBe('“abc” is not an amount: type it like £25.00 or 25.')
    expect(await admin.locator('#field-amount').getAttribute('aria-invalid')).toBe('true')
    await admin.locator('#action-save').click()
    await admin.waitForTimeout(1500)
    expect(new URL(admin.url()).pathname).toBe('/admin/collections/payments/create')
    expect(await refusal.isVisible()).toBe(true)
    const none = await ok(browserFetch(admin, 'GET', `/api/payments?where[membership][equals]=${membershipId}&depth=0`), 200)
    expect(none.totalDocs).toBe(0)
    await screenshot(admin, 'treasurer-01-money-field-refuses-abc')

    await admin.locator('#field-amount').fill('£100.00')
    await expect.poll(() => amountField.getByRole('alert').count(), { timeout: 10_000 }).toBe(0)
    await admin.locator('#action-save').click()
    await admin.waitForURL(/\/admin\/collections\/payments\/\d+/)
    const paymentId = Number(new URL(admin.url()).pathname.split('/').pop())

    const stored = await ok(browserFetch(admin, 'GET', `/api/payments/${paymentId}?depth=0`), 200)
    expect(stored).toMatchObject({ amount: 10000, currency: 'GBP', method: 'cash', status: 'succeeded' })

    // the saved payment reads in words and in pounds, and nothing server-filled is "required"
    await admin.reload()
    await admin.locator('[data-hangar-component="PaymentStatusBanner"]').getByText(/^This payment has succeeded: £100\.00 paid on \d{1,2} \w{3} \d{4}\.$/).waitFor()
    expect(await admin.locator('#field-amount').inputValue()).toBe('£100.00')
    expect(await admin.getByText('This field is required.').count()).toBe(0)
    await screenshot(admin, 'treasurer-02-cash-payment-in-pounds')

    await admin.goto(`/admin/collections/payments?where[id][equals]=${paymentId}`)
    await admin.locator('[data-hangar-component="MoneyCell"]', { hasText: '£100.00' }).waitFor()
    expect(await admin.getByText('10000', { exact: true }).count()).toBe(0)
    await screenshot(admin, 'treasurer-03-payments-list-in-pounds')
  })

  it('shows a tier’s fee in pounds and saves a change typed as "1,250.50" as 125050 pence', async () => {
    const tiers = await ok(browserFetch(admin, 'GET', '/api/tiers?where[name][equals]=Vetted&depth=0'), 200)
    const id = tiers.docs[0].id
    await admin.goto(`/admin/collections/tiers/${id}`)
    await expect.poll(() => admin.locator('#field-fee').inputValue(), { timeout: 30_000 }).toBe('£25.00')
    await admin.locator('#field-fee').fill('1,250.50')
    await admin.locator('#action-save').click()
    await expect.poll(async () => (await browserFetch(admin, 'GET', `/api/tiers/${id}?depth=0`)).body.fee, { timeout: 15_000 }).toBe(125050)
  })
})

describe('the admin home at a glance', () => {
  it('shows what needs attention, each figure a link to the list it counts', async () => {
    await admin.goto('/admin')
    const glance = admin.locator('[data-hangar-component="AtAGlance"]')
    await glance.getByRole('heading', { name: 'At a glance' }).waitFor()
    await screenshot(admin, 'treasurer-04-admin-home-at-a-glance')

    const applied = (await ok(browserFetch(admin, 'GET', '/api/memberships?where[status][equals]=applied&limit=0&depth=0'), 200)).totalDocs
    expect(applied).toBeGreaterThan(0)
    const link = glance.getByRole('link', { name: /Applications waiting for approval/ })
    expect((await link.textContent())?.trim()).toBe(`${applied} Applications waiting for approval`)
    for (const name of [/Renewals due in the next 30 days/, /Payments pending/, /^\d+ Active$/, /^\d+ Lapsed$/]) {
      expect(await glance.getByRole('link', { name }).count(), String(name)).toBe(1)
    }

    await link.click()
    await admin.waitForURL(/\/admin\/collections\/memberships\?/)
    // the list shows the applications and nothing else
    await admin.locator('.table tbody tr').first().waitFor()
    expect(await admin.locator('.table tbody tr').count()).toBe(applied)
    await admin.locator('.table tbody tr', { hasText: 'Gale Applicant' }).waitFor()
    expect(await admin.locator('.table tbody tr', { hasText: 'Casey Cashpayer' }).count()).toBe(0)
    await screenshot(admin, 'treasurer-05-glance-link-applications')
  })
})

describe('wording for people', () => {
  it('tells a membership’s history in words, not "History 01"', async () => {
    await admin.goto(`/admin/collections/memberships/${applicationId}`)
    await admin.getByRole('button', { name: 'Approve' }).click()
    await expect.poll(async () => (await browserFetch(admin, 'GET', `/api/memberships/${applicationId}?depth=0`)).body.status, { timeout: 15_000 }).not.toBe('applied')
    await admin.goto(`/admin/collections/memberships/${applicationId}`)
    const rows = admin.locator('[data-hangar-component="HistoryRowLabel"]')
    await rows.first().waitFor()
    // the name of who approved it is looked up after the page shows
    await rows.filter({ hasText: /^Approved by Chris Chair on \d{1,2} \w{3} \d{4}$/ }).waitFor({ timeout: 15_000 })
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/^Applied by Chris Chair on /),
      expect.stringMatching(/^Approved by Chris Chair on /),
      expect.stringMatching(/^Set to await payment automatically on /),
    ])
    expect(await admin.getByText(/History 0\d/).count()).toBe(0)
    // an individual tier: no seat holders, household or organisation fields
    expect(await admin.getByText('Seat holders', { exact: true }).count()).toBe(0)
    expect(await admin.locator('#field-organisationName').count()).toBe(0)
    await screenshot(admin, 'treasurer-06-membership-history-in-words')

    await admin.goto(`/admin/collections/memberships/${membershipId}`)
    await admin.locator('[data-hangar-component="HistoryRowLabel"]', { hasText: /^Activated by a payment on / }).waitFor()
  })
})

describe('a filter or sort typed into a list’s address', () => {
  const problems: string[] = []
  const watch = (page: Page) => page.on('pageerror', (error) => problems.push(error.message))
  const banner = () => admin.locator('[data-hangar-component="ListQueryRefusal"]')
  const rows = () => admin.locator('.table tbody tr')

  it('shows the list unfiltered with the reason when the filter cannot be applied, and filtered when it can', async () => {
    watch(admin)
    await admin.goto('/admin/collections/memberships?where[periodEnd][like]=x')
    await banner().waitFor()
    expect(await banner().innerText()).toContain('The filter in the address was not applied, so this list is not filtered: The filter periodEnd like does not apply to a date field.')
    // the filter left the address for the banner, so the filter builder in the browser never sees it
    const address = new URL(admin.url())
    expect([...address.searchParams.keys()].some((key) => key.startsWith('where'))).toBe(false)
    expect(address.searchParams.get('refusedWhere[periodEnd][like]')).toBe('x')
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(2)
    expect(await admin.getByRole('heading', { name: 'Memberships' }).count()).toBe(1)
    await screenshot(admin, 'treasurer-07-list-filter-not-applied')

    await admin.goto('/admin/collections/memberships?where[status][equals]=nonsense')
    await banner().waitFor()
    expect(await banner().innerText()).toContain('The filter status equals names a value that is not one of its options.')
    await admin.goto('/admin/collections/memberships?where[nobody][equals]=1')
    await banner().waitFor()
    expect(await banner().innerText()).toContain('nobody')

    // a filter that applies: the list shows just what it matches (other files share this database)
    await admin.goto(`/admin/collections/memberships?where[id][equals]=${membershipId}`)
    await admin.locator('.collection-list').waitFor()
    expect(new URL(admin.url()).searchParams.get('where[id][equals]')).toBe(String(membershipId))
    await expect.poll(() => rows().count()).toBe(1)
    expect(await rows().first().innerText()).toContain('Casey Cashpayer')
    expect(await banner().count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('keeps the default order with the reason for a sort it cannot use, also when the list remembers it, until it is set back', async () => {
    await ok(browserFetch(admin, 'POST', '/api/events', { title: 'Sort check', startsAt: '2027-03-01T18:00:00.000Z', audience: 'members' }))
    await admin.goto('/admin/collections/events?sort=-questions.required')
    await banner().waitFor()
    expect(await banner().innerText()).toContain('Not sorted by questions.required, so the list is in its default order: You cannot sort on questions.required')
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(1)
    await screenshot(admin, 'treasurer-08-list-sort-not-used')

    // the list remembers its last sort: coming back without one in the address still shows the list
    await admin.goto('/admin/collections/events')
    await banner().waitFor()
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(1)
    await banner().getByRole('link', { name: 'Sort by the default instead' }).click()
    await expect.poll(() => new URL(admin.url()).searchParams.get('sort')).toBe('startsAt')
    await expect.poll(() => banner().count()).toBe(0)
    await admin.goto('/admin/collections/events')
    await admin.locator('.collection-list').waitFor()
    expect(await banner().count()).toBe(0)
    expect(problems).toEqual([])
  })
})
