/**
 * Paid event registration (issue 19): a member opens a fly-in, picks one of its sessions, fills in
 * its form (a number with help text, a choice, a date), is told the member price and pays it by
 * card (Square, played by tests/fakes/square.ts; the card form's SDK by a double), and then sees
 * the ticket on the session's page. The ledger holds the event payment.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates; vitest.config.ts runs e2e files in name order, so first-admin always comes first.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok, signIn } from './helpers/session'
import { TEST_CARDS, useSquareSdkDouble } from './helpers/square-sdk-double'

const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const member = { email: 'fly.in.pilot@alliance.example', password: 'Fly-in-pilot-2026', firstName: 'Petra', lastName: 'Pilot' }

let browser: Browser
const contexts: BrowserContext[] = []
let flyIn: { id: number; title: string }
let session: { id: number; title: string }
let barbecue: { id: number; title: string }

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  const admin = await newPage()
  await signIn(admin, superuser)
  // a current member of a tier with a member price
  const account = (await ok(browserFetch(admin, 'POST', '/api/users', { ...member, roles: ['member'] }))).doc
  const tier = (await ok(browserFetch(admin, 'POST', '/api/tiers', { name: 'Formation pilots', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const membership = (await ok(browserFetch(admin, 'POST', '/api/memberships?depth=0', { member: account.id, tier: tier.id }))).doc
  await ok(browserFetch(admin, 'POST', '/api/payments?depth=0', { membership: membership.id, method: 'cash', amount: 500 }))

  const startsAt = new Date(Date.now() + 20 * 86_400_000)
  startsAt.setUTCHours(9, 0, 0, 0)
  flyIn = (await ok(browserFetch(admin, 'POST', '/api/events?depth=0', { title: 'Summer fly-in', edition: '2027', startsAt: startsAt.toISOString(), status: 'published', audience: 'members', location: 'Fairwood Common' }))).doc
  session = (
    await ok(
      browserFetch(admin, 'POST', '/api/events?depth=0', {
        title: 'Formation flying briefing',
        parent: flyIn.id,
        startsAt: startsAt.toISOString(),
        status: 'published',
        audience: 'members',
        capacity: 8,
        paymentMethod: 'online',
        price: 1500,
        memberPrices: [{ tier: tier.id, amount: 1000 }],
        holdDays: 3,
        questions: [
          { key: 'hours', label: 'Hours in formation', kind: 'number', required: true, help: 'From your logbook; 0 if none yet.' },
          { key: 'lunch', label: 'Lunch', kind: 'choice', choices: ['Sandwiches', 'Vegetarian', 'None'], required: true },
          { key: 'arrival', label: 'Arrival day', kind: 'date' },
        ],
      }),
    )
  ).doc
  barbecue = (
    await ok(
      browserFetch(admin, 'POST', '/api/events?depth=0', { title: 'Apron barbecue', startsAt: startsAt.toISOString(), status: 'published', audience: 'members', registrationOpensAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
    )
  ).doc
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('paid registration for a session', () => {
  it('a member registers for a paid session, fills in its form, pays the member price by card and sees the ticket', async () => {
    const page = await newPage()
    await useSquareSdkDouble(page)
    await signIn(page, member)

    // the fly-in lists its sessions; registering happens on the session
    await page.goto(`/events/${flyIn.id}`)
    await page.getByRole('heading', { name: 'Summer fly-in 2027' }).waitFor()
    await page.getByTestId('sessions').getByRole('link', { name: session.title }).click()
    await page.waitForURL(`**/events/${session.id}`)
    expect(await page.getByTestId('session-of').textContent()).toContain('Summer fly-in')
    expect(await page.getByTestId('event-price').textContent()).toContain('£15.00 (less for members of some tiers)')

    // the form asks a number (with its help text), a choice and a date
    const hours = page.getByLabel('Hours in formation')
    expect(await hours.getAttribute('type')).toBe('number')
    expect(await page.getByText('From your logbook; 0 if none yet.').isVisible()).toBe(true)
    expect(await page.getByLabel('Arrival day (optional)').getAttribute('type')).toBe('date')
    await hours.fill('12')
    await page.getByLabel('Lunch').selectOption('Vegetarian')
    await page.getByLabel('Arrival day (optional)').fill('2027-06-18')
    await page.getByRole('button', { name: 'I’m going' }).click()

    // the place is held at the member price until paid
    const due = page.getByTestId('payment-due')
    await due.waitFor({ timeout: 30_000 })
    expect(await due.textContent()).toContain('pay £10.00 to complete your registration')
    expect(await page.getByAltText(/Your ticket/).count()).toBe(0)
    await screenshot(page, 'event-paid-session-held')

    // pay by card
    await due.getByRole('button', { name: 'Pay £10.00: Card (Square)' }).click()
    await page.waitForURL('**/pay/square/**', { timeout: 30_000 })
    await page.locator('#sq-double-card').fill(TEST_CARDS.ok)
    await page.getByRole('button', { name: 'Pay now' }).click()
    await page.waitForURL('**/pay/receipt/**', { timeout: 60_000 })
    await page.getByTestId('receipt-number').waitFor()

    // back on the session: registered, with the ticket
    await page.goto(`/events/${session.id}`)
    await page.getByAltText(/Your ticket/).waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('my-reply').textContent()).toContain('You’re going')
    expect(await page.getByTestId('payment-due').count()).toBe(0)
    await screenshot(page, 'event-paid-session-ticket')

    // the registration and the ledger agree
    const mine = (await ok(browserFetch(page, 'GET', `/api/rsvps?where[event][equals]=${session.id}&depth=0`), 200)).docs
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ status: 'going', registrationStatus: 'registered', amountDue: 1000, answers: { hours: 12, lunch: 'Vegetarian', arrival: '2027-06-18' } })
    const payment = (await ok(browserFetch(page, 'GET', `/api/payments/${mine[0].payment}?depth=0`), 200))
    expect(payment).toMatchObject({ status: 'succeeded', purpose: 'event', amount: 1000, method: 'square' })
  })

  it('on an event whose registration has not opened, the member asks to be emailed when it does, and can change their mind', async () => {
    const page = await newPage()
    await signIn(page, member)
    await page.goto(`/events/${barbecue.id}`)
    const alert = page.getByTestId('registration-alert')
    await alert.getByText(/^Registration opens /).waitFor()
    await alert.getByRole('button', { name: 'Email me when registration opens' }).click()
    await alert.getByRole('status').filter({ hasText: 'We will email you when registration opens.' }).waitFor({ timeout: 30_000 })
    const asked = (await ok(browserFetch(page, 'GET', `/api/registration-alerts?where[event][equals]=${barbecue.id}&depth=0`), 200)).docs
    expect(asked).toHaveLength(1)
    await alert.getByRole('button', { name: 'Don’t email me' }).click()
    await alert.getByRole('button', { name: 'Email me when registration opens' }).waitFor({ timeout: 30_000 })
    expect((await ok(browserFetch(page, 'GET', `/api/registration-alerts?where[event][equals]=${barbecue.id}&depth=0`), 200)).docs).toHaveLength(0)
  })
})
