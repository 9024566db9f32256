/**
 * The member site's own 404 and titles (issue 13, point 12), in Chromium against the production
 * build: an address nobody serves and an event that does not exist answer 404 with the site's
 * page (its header, a way home), the site has its icon, and each page's title names what it
 * shows ("<event title> · <organisation>"), with nothing on the console.
 *
 * It signs in as the superuser first-admin.e2e.spec.ts creates, which runs first (vitest.config.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'

const chair = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const DAY = 86_400_000
/** What Chromium logs for a page (or anything) answered with a 404: expected on the 404 pages. */
const NOT_FOUND_LOG = /^error: Failed to load resource: the server responded with a status of 404 \(Not Found\)$/

let browser: Browser
const contexts: BrowserContext[] = []
let organisation: string
let event: { id: number; title: string; slug: string }
let tier: { id: number; name: string }

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

/** Console errors, uncaught exceptions and React's hydration complaints. */
function watchConsole(page: Page, expected?: RegExp): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    const line = `${message.type()}: ${message.text()}`
    if ((message.type() === 'error' || /hydrat|did not match/i.test(message.text())) && !expected?.test(line)) problems.push(line)
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  return problems
}

/** The site's 404: status, its heading and the site's header and links home. */
async function expectSiteNotFound(page: Page, path: string, title = 'Page not found') {
  const response = await page.goto(path)
  expect(response?.status(), path).toBe(404)
  expect(new URL(page.url()).pathname, `${path} was redirected`).toBe(path)
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: organisation }).waitFor()
  await page.getByRole('link', { name: 'Go to the home page' }).waitFor()
  await page.getByRole('link', { name: 'See upcoming events' }).waitFor()
  expect(await page.title()).toBe(`${title} · ${organisation}`)
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (see vitest.config.ts).')
  browser = await launchBrowser()
  const page = await newPage()
  await page.goto('/')
  await ok(browserFetch(page, 'POST', '/api/users/login', chair), 200)
  organisation = (await ok(browserFetch(page, 'GET', '/api/globals/settings?depth=0'), 200)).organisationName || 'Hangar'
  event = (
    await ok(
      browserFetch(page, 'POST', '/api/events?depth=0', {
        title: 'Fly-in breakfast at the tower',
        startsAt: new Date(Date.now() + 12 * DAY).toISOString(),
        status: 'published',
        audience: 'public',
        location: 'Tower café',
      }),
    )
  ).doc
  tier = (await ok(browserFetch(page, 'POST', '/api/tiers', { name: 'Hangar neighbours', fee: 1200, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: true }))).doc
  await page.context().close()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('the member site’s 404', () => {
  it('an address nobody serves is the site’s own page, status 404, with a way back', async () => {
    const page = await newPage()
    const problems = watchConsole(page, NOT_FOUND_LOG)
    await expectSiteNotFound(page, '/no-such-page')
    await expectSiteNotFound(page, '/events/2026/annual-dinner')
    await screenshot(page, '30-site-not-found')
    await page.getByRole('link', { name: 'See upcoming events' }).click()
    await page.waitForURL('**/events')
    await page.getByRole('link', { name: event.title }).waitFor()
    expect(problems).toEqual([])
  })

  it('signed in, an event that does not exist is the same 404; signed out, any event address asks to sign in (whether it exists is not told), never a 500', async () => {
    const page = await newPage()
    const problems = watchConsole(page, NOT_FOUND_LOG)
    for (const path of ['/events/999999', '/events/not-an-id', '/events/99999999999999']) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(200)
      const url = new URL(page.url())
      expect(url.pathname, path).toBe('/sign-in')
      expect(url.searchParams.get('next'), path).toBe(path)
    }
    for (const path of ['/events/not%20an%20event!', `/events/${'9'.repeat(400)}`]) await expectSiteNotFound(page, path, 'Event not found')
    await page.goto('/')
    await ok(browserFetch(page, 'POST', '/api/users/login', chair), 200)
    for (const path of ['/events/999999', '/events/not-an-id']) await expectSiteNotFound(page, path, 'Event not found')
    await expectSiteNotFound(page, '/join/999999', 'Tier not found')
    expect(problems).toEqual([])
  })
})

describe('icon and titles', () => {
  it('the site links its icon in <head> and serves it as an image, with /favicon.ico too; the admin panel keeps its own', async () => {
    const page = await newPage()
    await page.goto('/')
    const href = await page.locator('head link[rel="icon"]').first().getAttribute('href')
    expect(href).toMatch(/^\/icon[^/]*\.svg/)
    const response = await page.request.get(href!)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toMatch(/^image\/svg\+xml/)
    expect(await response.text()).toMatch(/<svg[\s>]/)

    // browsers and feed readers that ask for /favicon.ico without reading <head> get the same mark
    const ico = await page.request.get('/favicon.ico')
    expect(ico.status()).toBe(200)
    expect(ico.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/)
    expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0])

    await page.goto('/admin/login')
    const adminIcons = await page.locator('head link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')))
    expect(adminIcons.length).toBeGreaterThan(0)
    for (const icon of adminIcons) expect(icon).not.toBe(href)
  })

  it('each page’s title names what it shows, the event’s page its title, with no console error', async () => {
    const page = await newPage()
    const problems = watchConsole(page)
    const titleOf = async (path: string) => {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(200)
      return page.title()
    }
    expect(await titleOf('/')).toBe(organisation)
    expect(await titleOf('/tiers')).toBe(`Membership tiers · ${organisation}`)
    expect(await titleOf('/events')).toBe(`Events · ${organisation}`)
    expect(await titleOf(`/events/${event.id}`)).toBe(`${event.title} · ${organisation}`)
    await page.getByRole('heading', { level: 1, name: event.title }).waitFor()
    // by slug: redirected to the id, same title
    expect(await titleOf(`/events/${event.slug}`)).toBe(`${event.title} · ${organisation}`)
    expect(await titleOf(`/join/${tier.id}`)).toBe(`Join: ${tier.name} · ${organisation}`)
    expect(await titleOf('/sign-in')).toBe(`Sign in · ${organisation}`)

    await ok(browserFetch(page, 'POST', '/api/users/login', chair), 200)
    expect(await titleOf('/account')).toBe(`My account · ${organisation}`)
    expect(await titleOf('/notices')).toBe(`Notices · ${organisation}`)
    expect(await titleOf('/documents')).toBe(`Documents · ${organisation}`)
    expect(await titleOf('/volunteering')).toBe(`Volunteering · ${organisation}`)
    expect(await titleOf(`/events/${event.id}`)).toBe(`${event.title} · ${organisation}`)
    expect(problems).toEqual([])
  })
})
