/**
 * A member who forgot their password (issue 12 point 15): they ask for a link on the member site,
 * read the email (written to EMAIL_DIR by the server), choose a new password on the member site's
 * own page (not /admin/reset), and sign in with it; a session opened before the reset ends.
 *
 * Registers its own member anonymously, so it needs no other file's accounts (it runs after
 * first-admin.e2e.spec.ts, which needs the empty database).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { simpleParser } from 'mailparser'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'

const MAIL_DIR = process.env.EMAIL_DIR ?? path.join(os.tmpdir(), 'hangar-e2e-mail')
const member = { email: `forgetful.${Date.now().toString(36)}@alliance.example`, password: 'Original-password-2026', firstName: 'Fay', lastName: 'Forgetful' }
const newPassword = 'Crosswind-landing-practice'

let browser: Browser

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL })
  return context.newPage()
}

/** The reset link in the newest email to `to` (the jobs queue sends it within a minute or two). */
async function resetLinkFor(to: string, timeoutMs = 200_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml')) : []
    for (const name of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(MAIL_DIR, name)))
      const recipients = JSON.stringify(mail.to ?? '')
      const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9%]+/.exec(mail.text ?? '')?.[0]
      if (recipients.includes(to) && link) return link
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  throw new Error(`no password reset email to ${to} in ${MAIL_DIR}`)
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('forgotten password on the member site', () => {
  it('asks for a link, sets a new password from the email, and signs in with it', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await page.goto('/')
    expect((await browserFetch(page, 'POST', '/api/users', { ...member, acceptPrivacyPolicy: true })).status).toBe(201)

    // a session opened before the reset, on another device
    const otherDevice = await newPage()
    await otherDevice.goto('/')
    expect((await browserFetch(otherDevice, 'POST', '/api/users/login', { email: member.email, password: member.password })).status).toBe(200)
    expect((await browserFetch(otherDevice, 'GET', '/api/users/me')).body.user?.email).toBe(member.email)

    await page.goto('/sign-in')
    await page.getByRole('link', { name: 'Forgotten your password?' }).click()
    await page.waitForURL(/\/forgot-password$/)
    await page.getByLabel('Email address').fill(member.email)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    const status = page.locator('main').getByRole('status')
    await status.waitFor()
    expect(await status.textContent()).toMatch(/If that email address has an account/)
    await screenshot(page, 'password-reset-01-requested')

    const link = await resetLinkFor(member.email)
    expect(link).toContain(`${BASE_URL}/reset-password/`)
    expect(link).not.toContain('/admin/')

    await page.goto(link)
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    // a common password is refused on the page
    await page.getByLabel('New password (12 characters or more)').fill('password1234')
    await page.getByLabel('New password again').fill('password1234')
    await page.getByRole('button', { name: 'Save my new password' }).click()
    // scoped to the form: Next.js's route announcer is an alert too
    const alert = page.locator('form').getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/too common/)

    await page.getByLabel('New password (12 characters or more)').fill(newPassword)
    await page.getByLabel('New password again').fill(newPassword)
    await page.getByRole('button', { name: 'Save my new password' }).click()
    await page.waitForURL(/\/sign-in\?reset=1/)
    await screenshot(page, 'password-reset-02-changed')

    await page.getByLabel('Email address').fill(member.email)
    await page.getByLabel('Password').fill(newPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My account' }).waitFor()

    // the session from before the reset has ended, and the old password no longer works
    expect((await browserFetch(otherDevice, 'GET', '/api/users/me')).body.user).toBeNull()
    expect((await browserFetch(otherDevice, 'POST', '/api/users/login', { email: member.email, password: member.password })).status).toBe(401)
  })
})
