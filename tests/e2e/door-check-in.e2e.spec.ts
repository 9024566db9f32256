/**
 * At the door (issue 13, points 1 and 3): two members say they are going to a members' event on
 * the member site and get a QR ticket; the chair opens the event in the admin panel and checks
 * them in with the code read from those tickets (as a scanner types it, then Enter; and with the
 * button); then every link in the calendar feeds (a visitor's, a member's personal feed, one
 * event's .ics) opens a page for whoever may see it.
 *
 * It signs in as the superuser first-admin.e2e.spec.ts creates, which runs first (vitest.config.ts).
 */
import jsQR from 'jsqr'
import * as ical from 'node-ical'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'

/** The first admin, created by first-admin.e2e.spec.ts. */
const chair = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const members = [
  { email: 'dana.door@alliance.example', password: 'Dana-door-2026', firstName: 'Dana', lastName: 'Door' },
  { email: 'sam.scanner@alliance.example', password: 'Sam-scanner-2026', firstName: 'Sam', lastName: 'Scanner' },
] as const

const DAY = 86_400_000

let browser: Browser
const contexts: BrowserContext[] = []
let adminPage: Page
let chairId: number
let meeting: { id: number; title: string; slug: string }
let openDay: { id: number; title: string; slug: string }
/** Each member's signed-in page on the member site, with their RSVP and the code in its QR ticket. */
const going: { page: Page; rsvpId: number; ticket: string }[] = []

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

/** What a door scanner reads: the QR code in the ticket image on the member's page, decoded. */
async function readTicket(page: Page): Promise<string> {
  const image = await page.getByRole('img', { name: /Your ticket/ }).evaluate(async (node) => {
    const img = node as HTMLImageElement
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = img.naturalWidth
    canvas.height = img.naturalHeight
    const context = canvas.getContext('2d')!
    context.drawImage(img, 0, 0)
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height)
    return { width: pixels.width, height: pixels.height, data: Array.from(pixels.data) }
  })
  const code = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)
  expect(code, 'a readable QR code on the ticket').not.toBeNull()
  return code!.data
}

/** Console errors, uncaught exceptions and React's hydration complaints (minified #418/#423/#425 in production). */
function watchConsole(page: Page, expected?: RegExp): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    const line = `${message.type()}: ${message.text()}`
    if ((message.type() === 'error' || /hydrat|did not match|cannot contain a nested|cannot be a descendant/i.test(message.text())) && !expected?.test(line)) problems.push(line)
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  return problems
}

/** Every http(s) URL in a calendar: each event's URL property, and any other link in its text. */
async function urlsIn(calendar: string): Promise<{ summary: string; url: string }[]> {
  const events = Object.values(await ical.async.parseICS(calendar)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
  const found = events.map((event) => {
    const url = event.url as unknown as string | { val: string } | undefined
    return { summary: String(event.summary), url: typeof url === 'object' ? url.val : String(url) }
  })
  const unfolded = calendar.replace(/\r?\n[ \t]/g, '')
  for (const url of unfolded.match(/https?:\/\/[^\s",;\\]+/g) ?? []) if (!found.some((f) => f.url === url)) found.push({ summary: '', url })
  return found
}

/**
 * Opens each URL in a new tab of the given browser (its session, or none), following redirects:
 * a page, 200, naming the event, and not the sign-in page. (In the browser, not Playwright's
 * request API: the session cookie is Secure in production, which that API does not send to
 * http://localhost.)
 */
async function expectEveryUrlOpens(page: Page, calendar: string, expected: string[]) {
  const links = await urlsIn(calendar)
  expect(links.map((l) => l.summary)).toEqual(expect.arrayContaining(expected))
  const tab = await page.context().newPage()
  for (const { summary, url } of links) {
    expect(new URL(url).origin, url).toBe(new URL(BASE_URL).origin)
    const res = await tab.goto(url)
    expect(res?.status(), `${summary}: ${url}`).toBe(200)
    expect(new URL(tab.url()).pathname, `${url} sent the reader to sign in`).not.toBe('/sign-in')
    if (summary) await tab.getByRole('heading', { level: 1, name: summary }).waitFor()
  }
  await tab.close()
  return links
}

/** A text response fetched by the page itself, with its session. */
function browserText(page: Page, url: string): Promise<{ status: number; text: string }> {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'include' })
    return { status: res.status, text: await res.text() }
  }, url)
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (see vitest.config.ts).')
  browser = await launchBrowser()
  adminPage = await newPage()
  await adminPage.goto('/')
  chairId = (await ok(browserFetch(adminPage, 'POST', '/api/users/login', chair), 200)).user.id

  // two members with paid memberships (cash, recorded by the chair)
  const tier = (await ok(browserFetch(adminPage, 'POST', '/api/tiers', { name: 'Door crew', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  for (const person of members) {
    const user = (await ok(browserFetch(adminPage, 'POST', '/api/users', { ...person, roles: ['member'] }))).doc
    const membership = (await ok(browserFetch(adminPage, 'POST', '/api/memberships?depth=0', { member: user.id, tier: tier.id }))).doc
    await ok(browserFetch(adminPage, 'POST', '/api/payments?depth=0', { membership: membership.id, method: 'cash', amount: 500 }))
  }

  const startsAt = new Date(Date.now() + 10 * DAY).toISOString()
  meeting = (await ok(browserFetch(adminPage, 'POST', '/api/events?depth=0', { title: 'Hangar night: engines', startsAt, status: 'published', audience: 'members', capacity: 40, location: 'Hangar 1' }))).doc
  openDay = (await ok(browserFetch(adminPage, 'POST', '/api/events?depth=0', { title: 'Open day at the airfield', startsAt, status: 'published', audience: 'public', location: 'Apron' }))).doc
  expect(meeting.slug).toMatch(/^hangar-night-engines-/)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('checking in at the door with the ticket code', () => {
  it('each member says they are going on the member site and gets a QR ticket', async () => {
    for (const person of members) {
      const page = await newPage()
      await page.goto('/')
      await ok(browserFetch(page, 'POST', '/api/users/login', { email: person.email, password: person.password }), 200)
      await page.goto(`/events/${meeting.id}`)
      await page.getByRole('button', { name: 'I’m going' }).click()
      await page.getByTestId('my-reply').filter({ hasText: 'You’re going.' }).waitFor()
      const ticket = await readTicket(page)
      const rsvp = (await ok(browserFetch(page, 'GET', `/api/rsvps?where[event][equals]=${meeting.id}&depth=0`), 200)).docs[0]
      expect(ticket.startsWith(`${rsvp.id}.`)).toBe(true)
      going.push({ page, rsvpId: rsvp.id, ticket })
    }
  })

  it('the chair types a code and presses Enter, then uses the button: both are checked in, without a reload or a console error', async () => {
    const savedAt = (await ok(browserFetch(adminPage, 'GET', `/api/events/${meeting.id}?depth=0`), 200)).updatedAt
    const problems = watchConsole(adminPage)
    await adminPage.goto(`/admin/collections/events/${meeting.id}`)
    const panel = adminPage.locator('section[aria-labelledby="check-in"]')
    await panel.getByRole('heading', { name: 'Check-in (0 of 2 arrived)' }).waitFor()
    await adminPage.waitForLoadState('networkidle')
    // a reload (the bug: the nested form submitted the page) would lose this
    await adminPage.evaluate(() => ((window as unknown as { doorMark: string }).doorMark = 'same page'))

    const field = panel.getByLabel(/^Ticket code/)
    await field.fill(going[0]!.ticket)
    await field.press('Enter')
    await panel.getByRole('status').filter({ hasText: 'Dana Door checked in.' }).waitFor()
    await panel.getByRole('heading', { name: 'Check-in (1 of 2 arrived)' }).waitFor()
    expect(await panel.getByRole('row', { name: /Dana Door/ }).textContent()).toMatch(/Arrived \d\d:\d\d/)
    // ready for the next scan
    expect(await field.inputValue()).toBe('')
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true)

    await field.fill(going[1]!.ticket)
    await panel.getByRole('button', { name: 'Check in ticket' }).click()
    await panel.getByRole('status').filter({ hasText: 'Sam Scanner checked in.' }).waitFor()
    await panel.getByRole('heading', { name: 'Check-in (2 of 2 arrived)' }).waitFor()
    await screenshot(adminPage, '20-admin-door-check-in-by-ticket')

    expect(await adminPage.evaluate(() => (window as unknown as { doorMark?: string }).doorMark)).toBe('same page')
    for (const { rsvpId } of going) {
      const rsvp = (await ok(browserFetch(adminPage, 'GET', `/api/rsvps/${rsvpId}?depth=0`), 200))
      expect(rsvp.checkedInAt).toBeTruthy()
      expect(rsvp.checkedInBy).toBe(chairId)
    }
    // Enter in the code field no longer saves the event itself
    expect((await ok(browserFetch(adminPage, 'GET', `/api/events/${meeting.id}?depth=0`), 200)).updatedAt).toBe(savedAt)
    expect(problems).toEqual([])
  })

  it('tells the door in words when a ticket was already used or a code is not a ticket', async () => {
    // the refused check-ins are 400s, which Chromium logs as such; nothing else may be
    const problems = watchConsole(adminPage, /^error: Failed to load resource: the server responded with a status of 400 \(Bad Request\)$/)
    await adminPage.goto(`/admin/collections/events/${meeting.id}`)
    const panel = adminPage.locator('section[aria-labelledby="check-in"]')
    await panel.getByRole('heading', { name: 'Check-in (2 of 2 arrived)' }).waitFor()
    const field = panel.getByLabel(/^Ticket code/)

    await field.fill(going[0]!.ticket)
    await field.press('Enter')
    await panel.getByRole('alert').filter({ hasText: /^Dana Door was already checked in\. They arrived at \d\d:\d\d\.$/ }).waitFor()

    await field.fill(`${going[0]!.rsvpId}.not-the-real-signature`)
    await panel.getByRole('button', { name: 'Check in ticket' }).click()
    await panel.getByRole('alert').filter({ hasText: 'This code is not a valid ticket: scan it again or type it in full.' }).waitFor()

    await panel.getByRole('button', { name: 'Check in ticket' }).click()
    await panel.getByRole('alert').filter({ hasText: 'Type or scan the code from the ticket first.' }).waitFor()
    await screenshot(adminPage, '21-admin-door-check-in-refused')
    expect(problems).toEqual([])
  })
})

describe('calendar links open the event', () => {
  it('every URL in a visitor’s feed answers 200 to a visitor', async () => {
    const visitor = await newPage()
    const res = await fetch(`${BASE_URL}/api/events/ical`)
    expect(res.status).toBe(200)
    const links = await expectEveryUrlOpens(visitor, await res.text(), [openDay.title])
    expect(links.find((l) => l.summary === openDay.title)?.url).toBe(`${new URL(BASE_URL).origin}/events/${openDay.id}`)
    expect(links.map((l) => l.summary)).not.toContain(meeting.title)
  })

  it('every URL in a member’s personal feed (from their account page) answers 200 in their browser, and one event’s .ics too', async () => {
    const { page } = going[0]!
    await page.goto('/account')
    const feedLink = (await page.locator('code', { hasText: '/api/events/ical?token=' }).textContent())!.trim()
    // a calendar app fetches the feed without a session
    const feed = await fetch(feedLink)
    expect(feed.status).toBe(200)
    await expectEveryUrlOpens(page, await feed.text(), [meeting.title, openDay.title])

    await page.goto(`/events/${meeting.id}`)
    const ics = await browserText(page, (await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href'))!)
    expect(ics.status).toBe(200)
    const links = await expectEveryUrlOpens(page, ics.text, [meeting.title])
    expect(links).toHaveLength(1)
  })

  it('an event’s slug opens its page too, and a members’ link followed while signed out asks to sign in first', async () => {
    const { page } = going[0]!
    const bySlug = await page.goto(`/events/${meeting.slug}`)
    expect(bySlug?.status()).toBe(200)
    expect(new URL(page.url()).pathname).toBe(`/events/${meeting.id}`)
    await page.getByRole('heading', { name: meeting.title }).waitFor()

    const signedOut = await newPage()
    await signedOut.goto(`/events/${meeting.id}`)
    await signedOut.waitForURL(/\/sign-in\?next=/)
    await signedOut.getByLabel('Email address').fill(members[1].email)
    await signedOut.getByLabel('Password').fill(members[1].password)
    await signedOut.getByRole('button', { name: 'Sign in' }).click()
    await signedOut.waitForURL((url) => url.pathname === `/events/${meeting.id}`)
    await signedOut.getByRole('heading', { name: meeting.title }).waitFor()

    expect((await signedOut.goto('/events/no-such-event'))?.status()).toBe(404)
  })
})
