/**
 * Signing in without a password (issue 17): a member asks for a sign-in link on the member site,
 * reads the email (written to EMAIL_DIR by the server), opens the link (which only shows a button),
 * presses "Sign in" and lands signed in; then, on a second browser context (another device), asks
 * again and types the emailed code instead. The profile lists both sign-ins.
 *
 * Registers its own member anonymously, so it needs no other file's accounts.
 */
import fs from 'node:fs'
import path from 'node:path'

import { simpleParser } from 'mailparser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { MAIL_DIR } from './helpers/mail'

const member = { email: `linked.${Date.now().toString(36)}@alliance.example`, password: 'Linked-member-password-2026', firstName: 'Lin', lastName: 'Linked' }

let browser: Browser

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL })
  return context.newPage()
}

type SignInMail = { link: string; code: string }

/** The newest sign-in email to `to` whose link is not one of `seen` (the jobs queue sends it within seconds). */
async function signInMailFor(to: string, seen: string[] = [], timeoutMs = 150_000): Promise<SignInMail> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml')).sort().reverse() : []
    for (const name of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(MAIL_DIR, name)))
      if (!JSON.stringify(mail.to ?? '').includes(to)) continue
      const link = /https?:\/\/\S+\/sign-in\/link\/[A-Za-z0-9_%-]+(\?\S+)?/.exec(mail.text ?? '')?.[0]
      const code = /^\s*(\d{3} \d{3})\s*$/m.exec(mail.text ?? '')?.[1]
      if (link && code && !seen.includes(link)) return { link, code }
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  throw new Error(`no sign-in email to ${to} in ${MAIL_DIR}`)
}

async function askForLink(page: Page) {
  await page.goto('/sign-in')
  await page.getByLabel('Your account’s email').fill(member.email)
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click()
  const status = page.locator('main').getByRole('status')
  await status.waitFor()
  expect(await status.textContent()).toMatch(/If that email address has an account/)
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('signing in by emailed link or code', () => {
  it('the link opens a page that changes nothing until "Sign in" is pressed, then signs in once', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await page.goto('/')
    expect((await browserFetch(page, 'POST', '/api/users', { ...member, acceptPrivacyPolicy: true })).status).toBe(201)

    await askForLink(page)
    await screenshot(page, 'sign-in-link-01-requested')
    const { link } = await signInMailFor(member.email)
    expect(link).toContain(`${BASE_URL}/sign-in/link/`)

    // opening it (as a mail scanner would, twice) only shows the button
    await page.goto(link)
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect((await browserFetch(page, 'GET', '/api/users/me')).body.user).toBeNull()
    await screenshot(page, 'sign-in-link-02-button')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My account' }).waitFor()
    expect((await browserFetch(page, 'GET', '/api/users/me')).body.user?.email).toBe(member.email)

    // used up: opened again, it says so
    const again = await newPage()
    await again.goto(link)
    await again.locator('main').getByRole('alert').waitFor()
    expect(await again.locator('main').getByRole('alert').textContent()).toMatch(/expired, has been used or was replaced/)
  })

  it('the code typed on another device signs in there', { timeout: 300_000 }, async () => {
    const first = await signInMailFor(member.email)
    const otherDevice = await newPage()
    await askForLink(otherDevice)
    const { code } = await signInMailFor(member.email, [first.link])

    await otherDevice.getByLabel('The email it was sent to').fill(member.email)
    await otherDevice.getByLabel('The 6-digit code').fill(code)
    await screenshot(otherDevice, 'sign-in-link-03-code')
    await otherDevice.getByRole('button', { name: 'Use the code' }).click()
    await otherDevice.getByRole('heading', { name: 'My account' }).waitFor()
    expect((await browserFetch(otherDevice, 'GET', '/api/users/me')).body.user?.email).toBe(member.email)

    // the profile lists both sign-ins
    await otherDevice.goto('/account/profile')
    const recent = otherDevice.getByRole('region', { name: 'Recent sign-ins' })
    await recent.waitFor()
    const text = await recent.textContent()
    expect(text).toContain('Emailed link')
    expect(text).toContain('Emailed code')
    await screenshot(otherDevice, 'sign-in-link-04-recent')
  })
})
