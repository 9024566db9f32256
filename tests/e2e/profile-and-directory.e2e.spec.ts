/**
 * A member's own data on the member site (issue 15, points 1 and 4), in Chromium against the
 * production build: a member edits their details, uploads a photo, opts into the directory and
 * another member finds them there with only what they chose to show; an email change takes
 * effect only from the link sent to the new address, after pressing "Confirm".
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { AxeBuilder } from '@axe-core/playwright'
import jsQR from 'jsqr'
import { simpleParser } from 'mailparser'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok, signIn } from './helpers/session'

const MAIL_DIR = process.env.EMAIL_DIR ?? path.join(os.tmpdir(), 'hangar-e2e-mail')
const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const pia = { email: 'pia.profile@alliance.example', password: 'Profile-member-2026', firstName: 'Pia', lastName: 'Profile' }
const STAFF_NOTE = 'Holds the spare hangar key'
const finn = { email: 'finn.finder@alliance.example', password: 'Finder-member-2026', firstName: 'Finn', lastName: 'Finder' }

let browser: Browser
const contexts: BrowserContext[] = []

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  return context.newPage()
}

async function seriousProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('main').analyze()
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** The newest link of `pattern` in an email to `to` (the jobs queue sends it within a minute or two). */
async function linkIn(to: string, pattern: RegExp, timeoutMs = 200_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml')) : []
    for (const name of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(MAIL_DIR, name)))
      const link = pattern.exec(mail.text ?? '')?.[0]
      if (JSON.stringify(mail.to ?? '').includes(to) && link) return link
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
  throw new Error(`no email to ${to} with ${pattern} in ${MAIL_DIR}`)
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  const admin = await newPage()
  await signIn(admin, superuser)
  const tier = (await ok(browserFetch(admin, 'POST', '/api/tiers', { name: 'Airside', fee: 3000, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  // custom member fields, defined by the admin: one the member fills in and may show in the
  // directory, a required choice, and a note only the staff see
  await ok(browserFetch(admin, 'POST', '/api/member-fields', { label: 'Pilot licence number', type: 'text', directoryEligible: true, order: 1 }))
  await ok(browserFetch(admin, 'POST', '/api/member-fields', { label: 'Main interest', key: 'interest', type: 'choice', required: true, order: 2, options: [{ label: 'Flying', value: 'flying' }, { label: 'Engineering', value: 'engineering' }] }))
  await ok(browserFetch(admin, 'POST', '/api/member-fields', { label: 'Committee note', type: 'text', visibleTo: 'staff', order: 3 }))
  for (const person of [pia, finn]) {
    const account = (await ok(browserFetch(admin, 'POST', '/api/users', { ...person, roles: ['member'] }))).doc
    await ok(browserFetch(admin, 'PATCH', `/api/users/${account.id}`, { customFields: { committee_note: STAFF_NOTE } }), 200)
    const membership = (await ok(browserFetch(admin, 'POST', '/api/memberships?depth=0', { member: account.id, tier: tier.id }))).doc
    await ok(browserFetch(admin, 'POST', '/api/payments?depth=0', { membership: membership.id, method: 'cash', amount: 3000 }))
  }
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('profile and directory', () => {
  it('a member edits their details and photo, opts into the directory, and another member finds them', { timeout: 120_000 }, async () => {
    const page = await newPage()
    await signIn(page, pia)
    await page.goto('/account')
    await page.getByRole('link', { name: 'Change my details or email address' }).click()
    await page.getByRole('heading', { name: 'My profile' }).waitFor()

    await page.getByLabel('Phone (optional)').fill('029 2018 0101')
    await page.getByLabel('Town or city (optional)').fill('Cardiff')
    // the custom fields the admin defined
    await page.getByLabel('Pilot licence number (optional)').fill('GB-PPL-42')
    await page.getByLabel('Main interest').selectOption({ label: 'Flying' })
    await page.getByRole('button', { name: 'Save my details' }).click()
    await page.getByText('Your details are saved.').waitFor()
    await page.reload()
    expect(await page.getByLabel('Pilot licence number (optional)').inputValue()).toBe('GB-PPL-42')
    expect(await page.getByLabel('Main interest').inputValue()).toBe('flying')
    // a field only the staff see is not on the member's page, not even in what the page loads
    expect(await page.content()).not.toContain(STAFF_NOTE)

    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2f6f4f' } })
      .jpeg()
      .toBuffer()
    await page.getByLabel(/Add a photo/).setInputFiles({ name: 'pia.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.getByRole('button', { name: 'Upload photo' }).click()
    await page.getByText('Your photo is saved.').waitFor()
    const portrait = page.getByRole('img', { name: 'Photo of Pia Profile' })
    await portrait.waitFor()
    // the image element appears before its file has arrived: wait for it to load, then measure it
    await expect.poll(() => portrait.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(512)

    for (const field of ['Name', 'Phone', 'Photo', 'Pilot licence number']) await page.getByRole('checkbox', { name: field, exact: true }).check()
    await page.getByRole('button', { name: 'Save my directory choices' }).click()
    await page.getByText('Your directory choices are saved.').waitFor()
    expect(await seriousProblems(page)).toEqual([])
    await screenshot(page, 'profile-01-profile-page')

    const finder = await newPage()
    await signIn(finder, finn)
    await finder.goto('/directory')
    await finder.getByRole('searchbox', { name: 'Name or organisation' }).fill('profile')
    await finder.getByRole('button', { name: 'Search' }).click()
    await finder.waitForURL(/search=profile/)
    const cards = finder.getByTestId('directory-card')
    expect(await cards.count()).toBe(1)
    const card = cards.first()
    expect(await card.getByText('Pia Profile').isVisible()).toBe(true)
    expect(await card.getByRole('link', { name: /2018/ }).isVisible()).toBe(true)
    expect(await card.textContent()).not.toContain(pia.email)
    expect(await card.textContent()).toContain('Pilot licence number:GB-PPL-42')
    expect(await card.textContent()).not.toContain(STAFF_NOTE)
    await expect.poll(() => card.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(512)
    expect(await seriousProblems(finder)).toEqual([])
    await screenshot(finder, 'profile-02-directory-search')
  })

  it('an admin sees and changes the person’s custom fields on their page in the admin panel', { timeout: 120_000 }, async () => {
    const admin = await newPage()
    await admin.goto('/admin/login')
    await admin.locator('#field-email').fill(superuser.email)
    await admin.locator('#field-password').fill(superuser.password)
    await admin.locator('form').getByRole('button', { name: /log ?in/i }).click()
    await admin.waitForURL((url) => url.pathname === '/admin')
    const person = (await ok(browserFetch(admin, 'GET', `/api/users?where[email][equals]=${encodeURIComponent(pia.email)}&depth=0`), 200)).docs[0]

    await admin.goto(`/admin/collections/users/${person.id}`)
    const custom = admin.locator('[data-hangar-component="CustomFieldsField"]')
    // what the member filled in, and the staff-only note, each as its type says
    const licence = custom.getByLabel('Pilot licence number')
    await licence.waitFor()
    expect(await licence.inputValue()).toBe('GB-PPL-42')
    expect(await custom.getByLabel('Main interest').inputValue()).toBe('flying')
    expect(await custom.getByLabel('Committee note').inputValue()).toBe(STAFF_NOTE)
    expect(await custom.textContent()).toContain('Seen by: staff only')

    await licence.fill('GB-PPL-43')
    await custom.getByLabel('Main interest').selectOption({ label: 'Engineering' })
    await custom.getByLabel('Committee note').fill('Returned the spare hangar key')
    await screenshot(admin, 'profile-03-admin-custom-fields')
    await admin.locator('#action-save').click()
    await admin.getByText(/updated successfully/i).first().waitFor()
    const stored = await ok(browserFetch(admin, 'GET', `/api/users/${person.id}?depth=0`), 200)
    expect(stored.customFields).toMatchObject({ pilot_licence_number: 'GB-PPL-43', interest: 'engineering', committee_note: 'Returned the spare hangar key' })

    // a choice that is not offered is refused by the server, named, and nothing is saved
    const refused = await browserFetch(admin, 'PATCH', `/api/users/${person.id}`, { customFields: { ...stored.customFields, interest: 'gliding' } })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toMatch(/Main interest/)
    await admin.reload()
    expect(await custom.getByLabel('Main interest').inputValue()).toBe('engineering')

    // put back what the member chose, for the tests after this one
    await ok(browserFetch(admin, 'PATCH', `/api/users/${person.id}`, { customFields: { ...stored.customFields, pilot_licence_number: 'GB-PPL-42', interest: 'flying', committee_note: STAFF_NOTE } }), 200)
  })

  it('the portal shows a membership card whose QR code verifies, downloads it as a PDF, and downloads the member’s data', { timeout: 120_000 }, async () => {
    const page = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 }, acceptDownloads: true }).then((context) => {
      contexts.push(context)
      return context.newPage()
    })
    await signIn(page, pia)
    await page.goto('/account')
    const card = page.getByTestId('membership-card')
    await card.waitFor()
    expect(await card.textContent()).toContain('Pia Profile')
    await screenshot(page, 'profile-04-membership-card')

    // the QR code as a phone camera would read it
    const shot = await card.getByRole('img', { name: /QR code/ }).screenshot()
    const { data, info } = await sharp(shot).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const link = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data
    expect(link).toMatch(/\/verify\?token=/)
    const door = await newPage()
    await door.goto(new URL(link!).pathname + new URL(link!).search)
    expect(await door.getByTestId('card-verdict').textContent()).toMatch(/^Valid member until \d{1,2} \w+ \d{4}$/)
    expect(await door.textContent('main')).not.toContain('Pia')

    const [pdf] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Download card (PDF)' }).click()])
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const [export_] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()])
    const mine = JSON.parse(fs.readFileSync((await export_.path())!, 'utf8'))
    const text = JSON.stringify(mine)
    expect(text).toContain(pia.email)
    expect(text).toContain('Airside')
    expect(text).not.toContain(finn.email)
    expect(text).not.toMatch(/"(hash|salt)"/)
    expect(mine.profile.photo).toMatchObject({ mimeType: 'image/jpeg' })
  })

  it('an email change waits for the new address to confirm it; the link shows a button, and pressing it moves the account', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await signIn(page, finn)
    await page.goto('/account/profile')
    const next = `finn.moved.${Date.now().toString(36)}@alliance.example`
    await page.getByLabel('New email address').fill(next)
    await page.getByRole('button', { name: 'Send me a confirmation link' }).click()
    await page.getByText(`We have sent a link to ${next}.`).waitFor()

    const link = await linkIn(next, /https?:\/\/\S+\/account\/confirm-email\/[A-Za-z0-9_-]+/)
    const other = await newPage()
    await other.goto(new URL(link).pathname)
    await other.getByRole('button', { name: `Confirm ${next}` }).waitFor()
    // opening the link changed nothing: the old address still signs in
    await signIn(await newPage(), finn)
    await screenshot(other, 'profile-03-confirm-email')
    await other.getByRole('button', { name: `Confirm ${next}` }).click()
    await other.getByText(`your account's email address is now ${next}`).waitFor()
    await signIn(await newPage(), { email: next, password: finn.password })
    const again = await newPage()
    await again.goto(new URL(link).pathname)
    await again.getByText(/This link has expired, has been used/).waitFor()
  })
})
