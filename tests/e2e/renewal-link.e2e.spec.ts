/**
 * Renewing from the email (issue 17, point 4): a member's membership lapses and the email carries
 * their personal renewal link. On the browser they usually sign in with, the link (after one
 * "Renew" press) signs them in and lands on the payment. On another browser the press emails a
 * code first; typed in, it signs in and lands on the same payment.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'
import { newestMail } from './helpers/mail'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const member = { email: `renewing.${Date.now().toString(36)}@alliance.example`, password: 'Renewing-member-2026', firstName: 'Rene', lastName: 'Renewing' }

let browser: Browser
const contexts: BrowserContext[] = []
let renewLink: string

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

/** The first match of `pattern` (its first group, if it has one) in the newest email to `to` whose subject matches. */
async function fromNewestMail(to: string, subject: RegExp, pattern: RegExp): Promise<string> {
  const found = pattern.exec((await newestMail(to, { subject, text: pattern })).text ?? '')!
  return found[1] ?? found[0]
}

const signedInAs = async (page: Page) => (await browserFetch(page, 'GET', '/api/users/me')).body.user?.email as string | undefined

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  const admin = await newPage()
  await admin.goto('/')
  await ok(browserFetch(admin, 'POST', '/api/users/login', superuser), 200)
  const account = (await ok(browserFetch(admin, 'POST', '/api/users', { ...member, roles: ['member'] }))).doc
  const tier = (await ok(browserFetch(admin, 'POST', '/api/tiers', { name: 'Renewable', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const membership = (await ok(browserFetch(admin, 'POST', '/api/memberships?depth=0', { member: account.id, tier: tier.id }))).doc
  // a year goes by: active, then its grace period, then lapsed (the lapsed email goes out)
  for (const to of ['active', 'grace', 'lapsed']) await ok(browserFetch(admin, 'POST', `/api/memberships/${membership.id}/transition`, { to, reason: 'e2e: time passes' }), 200)
  renewLink = await fromNewestMail(member.email, /lapsed/i, /https?:\/\/\S+\/renew\/\d+\.[0-9a-z]+\.[A-Za-z0-9_-]+/)
  expect(renewLink.startsWith(`${BASE_URL}/renew/`)).toBe(true)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('renewing from the lapsed email', () => {
  it('on the browser the member signs in with, "Renew" signs them in and lands on the payment', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill(member.email)
    await page.getByLabel('Password').fill(member.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My account' }).waitFor()
    // weeks later the session is long over; the browser still remembers it signed in here
    await page.context().clearCookies({ name: 'payload-token' })
    expect(await signedInAs(page)).toBeUndefined()

    // opening the link (as a mail scanner would) shows what is due and signs nobody in
    await page.goto(renewLink)
    await page.getByRole('heading', { name: 'Renew your membership' }).waitFor()
    const details = await page.locator('main dl').textContent()
    expect(details).toContain('Renewable')
    expect(details).toContain('Lapsed')
    expect(details).toContain('£5.00')
    expect(await signedInAs(page)).toBeUndefined()
    await screenshot(page, 'renewal-link-01-page')

    await page.getByRole('button', { name: /^Renew \(£5\.00\)/ }).first().click()
    await page.waitForURL(/\/pay\/[a-z]+\/\d+$/)
    await page.getByText('£5.00').first().waitFor()
    expect(await signedInAs(page)).toBe(member.email)
    await screenshot(page, 'renewal-link-02-payment')
  })

  it('on another browser, "Renew" asks for the emailed code, which signs in and lands on the payment', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await page.goto(renewLink)
    await page.getByRole('button', { name: /^Renew \(£5\.00\)/ }).first().click()
    const status = page.locator('main').getByRole('status')
    await status.waitFor()
    expect(await status.textContent()).toMatch(/emailed a sign-in code to r•••@alliance\.example/)
    expect(await signedInAs(page)).toBeUndefined()
    await screenshot(page, 'renewal-link-03-code-asked')

    const code = await fromNewestMail(member.email, /sign-in link/i, /^\s*(\d{3} \d{3})\s*$/m)
    await page.getByLabel('Code from the email').fill(code)
    await page.getByRole('button', { name: 'Sign in and renew' }).click()
    await page.waitForURL(/\/pay\/[a-z]+\/\d+$/)
    expect(await signedInAs(page)).toBe(member.email)
    await screenshot(page, 'renewal-link-04-payment')
  })
})
