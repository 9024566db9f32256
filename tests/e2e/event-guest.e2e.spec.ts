/**
 * Guests and proposals on the member site (issue 19, point 9): a visitor registers for a free public
 * event from its page by name and email, opens the emailed link, confirms, and sees (and is emailed)
 * the confirmation; a member proposes an event from the member site and sees it waiting.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */

import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok, signIn } from './helpers/session'
import { newestMail } from './helpers/mail'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const stamp = Date.now().toString(36)
const visitor = { name: 'Gale Guest', email: `gale.${stamp}@example.org` }
const member = { email: `pat.proposer.${stamp}@alliance.example`, password: 'Proposer-pass-2026', firstName: 'Pat', lastName: 'Proposer' }

let browser: Browser
const contexts: BrowserContext[] = []
let eventId: number
const eventTitle = `Open hangar day ${stamp}`

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  const admin = await newPage()
  await signIn(admin, superuser)
  const startsAt = new Date(Date.now() + 20 * 86_400_000).toISOString()
  eventId = (
    await ok(
      browserFetch(admin, 'POST', '/api/events?depth=0', {
        title: eventTitle,
        startsAt,
        status: 'published',
        audience: 'public',
        capacity: 30,
        location: 'Hangar 4',
        questions: [{ key: 'diet', label: 'Dietary needs', kind: 'text', required: false }],
      }),
    )
  ).doc.id
  await ok(browserFetch(admin, 'POST', '/api/users', { ...member, roles: ['member'] }))
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('a visitor registers for a public event by email', () => {
  it('fills the form on the event page, confirms by the emailed link, and sees the confirmation', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await page.goto(`/events/${eventId}`)
    const form = page.getByTestId('guest-registration')
    await form.waitFor()
    await page.getByLabel('Your name').fill(visitor.name)
    await page.getByLabel('Your email').fill(visitor.email.toUpperCase())
    await page.getByLabel(/Dietary needs/).fill('Vegetarian')
    // the honeypot is there, off-screen
    expect((await page.locator('input[name="website"]').boundingBox())!.x).toBeLessThan(0)
    await page.getByRole('button', { name: 'Register by email' }).click()
    await expect.poll(async () => (await page.getByTestId('guest-check-email').textContent()) ?? '', { timeout: 30_000 }).toMatch(/Check your email/)

    const request = await newestMail(visitor.email, { subject: /Confirm your place/ })
    const link = new RegExp(`${BASE_URL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/events/guest/[A-Za-z0-9_.%-]+`).exec(request.text ?? '')?.[0]
    expect(link, request.text).toBeTruthy()

    // opening the link changes nothing (a mail scanner may have opened it); the button registers
    const confirmPage = await newPage()
    await confirmPage.goto(link!)
    await confirmPage.getByText(eventTitle).first().waitFor()
    await confirmPage.getByRole('button', { name: 'Confirm my registration' }).click()
    const outcome = confirmPage.getByTestId('guest-outcome')
    await outcome.waitFor({ timeout: 30_000 })
    expect(await outcome.textContent()).toMatch(/You are registered for Open hangar day/)
    await screenshot(confirmPage, 'event-guest-confirmed')

    const confirmation = await newestMail(visitor.email, { subject: /Registered:/ })
    expect(confirmation.text).toMatch(/you are going for Open hangar day/)
    expect(confirmation.text).toMatch(/\/events\/guest\/cancel\//)
    // the place is taken once, however often the link's page is pressed again
    await confirmPage.goto(link!)
    await confirmPage.getByRole('button', { name: 'Confirm my registration' }).click()
    await confirmPage.getByTestId('guest-outcome').waitFor({ timeout: 30_000 })
    const event = await (await fetch(`${BASE_URL}/api/events/${eventId}?depth=0`)).json()
    expect(event.placesTaken).toBe(1)
  })
})

describe('a member proposes an event from the member site', () => {
  it('finds the form from the events page, sends a proposal and sees it waiting for the organisers', { timeout: 120_000 }, async () => {
    const page = await newPage()
    await signIn(page, member)
    await page.goto('/events')
    await page.getByRole('link', { name: 'Propose an event' }).click()
    await page.waitForURL(/\/events\/propose/)
    await page.getByLabel('Title').fill(`Winter flying talk ${stamp}`)
    await page.getByLabel('Type').selectOption('meeting')
    await page.getByLabel('Starts').fill('2030-01-15T19:00')
    await page.getByLabel('Location').fill('Clubhouse')
    await page.getByLabel('Summary').fill('Flying safely in winter.')
    await page.getByRole('button', { name: 'Send the proposal' }).click()
    await page.waitForURL(/sent=proposed/)
    const mine = page.getByTestId('my-proposals')
    await mine.waitFor()
    expect(await mine.textContent()).toMatch(new RegExp(`Winter flying talk ${stamp}.*Waiting for the organisers`))
  })
})
