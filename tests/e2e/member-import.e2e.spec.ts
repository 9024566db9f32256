/**
 * A member import in the admin panel (issue 16 point 5): an admin uploads a spreadsheet with two
 * bad rows, sees the columns matched, checks it and sees both bad rows with their line and reason,
 * runs it, watches the progress finish, and downloads the report.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }

let browser: Browser
let context: BrowserContext
let admin: Page

const CSV = [
  'Email,First name,Last name,Membership type,Start date,Amount,Paid by',
  'imported.one@alliance.example,Ivy,Imported,Import Personal,2026-01-10,5.00,cash',
  'imported.two@alliance.example,Ian,Imported,Import Diamond,2026-01-10,5.00,cash',
  'imported.three@alliance.example,Ida,Imported,Import Personal,10/01/2026,5.00,cheque',
  'not-an-address,Iggy,Imported,Import Personal,2026-01-10,5.00,cash',
  'imported.four@alliance.example,Ike,Imported,,,,',
].join('\n')

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  admin = await context.newPage()
  await admin.goto('/admin/login')
  await admin.locator('#field-email').fill(superuser.email)
  await admin.locator('#field-password').fill(superuser.password)
  await admin.locator('form').getByRole('button', { name: /log ?in/i }).click()
  await admin.waitForURL((url) => url.pathname === '/admin')
  const tier = await browserFetch(admin, 'POST', '/api/tiers', { name: 'Import Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false })
  expect(tier.status, JSON.stringify(tier.body)).toBe(201)
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
})

describe('member import in the admin panel', () => {
  it('uploads a file with two bad rows, shows them in the dry run, runs it with a progress bar, and offers the report', async () => {
    await admin.goto('/admin/collections/member-imports/create')
    await admin.getByLabel('CSV file').setInputFiles({ name: 'club-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
    await admin.getByRole('button', { name: 'Upload' }).click()
    await admin.waitForURL(/\/admin\/collections\/member-imports\/\d+$/)
    const id = Number(new URL(admin.url()).pathname.split('/').pop())

    // the columns are matched from their names
    const wizard = admin.locator('[data-hangar-component="ImportWizard"]')
    await wizard.waitFor()
    expect(await wizard.getByLabel('Imported as (column Email)').inputValue()).toBe('email')
    expect(await wizard.getByLabel('Imported as (column Membership type)').inputValue()).toBe('tier')
    expect(await wizard.getByLabel('Imported as (column Paid by)').inputValue()).toBe('method')

    await wizard.getByRole('button', { name: 'Check the file' }).click()
    const problems = wizard.locator('table.hangar-import__problems')
    await problems.waitFor()
    expect(await wizard.locator('[data-count="created"]').first().textContent()).toBe('3')
    expect(await wizard.locator('[data-count="failed"]').first().textContent()).toBe('2')
    const rows = problems.locator('tbody tr')
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(0).locator('td').nth(0).textContent()).toBe('3')
    expect(await rows.nth(0).locator('td').nth(2).textContent()).toMatch(/there is no tier “Import Diamond”/)
    expect(await rows.nth(1).locator('td').nth(0).textContent()).toBe('5')
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toMatch(/“not-an-address” is not an email address/)
    await screenshot(admin, 'member-import-dry-run')
    // nothing is written by the check
    expect((await browserFetch(admin, 'GET', '/api/users?where[email][equals]=imported.one@alliance.example')).body.totalDocs).toBe(0)

    await wizard.getByRole('button', { name: 'Run the import' }).click()
    const progress = wizard.locator('#hangar-import-progress')
    await progress.waitFor()
    await admin.waitForFunction(() => document.querySelector('[data-hangar-component="ImportWizard"]')?.getAttribute('data-status') === 'finished', undefined, { timeout: 60_000 })
    expect(await progress.getAttribute('value')).toBe('5')
    expect(await progress.getAttribute('max')).toBe('5')
    expect(await wizard.getByText(/Finished: 5 of 5 rows/).isVisible()).toBe(true)
    expect(await wizard.locator('[data-count="created"]').first().textContent()).toBe('3')
    expect(await wizard.locator('[data-count="failed"]').first().textContent()).toBe('2')
    await screenshot(admin, 'member-import-finished')

    const imported = await browserFetch(admin, 'GET', '/api/users?where[email][like]=imported.&limit=10&depth=0')
    expect(imported.body.docs.map((u: { email: string }) => u.email).sort()).toEqual(['imported.four@alliance.example', 'imported.one@alliance.example', 'imported.three@alliance.example'])

    const link = wizard.getByRole('link', { name: 'Download the report (CSV)' })
    expect(await link.getAttribute('href')).toBe(`/api/member-imports/${id}/report.csv`)
    const [download] = await Promise.all([admin.waitForEvent('download'), link.click()])
    const stream = await download.createReadStream()
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    const report = Buffer.concat(chunks).toString('utf8')
    expect(report).toMatch(/2,imported.one@alliance.example,created,/)
    expect(report).toMatch(/3,imported.two@alliance.example,failed,.*Import Diamond/)
    expect(report).toMatch(/5,not-an-address,failed,/)
  })
})
