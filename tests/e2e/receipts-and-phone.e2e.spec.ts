/**
 * Receipts and the member site at phone size (issue 13 points 10 and 11), in Chromium against
 * the production build: the portal's receipt links to its page, which prints without the site's
 * navigation and downloads as a PDF; at 390×844 nothing scrolls sideways, tables are stacked rows
 * with a label per value and the navigation is a menu; at 1280×800 the navigation is one line.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import fs from 'node:fs'

import { AxeBuilder } from '@axe-core/playwright'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MINIMAL_PDF, pdfText } from '../fixtures/pdf'
import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok, signIn } from './helpers/session'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const member = { email: 'rhea.receipts@alliance.example', password: 'Receipts-member-2026', firstName: 'Rhea', lastName: 'Receipts' }
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

let browser: Browser
const contexts: BrowserContext[] = []
let adminPage: Page
let paymentId: number
let receiptNumber: string

async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, acceptDownloads: true })
  contexts.push(context)
  return context.newPage()
}

/** Serious and critical accessibility problems axe finds in the page's tables and main navigation. */
async function tableAndMenuProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('table').include('nav[aria-label="Main"]').analyze()
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Whether the page is wider than the window (something would scroll sideways). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)

/**
 * A stacked row: every cell is a block of its own (not a table column), shows its label beside its
 * value, and lies within the window; the column headers are not shown.
 */
async function expectStacked(table: Locator, row: Locator, labels: string[]) {
  expect(await table.locator('thead').isVisible()).toBe(false)
  const cells = row.locator('td')
  expect(await cells.count()).toBe(labels.length)
  for (const [index, label] of labels.entries()) {
    const cell = cells.nth(index)
    const layout = await cell.evaluate((td) => {
      const labelBox = td.querySelector('[data-cell-label]')!.getBoundingClientRect()
      const valueBox = td.querySelector('div')!.getBoundingClientRect()
      return {
        display: getComputedStyle(td).display,
        label: (td.querySelector('[data-cell-label]') as HTMLElement).innerText,
        sameLine: Math.abs(labelBox.top - valueBox.top) < 4 && labelBox.right <= valueBox.left,
        right: Math.max(labelBox.right, valueBox.right, td.getBoundingClientRect().right),
      }
    })
    expect(layout.display, label).not.toBe('table-cell')
    expect(layout.label).toBe(label)
    expect(layout.sameLine, `${label} beside its value`).toBe(true)
    expect(layout.right, `${label} within the window`).toBeLessThanOrEqual(PHONE.width)
  }
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  adminPage = await newPage()
  await signIn(adminPage, superuser)

  // a member whose £25.00 was paid in cash, and £5.00 of it given back
  const account = (await ok(browserFetch(adminPage, 'POST', '/api/users', { ...member, roles: ['member'] }))).doc
  const tier = (await ok(browserFetch(adminPage, 'POST', '/api/tiers', { name: 'Hangarage', fee: 2500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const membership = (await ok(browserFetch(adminPage, 'POST', '/api/memberships?depth=0', { member: account.id, tier: tier.id }))).doc
  const payment = (await ok(browserFetch(adminPage, 'POST', '/api/payments?depth=0', { membership: membership.id, method: 'cash', amount: 2500 }))).doc
  paymentId = payment.id
  receiptNumber = payment.receiptNumber
  expect(receiptNumber).toMatch(/^R-\d{4}-\d{6}$/)
  await ok(browserFetch(adminPage, 'POST', `/api/payments/${paymentId}/refund`, { amount: 500, reason: 'No locker this year' }), 200)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('receipts', () => {
  it('the portal’s receipt link opens the receipt page, which prints without the navigation and downloads as a PDF', async () => {
    const page = await newPage()
    await signIn(page, member)
    await page.goto('/account')
    await page.getByRole('link', { name: receiptNumber }).click()
    await page.waitForURL((url) => url.pathname === `/pay/receipt/${paymentId}`)
    await page.getByRole('heading', { name: 'Thank you: payment received' }).waitFor()
    expect(await page.title()).toMatch(new RegExp(`^Receipt ${receiptNumber} · `))
    expect(await page.getByTestId('receipt-number').textContent()).toBe(receiptNumber)
    expect(await page.getByTestId('receipt-status').textContent()).toBe('Partly refunded')
    expect(await page.getByTestId('receipt-refund').textContent()).toMatch(/£5\.00 \(refunded\), No locker this year/)
    expect(await page.getByText('Hangarage').isVisible()).toBe(true)
    expect(await page.getByText('£25.00').isVisible()).toBe(true)
    await screenshot(page, 'receipts-01-receipt-page')

    // printed: the receipt alone, without the site's navigation, footer or buttons
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false)
    expect(await page.locator('footer').isVisible()).toBe(false)
    expect(await page.getByRole('button', { name: 'Print receipt' }).isVisible()).toBe(false)
    expect(await page.getByTestId('receipt-number').isVisible()).toBe(true)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Receipt ${receiptNumber}`)
    expect(await page.getByTestId('receipt-membership').innerText()).toMatch(/^Hangarage: Active, number HGR-\d{6}, until \d{1,2} \w+ \d{4}$/)
    await screenshot(page, 'receipts-02-receipt-as-printed')
    await page.emulateMedia({ media: 'screen' })
    expect(await page.getByRole('button', { name: 'Print receipt' }).isVisible()).toBe(true)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()])
    expect(download.suggestedFilename()).toBe(`receipt-${receiptNumber}.pdf`)
    const pdf = fs.readFileSync((await download.path())!)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = await pdfText(pdf)
    expect(text).toContain(receiptNumber)
    expect(text).toContain('Rhea Receipts')
    expect(text).toContain('Hangarage')
    expect(text).toContain('£25.00')
    expect(text).toContain('No locker this year')
  })

  it('another member cannot open the receipt or its PDF', async () => {
    const neighbour = { email: 'nosy.neighbour@alliance.example', password: 'Nosy-neighbour-2026', firstName: 'Nia', lastName: 'Neighbour' }
    await ok(browserFetch(adminPage, 'POST', '/api/users', { ...neighbour, roles: ['member'] }))
    const page = await newPage()
    await signIn(page, neighbour)
    expect((await browserFetch(page, 'GET', `/api/payments/${paymentId}/receipt.pdf`)).status).toBe(404)
    const receipt = await page.goto(`/pay/receipt/${paymentId}`)
    expect(receipt?.status()).toBe(404)
    expect(await page.getByText(receiptNumber).count()).toBe(0)
  })
})

describe('phone-size member site (390×844)', () => {
  let page: Page

  it('the portal does not scroll sideways, its payments are stacked rows with labels, and the Menu button opens the navigation', async () => {
    page = await newPage(PHONE)
    await signIn(page, member)
    await page.goto('/account')
    await page.getByRole('heading', { name: 'My account' }).waitFor()
    expect(await scrollsSideways(page)).toBe(false)

    const payments = page.getByRole('region', { name: 'Payments' })
    await expectStacked(payments.locator('table'), payments.getByTestId('payment').first(), ['Date', 'Receipt', 'Method', 'Status', 'Amount'])
    expect(await payments.getByRole('link', { name: receiptNumber }).isVisible()).toBe(true)
    await screenshot(page, 'receipts-03-phone-portal')

    const nav = page.getByRole('navigation', { name: 'Main' })
    const menu = nav.getByRole('button', { name: 'Menu' })
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await nav.getByRole('link', { name: 'Events' }).isVisible()).toBe(false)
    const header = await nav.boundingBox()
    expect(header!.height).toBeLessThan(80)
    await menu.click()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    for (const name of ['Home', 'Events', 'Notices', 'Documents', 'Volunteering', 'Membership', 'Directory', 'My account']) {
      expect(await nav.getByRole('link', { name }).isVisible(), name).toBe(true)
    }
    expect(await nav.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
    expect(await scrollsSideways(page)).toBe(false)
    await screenshot(page, 'receipts-04-phone-menu-open')

    // Escape closes it and gives the focus back to the button
    await nav.getByRole('link', { name: 'Events' }).focus()
    await page.keyboard.press('Escape')
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await menu.evaluate((button) => document.activeElement === button)).toBe(true)

    // following a link closes it
    await menu.click()
    await nav.getByRole('link', { name: 'Events' }).click()
    await page.waitForURL((url) => url.pathname === '/events')
    await page.getByRole('heading', { name: 'Events and meetings' }).waitFor()
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
  })

  it('the certificates table is stacked rows with a label per value and the whole View link', async () => {
    await page.goto('/volunteering')
    const issued = new Date(Date.now() - 30 * 86_400_000)
    const form = page.getByRole('form', { name: 'Add a certificate' })
    await form.getByLabel('Certificate type').selectOption({ label: 'Fire training' })
    await form.getByLabel('Issued on').fill(issued.toISOString().slice(0, 10))
    await form.getByLabel('Issued by').fill('Swansea Airport Fire Service')
    await form.getByLabel('Certificate number').fill('FT-2026-0390')
    await form.getByLabel('Certificate file').setInputFiles({ name: 'fire-training.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF })
    await form.getByRole('button', { name: 'Upload certificate' }).click()
    await form.getByRole('status').filter({ hasText: 'Fire training certificate uploaded' }).waitFor()

    const row = page.getByTestId('my-certificate').filter({ hasText: 'FT-2026-0390' })
    await row.waitFor()
    await expectStacked(page.getByRole('region', { name: 'My certificates' }).locator('table'), row, ['Certificate', 'Number', 'Issued', 'Expires', 'Status', 'File'])
    const view = row.getByRole('link', { name: 'View the Fire training certificate file' })
    const box = (await view.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
    expect(await view.evaluate((link) => link.scrollWidth <= link.clientWidth + 1)).toBe(true)
    expect(await scrollsSideways(page)).toBe(false)
    await row.scrollIntoViewIfNeeded()
    await screenshot(page, 'receipts-05-phone-certificates')
  })

  it('no member page scrolls sideways; the stacked tables and the menu have no serious accessibility problems', async () => {
    for (const path of ['/', '/tiers', '/events', '/notices', '/documents', '/volunteering', '/account', `/pay/receipt/${paymentId}`]) {
      await page.goto(path)
      await page.locator('main').waitFor()
      expect(await scrollsSideways(page), path).toBe(false)
    }
    await page.goto('/events')
    // the members' meeting first-admin.e2e.spec.ts publishes
    await page.getByTestId('event').first().getByRole('link').click()
    await page.waitForURL(/\/events\/[^/]+$/)
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await scrollsSideways(page), page.url()).toBe(false)
    for (const path of ['/account', '/volunteering']) {
      await page.goto(path)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Menu' }).click()
      expect(await tableAndMenuProblems(page), path).toEqual([])
    }
    await page.goto(`/pay/receipt/${paymentId}`)
    await screenshot(page, 'receipts-06-phone-receipt')
  })
})

describe('desktop navigation (1280×800)', () => {
  it('the superuser’s navigation, with every link and Sign out, is one line', async () => {
    const page = await newPage(DESKTOP)
    await signIn(page, superuser)
    await page.goto('/account')
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false)
    const items = nav.locator('li > a, li button')
    const names = await items.allInnerTexts()
    expect(names).toEqual(['Home', 'Events', 'Notices', 'Documents', 'Volunteering', 'Membership', 'Directory', 'My account', 'Admin panel', 'Sign out'])
    const rows = await items.evaluateAll((elements) => elements.map((element) => (element as HTMLElement).getBoundingClientRect()).map((box) => Math.round(box.top + box.height / 2)))
    expect(new Set(rows).size, `centres ${rows.join(', ')}`).toBe(1)
    const links = await nav.locator('li > a').evaluateAll((elements) => elements.map((element) => (element as HTMLElement).offsetTop))
    expect(new Set(links).size, `offsetTop ${links.join(', ')}`).toBe(1)
    expect((await nav.boundingBox())!.height).toBeLessThan(70)
    expect(await scrollsSideways(page)).toBe(false)
    expect(await tableAndMenuProblems(page)).toEqual([])
    await screenshot(page, 'receipts-07-desktop-navigation')
  })
})
