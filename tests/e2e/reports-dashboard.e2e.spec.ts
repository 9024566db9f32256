/**
 * The reports dashboard in the admin panel (issue 16 point 3): the treasurer finds it from the admin
 * home and the navigation, sees the charts drawn under the admin panel's Content Security Policy,
 * and downloads a CSV that parses back to what was paid; the events team sees only attendance.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import fs from 'node:fs'

import { parse } from 'csv-parse/sync'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const treasurer = { email: 'reports.treasurer@alliance.example', password: 'Reports-treasurer-2026', firstName: 'Tess', lastName: 'Treasurer' }
const organiser = { email: 'reports.events@alliance.example', password: 'Reports-events-2026', firstName: 'Evan', lastName: 'Events' }
const payer = { email: 'reports.payer@alliance.example', password: 'Reports-payer-2026', firstName: 'Ria', lastName: 'Reportpayer' }

let browser: Browser
/** Bank transfers in GBP before this file records its own: other e2e files share the database. */
let before = { payments: 0, gross: 0, monthGross: 0, monthNet: 0 }
const contexts: BrowserContext[] = []

/** A signed-in page that records every Content Security Policy violation. */
async function signedIn(person: { email: string; password: string }): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1400, height: 900 }, acceptDownloads: true })
  contexts.push(context)
  const violations: string[] = []
  await context.exposeFunction('__reportCspViolation', (text: string) => violations.push(text))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ;(window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)
    })
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(person.email)
  await page.locator('#field-password').fill(person.password)
  await page.locator('form').getByRole('button', { name: /log ?in/i }).click()
  await page.waitForURL((url) => url.pathname === '/admin')
  return { page, violations }
}

/** The "Reports" link of the admin navigation, opening the navigation first when it is folded away. */
async function openReportsFromNav(page: Page) {
  const link = page.getByTestId('nav-reports')
  await link.waitFor({ state: 'attached' })
  if (await link.evaluate((element) => element.closest('[inert]') !== null)) await page.locator('.nav-toggler').first().click()
  await link.click()
  await page.waitForURL((url) => url.pathname === '/admin/reports')
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  const { page: admin } = await signedIn(superuser)
  await ok(browserFetch(admin, 'POST', '/api/users', { ...treasurer, roles: ['treasurer'] }))
  await ok(browserFetch(admin, 'POST', '/api/users', { ...organiser, roles: ['events'] }))
  const tier = (await ok(browserFetch(admin, 'POST', '/api/tiers', { name: 'Report Flyers', fee: 4200, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const person = (await ok(browserFetch(admin, 'POST', '/api/users', { ...payer, roles: ['member'] }))).doc
  const membership = (await ok(browserFetch(admin, 'POST', '/api/memberships?depth=0', { member: person.id, tier: tier.id }))).doc
  // other files (event registration) may have recorded bank transfers too: the panel must add this one to them
  const month = new Date().toISOString().slice(0, 7)
  const answer = await ok(browserFetch(admin, 'GET', '/api/reports/revenue'), 200)
  const byMethod = (answer.tables.byMethod.rows as Array<Record<string, unknown>>).find((row) => row.method === 'bank_transfer' && row.currency === 'GBP')
  const inMonth = (answer.tables.byMonthAndMethod.rows as Array<Record<string, unknown>>).find((row) => row.method === 'bank_transfer' && row.currency === 'GBP' && row.month === month)
  before = { payments: Number(byMethod?.payments ?? 0), gross: Number(byMethod?.gross ?? 0), monthGross: Number(inMonth?.gross ?? 0), monthNet: Number(inMonth?.net ?? 0) }
  await ok(browserFetch(admin, 'POST', '/api/payments?depth=0', { membership: membership.id, amount: 4200, method: 'bank_transfer' }))
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('the treasurer’s reports dashboard', () => {
  it('is summarised on the admin home and linked from the navigation', async () => {
    const { page, violations } = await signedIn(treasurer)
    const summary = page.getByTestId('reports-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toMatch(/Net revenue, last 12 months \(GBP\)/)
    await screenshot(page, 'reports-01-admin-home-summary')
    await openReportsFromNav(page)
    expect(await page.getByRole('heading', { level: 1, name: 'Reports' }).isVisible()).toBe(true)
    expect(violations).toEqual([])
  })

  it('draws the charts, shows every panel of the role, and downloads a CSV that parses back', async () => {
    const { page, violations } = await signedIn(treasurer)
    await page.goto('/admin/reports')
    for (const name of ['members', 'movement', 'revenue', 'outstanding', 'expiring', 'attendance', 'volunteering']) {
      await page.getByTestId(`report-panel-${name}`).waitFor()
    }
    // recharts draws SVG: bars for the members by tier and the month's revenue
    for (const chart of ['chart-members', 'chart-movement', 'chart-revenue', 'chart-volunteering']) {
      await page.locator(`[data-testid="${chart}"] svg.recharts-surface`).first().waitFor()
    }
    await page.locator('[data-testid="chart-revenue"] .recharts-bar-rectangle path, [data-testid="chart-revenue"] .recharts-rectangle').first().waitFor()
    const pounds = ((before.gross + 4200) / 100).toFixed(2)
    expect(await page.getByTestId('report-panel-revenue').textContent()).toContain(`Bank transferGBP${before.payments + 1}£${pounds}`)
    await screenshot(page, 'reports-02-dashboard-treasurer')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-revenue-byMonthAndMethod').click()])
    expect(download.suggestedFilename()).toMatch(/^hangar-revenue-byMonthAndMethod-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { columns: true }) as Array<Record<string, string>>
    const month = new Date().toISOString().slice(0, 7)
    expect(rows).toContainEqual(expect.objectContaining({ month, method: 'bank_transfer', currency: 'GBP', gross: String(before.monthGross + 4200), net: String(before.monthNet + 4200) }))

    // a narrower period and a tier: the panels follow
    await page.getByTestId('report-from').fill(`${month}-01`)
    await page.getByTestId('report-tier').selectOption({ label: 'Report Flyers' })
    await expect.poll(() => page.getByTestId('table-members').locator('tbody tr').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByTestId('table-members').locator('tbody tr').textContent()).toMatch(/Report Flyers/)
    await screenshot(page, 'reports-03-dashboard-one-tier')
    expect(violations).toEqual([])
  })

  it('exports the payments list as CSV from the list’s “…” menu, with the list’s filter applied', async () => {
    const { page } = await signedIn(treasurer)
    await page.goto('/admin/collections/payments?where[or][0][and][0][method][equals]=bank_transfer')
    await page.locator('.table').waitFor()
    await page.locator('.list-controls__popup button').first().click()
    const item = page.locator('[data-hangar-component="ExportCsvMenuItem"]')
    await item.waitFor()
    await screenshot(page, 'reports-05-payments-list-export-menu')
    const [download] = await Promise.all([page.waitForEvent('download'), item.click()])
    expect(download.suggestedFilename()).toMatch(/^payments-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>
    expect(rows.length).toBeGreaterThan(0)
    // only the filtered method, and the payment recorded above, with what a treasurer may read
    expect(new Set(rows.map((row) => row.Method))).toEqual(new Set(['bank_transfer']))
    expect(rows).toContainEqual(expect.objectContaining({ 'Member email': payer.email, 'Amount (minor units)': '4200', Currency: 'GBP', Status: 'succeeded' }))
  })

  it('shows the events team attendance only', async () => {
    const { page } = await signedIn(organiser)
    await openReportsFromNav(page)
    await page.getByTestId('report-panel-attendance').waitFor()
    expect(await page.locator('[data-testid^="report-panel-"]').count()).toBe(1)
    await screenshot(page, 'reports-04-dashboard-events-team')
  })
})
