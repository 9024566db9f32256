/**
 * A newcomer's first hour (issue 13: the "Tests" section and point 9), in Chromium against the
 * production build, at 1280×800 and at 390×844: every member page as a visitor and as each demo
 * account, and every admin view that holds one of our own components as the demo staff. On each
 * page: no console errors, page errors or React hydration warnings; axe finds nothing serious or
 * critical (the whole page on the member site; inside our components, found by their
 * data-hangar-component marker, in the admin panel); and a full-page screenshot is saved to
 * test-results/first-hour/<size>/<account>-<page>.png. What axe finds in Payload's own admin markup
 * is out of scope: it is printed (rule, impact, node count) and written to
 * test-results/first-hour/axe-payload-admin.json, not asserted.
 *
 * The demo data needs a database without accounts, which the other e2e files' database is not
 * (first-admin.e2e.spec.ts creates the first one there): this file starts a production server of
 * its own, on E2E port + 1 with the database <E2E database>_demo, migrated and seeded with
 * `npm run seed`, and stops it afterwards (scripts/lib/e2e-server.mjs).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { AxeBuilder } from '@axe-core/playwright'
import pg from 'pg'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEMO_ACCOUNTS } from '@/seed/demo'

import { dropDatabase, freshMigratedDatabase, runOrThrow, startServer } from '../../scripts/lib/e2e-server.mjs'
import { browserFetch, launchBrowser } from './helpers/browser'
// (renamed: a test helper, not a React hook, whatever its name says)
import { useSquareSdkDouble as serveSquareSdkDouble } from './helpers/square-sdk-double'

const SIZES = [
  { name: '1280x800', viewport: { width: 1280, height: 800 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
] as const
type Size = (typeof SIZES)[number]

const OUT = path.resolve('test-results/first-hour')
const account = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!
const ADMIN = account('admin@hangar.test')
const MEMBER = account('member@hangar.test')
const VOLUNTEERS = account('volunteers@hangar.test')

/** Where each visit goes, and what to wait for before looking at it. */
type Visit = {
  name: string
  path: () => string
  /** the member site (axe on the whole page) or the admin panel (axe inside our components) */
  area: 'site' | 'admin'
  /** our admin components that must be on this page */
  components?: string[]
  /** something on the page once its data has loaded */
  ready?: (page: Page) => Promise<unknown>
  /** the card form's page loads Square's SDK, which tests answer with a double */
  squareSdk?: boolean
}

/** What the tours need from the demo data, looked up once through the API. */
const ids = {
  personalTier: 0,
  towerVisit: 0,
  application: 0,
  refundedPayment: 0,
  declinedDummyPayment: 0,
  failedEvent: 0,
  emailTemplate: 0,
  upcomingShift: 0,
  pastShift: 0,
  memberReceipt: 0,
  memberSquarePayment: 0,
}

let server: Awaited<ReturnType<typeof startServer>> | undefined
let baseUrl = ''
let demoDatabaseUrl = ''
let browser: Browser
const contexts: BrowserContext[] = []
/** axe's findings in Payload's own admin markup: rule → impact, pages and nodes */
const payloadFindings = new Map<string, { impact: string; help: string; pages: Set<string>; nodes: number }>()
const screenshots: string[] = []

/**
 * Messages that are not ours, each with the proof. Payload's JSON field (the payment event's
 * `payload`) edits with Monaco, which @monaco-editor/loader fetches from cdn.jsdelivr.net at run
 * time; tests have no internet (the request is refused below so it fails at once), and the loader
 * then logs its failure and rejects with a bare DOM Event (a page error whose message is "Event").
 */
const MONACO_CDN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/monaco-editor@/
const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /^Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|FAILED)$/, why: 'the Monaco CDN request refused below (checked by URL in openAs)' },
  { pattern: /^Monaco initialization: error:/, why: 'Payload’s JSON field reporting that Monaco could not load from its CDN' },
]

const heading = (page: Page, name?: string | RegExp) => page.getByRole('heading', { level: 1, ...(name ? { name } : {}) }).first().waitFor()

const site = (name: string, to: string | (() => string), ready?: Visit['ready'], extra: Partial<Visit> = {}): Visit => ({
  name,
  path: typeof to === 'string' ? () => to : to,
  area: 'site',
  ready: ready ?? ((page) => heading(page)),
  ...extra,
})

const admin = (name: string, to: () => string, components: string[], ready?: Visit['ready']): Visit => ({
  name,
  path: to,
  area: 'admin',
  components,
  ready: async (page) => {
    for (const component of components) await page.locator(`[data-hangar-component="${component}"]`).first().waitFor()
    await ready?.(page)
  },
})

/** The member site every visitor sees. */
const publicPages: Visit[] = [
  site('home', '/'),
  site('tiers', '/tiers'),
  site('join-personal', () => `/join/${ids.personalTier}`),
  site('events', '/events', (page) => page.getByTestId('event').first().waitFor()),
  site('event-tower-visit', () => `/events/${ids.towerVisit}`, (page) => heading(page, /control tower visit/)),
  site('notices', '/notices'),
  site('documents', '/documents'),
]

const tours: { account: string; signIn?: { email: string; password: string }; visits: Visit[] }[] = [
  {
    account: 'visitor',
    visits: [...publicPages, site('sign-in', '/sign-in'), site('forgot-password', '/forgot-password'), site('reset-password', '/reset-password/a-link-from-an-email')],
  },
  {
    account: 'member',
    signIn: MEMBER,
    visits: [
      ...publicPages,
      site('volunteering', '/volunteering'),
      site('account', '/account', (page) => page.getByTestId('payment').first().waitFor()),
      site('receipt', () => `/pay/receipt/${ids.memberReceipt}`, (page) => page.getByTestId('receipt-number').waitFor()),
      site('pay-by-card', () => `/pay/square/${ids.memberSquarePayment}`, (page) => page.locator('#sq-double-card').waitFor(), { squareSdk: true }),
    ],
  },
  {
    account: 'volunteers',
    signIn: VOLUNTEERS,
    visits: [
      site('volunteering', '/volunteering'),
      site('account', '/account'),
      admin('dashboard', () => '/admin', []),
      admin('shifts', () => '/admin/collections/shifts', ['ShiftSchedule'], (page) => page.locator('[data-hangar-component="ShiftSchedule"] table').first().waitFor()),
      admin('shift-upcoming', () => `/admin/collections/shifts/${ids.upcomingShift}`, ['ShiftRoster'], (page) => page.getByRole('heading', { name: 'Fill this shift' }).waitFor()),
      admin('shift-past', () => `/admin/collections/shifts/${ids.pastShift}`, ['ShiftRoster'], (page) => page.getByRole('checkbox', { name: /attended$/ }).first().waitFor()),
      admin('volunteer-assignments', () => '/admin/collections/volunteer-assignments', ['VolunteerList'], (page) => page.locator('[data-hangar-component="VolunteerList"] table').waitFor()),
    ],
  },
  {
    account: 'admin',
    signIn: ADMIN,
    visits: [
      site('home', '/'),
      site('events', '/events', (page) => page.getByTestId('event').first().waitFor()),
      site('documents', '/documents'),
      site('account', '/account'),
      site('pay-test-declined', () => `/pay/dummy/${ids.declinedDummyPayment}`),
      admin('dashboard', () => '/admin', []),
      admin('event-check-in', () => `/admin/collections/events/${ids.towerVisit}`, ['CheckInPanel', 'QuestionRowLabel'], (page) => page.getByRole('button', { name: /^Check in / }).first().waitFor()),
      admin('membership-application', () => `/admin/collections/memberships/${ids.application}`, ['StatusActions']),
      admin('payment-refund', () => `/admin/collections/payments/${ids.refundedPayment}`, ['RefundAction']),
      admin('payment-events', () => '/admin/collections/payment-events', []),
      admin('payment-event-failed', () => `/admin/collections/payment-events/${ids.failedEvent}`, ['ReplayButton']),
      admin('shifts', () => '/admin/collections/shifts', ['ShiftSchedule'], (page) => page.locator('[data-hangar-component="ShiftSchedule"] table').first().waitFor()),
      admin('shift-upcoming', () => `/admin/collections/shifts/${ids.upcomingShift}`, ['ShiftRoster'], (page) => page.getByRole('heading', { name: 'Fill this shift' }).waitFor()),
      admin('volunteer-assignments', () => '/admin/collections/volunteer-assignments', ['VolunteerList'], (page) => page.locator('[data-hangar-component="VolunteerList"] table').waitFor()),
      admin('email-template', () => `/admin/collections/email-templates/${ids.emailTemplate}`, ['TemplatePreview']),
      admin('reminders', () => '/admin/collections/reminders', ['ReminderPreview'], (page) => page.getByTestId('reminder-preview').waitFor()),
    ],
  },
]

async function ok(response: Promise<{ status: number; body: any }>, status = 200) {
  const res = await response
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res.body
}

const firstId = async (page: Page, query: string) => {
  const body = await ok(browserFetch(page, 'GET', `/api/${query}${query.includes('?') ? '&' : '?'}limit=1&depth=0`))
  expect(body.docs.length, query).toBe(1)
  return body.docs[0].id as number
}

/** A page of its own browser context (so its own session), with its console watched. */
async function openAs(size: Size, who?: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: size.viewport })
  contexts.push(context)
  const page = await context.newPage()
  const seen: string[] = []
  await page.route(MONACO_CDN, (route) => route.abort('internetdisconnected'))
  let monacoFailed = false
  page.on('console', (message) => {
    const text = message.text()
    if (/^Failed to load resource/.test(text) && !MONACO_CDN.test(message.location().url)) {
      seen.push(`console.error: ${text} (${message.location().url})`)
      return
    }
    if (/^Monaco initialization/.test(text)) monacoFailed = true
    const hydration = /hydrat|did not match|server rendered HTML/i.test(text)
    if (message.type() !== 'error' && !hydration) return
    if (ALLOWED.some((allowed) => allowed.pattern.test(text))) return
    seen.push(`console.${message.type()}: ${text}${message.location().url ? ` (${message.location().url})` : ''}`)
  })
  page.on('pageerror', (error) => {
    // the Monaco loader's rejection: a bare Event, right after its own console error
    if (error.message === 'Event' && monacoFailed) return
    seen.push(`page error: ${error.message}`)
  })
  if (who) {
    await page.goto('/api/health')
    await ok(browserFetch(page, 'POST', '/api/users/login', { email: who.email, password: who.password }))
  }
  return { page, seen }
}

const axe = (page: Page) => new AxeBuilder({ page })

const seriousOnly = (violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)

/** One page: loaded, settled, checked, photographed. Returns what is wrong with it. */
async function look(page: Page, seen: string[], who: string, size: Size, visit: Visit): Promise<string[]> {
  const label = `${who} ${size.name} ${visit.name}`
  const problems: string[] = []
  seen.length = 0
  const url = visit.path()
  const response = await page.goto(url)
  if (!response || response.status() >= 400) problems.push(`${label}: ${url} answered ${response?.status()}`)
  try {
    await visit.ready?.(page)
  } catch (error) {
    problems.push(`${label}: ${url} did not show what it should (${(error as Error).message.split('\n')[0]})`)
  }
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
  const file = path.join(OUT, size.name, `${who}-${visit.name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  screenshots.push(path.relative(process.cwd(), file))
  // axe injects itself into every frame, and a sandboxed frame without scripts (the email
  // template's preview, a rendered email) never answers: it is photographed above, then taken out
  await page.locator('iframe[sandbox=""]').evaluateAll((frames) => frames.forEach((frame) => frame.remove()))

  if (visit.area === 'site') {
    const { violations } = await axe(page).analyze()
    problems.push(...seriousOnly(violations).map((v) => `${label}: axe ${v}`))
  } else {
    const present = await page.locator('[data-hangar-component]').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-hangar-component')))
    for (const component of visit.components ?? []) if (!present.includes(component)) problems.push(`${label}: ${component} is not on the page`)
    if (present.length > 0) {
      const ours = await axe(page).include('[data-hangar-component]').analyze()
      problems.push(...seriousOnly(ours.violations).map((v) => `${label}: axe in our components ${v}`))
    }
    // Payload's own markup, once (at desktop size): reported, not asserted
    const theirs = size === SIZES[0] ? await axe(page).exclude('[data-hangar-component]').analyze() : { violations: [] }
    for (const v of theirs.violations) {
      const entry = payloadFindings.get(v.id) ?? { impact: v.impact ?? 'unknown', help: v.help, pages: new Set<string>(), nodes: 0 }
      entry.pages.add(`${who}/${visit.name}`)
      entry.nodes += v.nodes.length
      payloadFindings.set(v.id, entry)
    }
  }

  problems.push(...seen.map((message) => `${label}: ${message}`))
  return problems
}

beforeAll(async () => {
  const e2eDatabase = process.env.DATABASE_URL ?? ''
  if (!/^postgres(ql)?:\/\//.test(e2eDatabase)) throw new Error('Run this through scripts/test-e2e.mjs, which sets DATABASE_URL to the e2e Postgres database.')
  demoDatabaseUrl = `${e2eDatabase}_demo`
  const port = String(Number(process.env.PORT ?? process.env.E2E_PORT ?? 3100) + 1)
  baseUrl = `http://localhost:${port}`
  const dir = (name: string) => path.join(os.tmpdir(), `hangar-e2e-demo-${name}`)
  const env = {
    ...process.env,
    DATABASE_URL: demoDatabaseUrl,
    PORT: port,
    SERVER_URL: baseUrl,
    EMAIL_DIR: dir('mail'),
    DOCUMENTS_DIR: dir('documents'),
    CERTIFICATES_DIR: dir('certificates'),
    MEDIA_DIR: dir('media'),
    // migrated, never pushed: `npm start` refuses a pushed database
    DATABASE_PUSH: 'false',
  }
  for (const name of ['mail', 'documents', 'certificates', 'media']) fs.rmSync(dir(name), { recursive: true, force: true })
  await freshMigratedDatabase(env)
  runOrThrow('npm', ['run', 'seed', '--', 'postgres'], env)

  // A Square event that could not be processed (a refund reported before its payment), as the
  // webhook inbox records it, so the payment event's page offers Replay.
  const db = new pg.Client({ connectionString: demoDatabaseUrl })
  await db.connect()
  try {
    const row = await db.query(
      `INSERT INTO payment_events (provider, event_id, type, status, attempts, received_at, last_error, payload)
       VALUES ('square', 'evt-first-hour-early-refund', 'refund.updated', 'failed', 5, now() - interval '2 hours', $1, $2) RETURNING id`,
      ['Payment PAY_EARLY is not yet known as paid; the refund waits for it.', JSON.stringify({ type: 'refund.updated', event_id: 'evt-first-hour-early-refund' })],
    )
    ids.failedEvent = row.rows[0].id
  } finally {
    await db.end()
  }

  server = await startServer(env)
  browser = await launchBrowser()
  for (const size of SIZES) fs.mkdirSync(path.join(OUT, size.name), { recursive: true })

  // what the tours link to, found as the admin and the member find them
  const { page: adminPage } = await openAs(SIZES[0], ADMIN)
  ids.personalTier = await firstId(adminPage, 'tiers?where[name][equals]=Personal')
  ids.towerVisit = await firstId(adminPage, 'events?where[title][like]=control tower visit')
  ids.application = await firstId(adminPage, 'memberships?where[status][equals]=applied')
  ids.refundedPayment = await firstId(adminPage, 'payments?where[status][equals]=partially_refunded')
  ids.declinedDummyPayment = await firstId(adminPage, 'payments?where[method][equals]=dummy&where[status][equals]=failed')
  ids.emailTemplate = await firstId(adminPage, 'email-templates?sort=label')
  ids.upcomingShift = await firstId(adminPage, `shifts?where[startsAt][greater_than]=${new Date().toISOString()}&sort=startsAt`)
  ids.pastShift = await firstId(adminPage, `shifts?where[startsAt][less_than]=${new Date().toISOString()}&sort=-startsAt`)

  // the member's receipt, and a card payment they have started for a second membership
  const { page: memberPage } = await openAs(SIZES[0], MEMBER)
  ids.memberReceipt = await firstId(memberPage, 'payments?where[status][equals]=succeeded')
  const owners = await firstId(memberPage, 'tiers?where[name][equals]=Aircraft Owners')
  const membership = (await ok(browserFetch(memberPage, 'POST', '/api/memberships?depth=0', { tier: owners, organisationName: 'G-MORG syndicate' }), 201)).doc
  const checkout = await ok(browserFetch(memberPage, 'POST', '/api/payments/checkout', { membership: membership.id, provider: 'square' }), 201)
  ids.memberSquarePayment = checkout.payment.id
}, 600_000)

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined)
  await browser?.close()
  await server?.stop()
  if (demoDatabaseUrl) await dropDatabase(demoDatabaseUrl)

  if (payloadFindings.size > 0) {
    const rows = [...payloadFindings.entries()].sort(([, a], [, b]) => b.nodes - a.nodes)
    console.info(`\naxe in Payload's own admin markup (outside our components; not asserted): ${rows.length} rules`)
    for (const [rule, f] of rows) console.info(`  ${rule.padEnd(28)} ${f.impact.padEnd(9)} ${String(f.nodes).padStart(4)} nodes on ${f.pages.size} pages  ${f.help}`)
    fs.writeFileSync(
      path.join(OUT, 'axe-payload-admin.json'),
      JSON.stringify(Object.fromEntries(rows.map(([rule, f]) => [rule, { impact: f.impact, help: f.help, nodes: f.nodes, pages: [...f.pages] }])), null, 2),
    )
  }
  if (screenshots.length > 0) console.info(`\n${screenshots.length} screenshots in ${path.relative(process.cwd(), OUT)}/`)
}, 120_000)

describe('a newcomer’s first hour', () => {
  for (const size of SIZES) {
    for (const tour of tours) {
      it(`${tour.account} at ${size.name}: every page loads without console errors or hydration warnings, and axe finds nothing serious in our markup`, async () => {
        const { page, seen } = await openAs(size, tour.signIn)
        const problems: string[] = []
        for (const visit of tour.visits) {
          if (visit.squareSdk) await serveSquareSdkDouble(page)
          problems.push(...(await look(page, seen, tour.account, size, visit)))
        }
        expect(problems).toEqual([])
      }, 600_000)
    }
  }
})
