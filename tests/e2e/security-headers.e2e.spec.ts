/**
 * Security headers in a real browser, against the production build (issue 12 point 14): every
 * page has a Content Security Policy with a fresh nonce, and the member site (home, sign-in, the
 * join form, Square's card form) and the admin panel (sign-in, dashboard, lists, an edit form)
 * work under it with no violation reported. Signs in as the superuser first-admin.e2e.spec.ts
 * creates (e2e files run in name order).
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, launchBrowser, screenshot } from './helpers/browser'
import { verificationLinkFor } from './helpers/mail'
import { useSquareSdkDouble } from './helpers/square-sdk-double'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }

let browser: Browser
const contexts: BrowserContext[] = []

/** A page that records every CSP violation, from the browser's console and from the DOM event. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  const violations: string[] = []
  await context.exposeFunction('__reportCspViolation', (text: string) => violations.push(text))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      ;(window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  return { page, violations }
}

/** The page's policy, and that every script tag it was served with carries the policy's nonce. */
async function expectNoncedPolicy(page: Page, response: Response | null, kind: 'site' | 'admin') {
  expect(response?.status()).toBeLessThan(400)
  const headers = response!.headers()
  const policy = headers['content-security-policy'] ?? ''
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
  expect(nonce, policy).toBeTruthy()
  expect(policy).toMatch(/frame-ancestors 'none'/)
  expect(policy).toMatch(/object-src 'none'/)
  if (kind === 'site') expect(policy).toMatch(/squarecdn\.com/)
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['permissions-policy']).toMatch(/camera=\(\)/)
  // the script tags the server sent (scripts added later by a nonced script are trusted through
  // 'strict-dynamic' and carry no nonce, so the live DOM is not what to check)
  const html = await response!.text()
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? []
  expect(scriptTags.length).toBeGreaterThan(0)
  for (const tag of scriptTags) expect(/\bnonce="([^"]*)"/.exec(tag)?.[1], tag).toBe(nonce)
  return nonce!
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('member site under its Content Security Policy', () => {
  it('home, sign-in and the join form have a nonce policy, a new nonce each time, and work with no violation', async () => {
    const { page, violations } = await watchedPage()
    const first = await expectNoncedPolicy(page, await page.goto('/'), 'site')
    const again = await expectNoncedPolicy(page, await page.reload(), 'site')
    expect(again).not.toBe(first)

    await expectNoncedPolicy(page, await page.goto('/sign-in'), 'site')
    await page.getByLabel('Email address').fill(superuser.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('form').getByRole('alert').waitFor() // the form's script ran

    await expectNoncedPolicy(page, await page.goto('/tiers'), 'site')
    await page.getByRole('link', { name: 'Join: Personal' }).click()
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await screenshot(page, '20-join-under-csp')
    expect(violations).toEqual([])

    const api = await page.request.get('/api/health')
    expect(api.headers()['x-content-type-options']).toBe('nosniff')
    expect(api.headers()['content-security-policy']).toBeUndefined()
  })

  it("Square's card form loads its SDK and draws the card field under the policy", async () => {
    const { page, violations } = await watchedPage()
    await useSquareSdkDouble(page)
    await page.goto('/tiers')
    await page.getByRole('link', { name: 'Join: Personal' }).click()
    await page.getByLabel('First name').fill('Cy')
    await page.getByLabel('Last name').fill('Policy')
    await page.getByLabel('Email address').fill('cy.policy@alliance.example')
    await page.getByLabel(/Choose a password/).fill('Policy-password-2026')
    await page.getByLabel(/accept the privacy policy/).check()
    await page.getByRole('button', { name: 'Create account and continue' }).click()
    await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor()
    await page.goto(await verificationLinkFor('cy.policy@alliance.example'))
    await page.getByRole('button', { name: 'Confirm cy.policy@alliance.example' }).click()
    await page.getByRole('link', { name: 'Continue joining' }).click()
    await page.getByRole('heading', { name: 'Your details' }).waitFor()
    await page.getByLabel('Card (Square)').check()
    await page.getByLabel('Address line 1').fill('1 Runway Road')
    await page.getByRole('button', { name: 'Continue to payment' }).click()
    await page.getByRole('heading', { name: 'Pay by card' }).waitFor()
    await page.getByLabel('Card number').waitFor() // drawn by the SDK the page's script added
    await screenshot(page, '21-square-card-form-under-csp')
    expect(violations).toEqual([])
  })
})

describe('admin panel under its Content Security Policy', () => {
  it('signs in, shows the dashboard, a list and an edit form, with no violation', async () => {
    const { page, violations } = await watchedPage()
    await expectNoncedPolicy(page, await page.goto('/admin/login'), 'admin')
    await page.locator('#field-email').fill(superuser.email)
    await page.locator('#field-password').fill(superuser.password)
    await page.getByRole('button', { name: /login/i }).click()
    await page.waitForURL((url) => url.pathname === '/admin')
    await page.getByRole('heading', { name: /people/i }).first().waitFor()

    await expectNoncedPolicy(page, await page.goto('/admin/collections/events'), 'admin')
    await page.getByRole('heading', { name: /events/i }).first().waitFor()
    await page.goto('/admin/collections/events/create')
    await page.locator('#field-title').fill('Fly-in under a policy')
    await page.locator('#field-title').waitFor()
    await page.goto('/admin/collections/media/create')
    await page.locator('#field-alt').waitFor()
    await screenshot(page, '22-admin-under-csp')
    expect(violations).toEqual([])
  })
})
