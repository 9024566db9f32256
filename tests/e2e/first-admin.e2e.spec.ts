/**
 * Against a production build on a freshly migrated Postgres database (see scripts/test-e2e.ts):
 * the first admin is created in the admin panel, then people sign in on the member site.
 */
import fs from 'node:fs'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { verificationLinkFor, verificationTokenFor } from './helpers/mail'
import { SQUARE_SDK_URL, TEST_CARDS, blockSquareSdk, useSquareSdkDouble } from './helpers/square-sdk-double'

const admin = { email: 'chair@alliance.example', password: 'Chair-password-2026', firstName: 'Chris', lastName: 'Chair' }
const treasurer = { email: 'treasurer@alliance.example', password: 'Treasurer-2026', firstName: 'Tess', lastName: 'Treasurer' }
const member = { email: 'pilot@alliance.example', password: 'Pilot-password-2026', firstName: 'Pat', lastName: 'Pilot' }

let browser: Browser
const contexts: BrowserContext[] = []

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('first run', () => {
  it('sends the first visitor of /admin to create the first user, who becomes superuser', async () => {
    const page = await newPage()
    await page.goto('/admin')
    await page.waitForURL(/\/admin\/create-first-user/)

    await page.locator('#field-email').fill(admin.email)
    await page.locator('#field-password').fill(admin.password)
    await page.locator('#field-confirm-password').fill(admin.password)
    await page.locator('#field-firstName').fill(admin.firstName)
    await page.locator('#field-lastName').fill(admin.lastName)
    await page.getByRole('button', { name: /create/i }).click()

    await page.waitForURL((url) => url.pathname === '/admin')
    await page.getByRole('heading', { name: /people/i }).first().waitFor()
    const file = await screenshot(page, '01-admin-dashboard-after-first-user')
    expect(fs.existsSync(file)).toBe(true)

    const me = (await browserFetch(page, 'GET', '/api/users/me')).body
    expect(me.user.email).toBe(admin.email)
    expect(me.user.roles).toEqual(['superuser'])
  })

  it('publishes a tier the admin creates on the member site, hiding private ones', async () => {
    // as the signed-in admin's browser (its session cookie), the way the admin panel posts
    const adminPage = contexts[0]!.pages()[0]!
    const post = async (data: Record<string, unknown>) => (await browserFetch(adminPage, 'POST', '/api/tiers', data)).status
    expect(await post({ name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30 })).toBe(201)
    // this is production: the test payment provider is off until a superuser turns it on for a demo
    const settings = (await browserFetch(adminPage, 'POST', '/api/globals/settings', { dummyPaymentsEnabled: true })).status
    expect(settings).toBe(200)
    expect(
      await post({ name: 'Committee only', fee: 0, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 0, public: false }),
    ).toBe(201)

    const page = await newPage()
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Membership' }).click()
    await page.getByRole('heading', { name: 'Membership tiers' }).waitFor()
    expect(await page.getByRole('heading', { name: 'Personal' }).isVisible()).toBe(true)
    expect(await page.getByText('£5.00 a year').isVisible()).toBe(true)
    expect(await page.getByText('Committee only').count()).toBe(0)
    await screenshot(page, '01b-member-site-tiers')
  })

  it('does not offer the first-user form again', async () => {
    const page = await newPage()
    await page.goto('/admin/create-first-user')
    await page.waitForURL(/\/admin\/login/)
    expect(page.url()).toContain('/admin/login')
  })
})

describe('member site', () => {
  it('signs the admin in with email and password and shows my account', async () => {
    const page = await newPage()
    await page.goto('/account')
    await page.waitForURL(/\/sign-in\?next=%2Faccount|\/sign-in\?next=\/account/)

    await page.getByLabel('Email address').fill(admin.email)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('heading', { name: 'My account' }).waitFor()
    expect(await page.getByText(`${admin.firstName} ${admin.lastName}`).isVisible()).toBe(true)
    expect(await page.getByText('Superuser').isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: 'Open the admin panel' }).isVisible()).toBe(true)
    await screenshot(page, '02-member-site-my-account-admin')

    const cookies = await page.context().cookies()
    const token = cookies.find((c) => c.name === 'payload-token')
    expect(token?.httpOnly).toBe(true)
  })

  it('tells a visitor when the password is wrong, keeping the email typed', async () => {
    const page = await newPage()
    await page.goto('/sign-in')
    await page.getByLabel('Email address').fill(admin.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.locator('form').getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/do not match/)
    expect(await page.getByLabel('Email address').inputValue()).toBe(admin.email)
    await screenshot(page, '03-sign-in-wrong-password')
  })

  it('lets a self-registered member sign in and out, without an admin link', async () => {
    const page = await newPage()
    const res = await page.request.post('/api/users', { data: { ...member, roles: ['admin'], acceptPrivacyPolicy: true } })
    expect(res.status()).toBe(201)

    await page.goto('/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click()
    await page.getByLabel('Email address').fill(member.email)
    await page.getByLabel('Password').fill(member.password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByRole('heading', { name: 'My account' }).waitFor()
    expect(await page.getByText(`${member.firstName} ${member.lastName}`).isVisible()).toBe(true)
    expect(await page.getByRole('link', { name: /admin panel/i }).count()).toBe(0)
    // registered but not confirmed: the portal says what to do and offers a new link
    const notice = page.locator('#verify-email')
    expect(await notice.getByRole('heading', { name: 'Check your email' }).isVisible()).toBe(true)
    expect(await notice.textContent()).toContain(member.email)
    await notice.getByRole('button', { name: 'Send me a new link' }).click()
    await notice.getByRole('status').filter({ hasText: 'If your email address still needs confirming, we have sent a new link' }).waitFor()
    await screenshot(page, '04-member-site-my-account-member')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor()
    await page.goto('/account')
    await page.waitForURL(/\/sign-in/)
  })

  it('keeps a plain member out of the admin panel', async () => {
    const page = await newPage()
    await page.goto('/admin/login')
    await page.locator('#field-email').fill(member.email)
    await page.locator('#field-password').fill(member.password)
    await page.getByRole('button', { name: /login/i }).click()
    await page.getByText(/not allowed|unauthorized|do not have access/i).first().waitFor()
    await screenshot(page, '05-admin-refuses-plain-member')
  })
})

describe('joining online with the test payment provider', () => {
  it('a newcomer chooses a tier, creates an account, confirms the email, gives details, pays and sees the active membership', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await page.goto('/tiers')
    await page.getByRole('link', { name: 'Join: Personal' }).click()
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()

    await page.getByLabel('First name').fill('Jo')
    await page.getByLabel('Last name').fill('Newcomer')
    await page.getByLabel('Email address').fill('jo.newcomer@alliance.example')
    await page.getByLabel(/Choose a password/).fill('Newcomer-password-1')
    await page.getByLabel(/accept the privacy policy/).check()
    await page.getByRole('button', { name: 'Create account and continue' }).click()

    // the account is made; the details and payment wait until the email address is confirmed
    await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor()
    expect(await page.getByText('We sent a link to jo.newcomer@alliance.example').isVisible()).toBe(true)
    expect(await page.getByRole('heading', { name: 'Your details' }).count()).toBe(0)
    await screenshot(page, '05b-join-check-your-email')
    // a client that skips the page is refused by the server
    const early = await browserFetch(page, 'POST', '/api/memberships?depth=0', { tier: (await browserFetch(page, 'GET', '/api/tiers?where[name][equals]=Personal&depth=0')).body.docs[0].id })
    expect(early.status).toBe(403)

    const link = await verificationLinkFor('jo.newcomer@alliance.example')
    expect(link).toMatch(/\?next=%2Fjoin%2F\d+$/)
    await page.goto(link)
    await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor()
    await page.getByRole('button', { name: 'Confirm jo.newcomer@alliance.example' }).click()
    await page.getByRole('status').filter({ hasText: 'jo.newcomer@alliance.example is confirmed' }).waitFor()
    await page.getByRole('link', { name: 'Continue joining' }).click()

    await page.getByRole('heading', { name: 'Your details' }).waitFor()
    await page.getByLabel('Address line 1').fill('Hangar 3, Swansea Airport')
    await page.getByLabel('Town or city').fill('Swansea')
    await page.getByLabel('Postcode').fill('SA2 7JU')
    await page.getByLabel('Test payment (no card)').check()
    await page.getByRole('button', { name: 'Continue to payment' }).click()

    await page.getByRole('heading', { name: 'Test payment' }).waitFor()
    expect(await page.getByText('£5.00').isVisible()).toBe(true)
    await screenshot(page, '06-join-test-payment')
    await page.getByRole('button', { name: 'Approve' }).click()

    await page.getByRole('heading', { name: 'My account' }).waitFor()
    const card = page.getByTestId('membership').first()
    expect(await page.getByRole('status').textContent()).toMatch(/membership is active/)
    expect(await card.getByText('Active', { exact: true }).isVisible()).toBe(true)
    expect(await card.textContent()).toMatch(/HGR-\d{6}/)
    expect(await page.getByRole('cell', { name: /^R-\d{4}-\d{6}$/ }).count()).toBe(1)
    await screenshot(page, '07-portal-active-membership')
  })
})

describe('joining online by card (Square)', () => {
  it('the card form is declined, then paid on a second try; the receipt shows and the membership is active', { timeout: 300_000 }, async () => {
    const page = await newPage()
    await useSquareSdkDouble(page)
    await page.goto('/tiers')
    await page.getByRole('link', { name: 'Join: Personal' }).click()
    await page.getByLabel('First name').fill('Cas')
    await page.getByLabel('Last name').fill('Cardholder')
    await page.getByLabel('Email address').fill('cas.cardholder@alliance.example')
    await page.getByLabel(/Choose a password/).fill('Cardholder-password-1')
    await page.getByLabel(/accept the privacy policy/).check()
    await page.getByRole('button', { name: 'Create account and continue' }).click()
    await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor()
    await page.goto(await verificationLinkFor('cas.cardholder@alliance.example'))
    await page.getByRole('button', { name: 'Confirm cas.cardholder@alliance.example' }).click()
    await page.getByRole('link', { name: 'Continue joining' }).click()
    await page.getByRole('heading', { name: 'Your details' }).waitFor()
    expect(await page.getByLabel('Card (Square)').isChecked()).toBe(true)
    await page.getByLabel('Address line 1').fill('1 Runway Road')
    await page.getByRole('button', { name: 'Continue to payment' }).click()

    await page.getByRole('heading', { name: 'Pay by card' }).waitFor()
    expect(await page.getByText('£5.00').isVisible()).toBe(true)
    await page.getByLabel('Card number').fill(TEST_CARDS.declined)
    await page.getByRole('button', { name: 'Pay now' }).click()
    await page.getByRole('alert').filter({ hasText: 'Your card was not charged: your bank declined it.' }).waitFor()
    await screenshot(page, '06b-square-declined')

    // Square's script cannot load (offline, blocked): the page says so and offers a way out
    await page.unroute(SQUARE_SDK_URL)
    await blockSquareSdk(page)
    await page.goto('/account')
    expect(await page.getByTestId('membership').getByText('Awaiting payment', { exact: true }).isVisible()).toBe(true)
    await page.getByRole('button', { name: /Pay now \(£5\.00\): Card \(Square\)/ }).click()
    await page.getByRole('heading', { name: 'Pay by card' }).waitFor()
    await page.getByText('The card form could not be loaded from Square').waitFor()
    await screenshot(page, '06d-square-unavailable')

    await page.unroute(SQUARE_SDK_URL)
    await useSquareSdkDouble(page)
    await page.reload()
    await page.getByLabel('Card number').fill(TEST_CARDS.ok)
    await page.getByRole('button', { name: 'Pay now' }).click()
    await page.getByRole('heading', { name: 'Thank you: payment received' }).waitFor()
    expect(await page.getByTestId('receipt-number').textContent()).toMatch(/^R-\d{4}-\d{6}$/)
    expect(await page.getByText(/Personal: Active, number HGR-\d{6}/).isVisible()).toBe(true)
    await screenshot(page, '06c-square-receipt')

    const payments = (await browserFetch(page, 'GET', '/api/payments?depth=0&sort=createdAt')).body.docs
    expect(payments.map((p: { method: string; status: string }) => [p.method, p.status])).toEqual([
      ['square', 'failed'],
      ['square', 'succeeded'],
    ])
  })
})

describe('admin panel: an application approved, then paid in cash', () => {
  let contactPage: Page | undefined

  it('the admin approves with the status button; the treasurer records cash; the membership turns active', { timeout: 300_000 }, async () => {
    const adminPage = contexts[0]!.pages()[0]!
    const tier = await browserFetch(adminPage, 'POST', '/api/tiers', {
      name: 'Corporate', fee: 10000, currency: 'GBP', period: 'rolling', kind: 'organisation', seats: 5, graceDays: 30, requiresApproval: true,
    })
    expect(tier.status).toBe(201)
    const treasurerAccount = await browserFetch(adminPage, 'POST', '/api/users', { ...treasurer, roles: ['treasurer'] })
    expect(treasurerAccount.status).toBe(201)

    // an applicant signs up and applies, from their own browser
    const applicant = (contactPage = await newPage())
    await applicant.goto('/')
    expect((await browserFetch(applicant, 'POST', '/api/users', { email: 'ops@aeroworks.example', password: 'Aeroworks-2026', firstName: 'Avery', lastName: 'Aeroworks', acceptPrivacyPolicy: true })).status).toBe(201)
    expect((await browserFetch(applicant, 'POST', '/api/users/login', { email: 'ops@aeroworks.example', password: 'Aeroworks-2026' })).status).toBe(200)
    // an integrator's client confirms the emailed link through the API
    const token = await verificationTokenFor('ops@aeroworks.example')
    expect((await browserFetch(applicant, 'POST', '/api/users/verify-email', { token })).status).toBe(200)
    const application = await browserFetch(applicant, 'POST', '/api/memberships?depth=0', { tier: tier.body.doc.id, organisationName: 'Aeroworks Ltd' })
    expect(application.body.doc.status).toBe('applied')
    const id = application.body.doc.id

    await adminPage.goto(`/admin/collections/memberships/${id}`)
    await adminPage.getByRole('button', { name: 'Approve' }).click()
    await adminPage.waitForLoadState('load')
    await expect.poll(async () => (await browserFetch(adminPage, 'GET', `/api/memberships/${id}?depth=0`)).body.status, { timeout: 15_000 }).toBe('awaiting_payment')
    await screenshot(adminPage, '08-admin-membership-approved')

    // the treasurer signs in to the admin panel and records the cash they were handed
    const treasurerPage = await newPage()
    await treasurerPage.goto('/admin/login')
    await treasurerPage.locator('#field-email').fill(treasurer.email)
    await treasurerPage.locator('#field-password').fill(treasurer.password)
    await treasurerPage.locator('form').getByRole('button', { name: /log ?in/i }).click()
    await treasurerPage.waitForURL((url) => url.pathname === '/admin')
    await treasurerPage.goto('/admin/collections/payments/create')
    await treasurerPage.locator('#field-membership .rs__control').click()
    await treasurerPage.locator('#field-membership input').fill('Corporate')
    await treasurerPage.locator('.rs__option', { hasText: 'Avery Aeroworks' }).click()
    await treasurerPage.locator('#field-amount').fill('£100.00')
    await treasurerPage.locator('#action-save').click()
    await treasurerPage.waitForURL(/\/admin\/collections\/payments\/\d+/)
    await screenshot(treasurerPage, '09-treasurer-cash-recorded')

    const membership = (await browserFetch(adminPage, 'GET', `/api/memberships/${id}?depth=0`)).body
    expect(membership.status).toBe('active')
    expect(membership.membershipNumber).toMatch(/^HGR-\d{6}$/)
    const payment = (await browserFetch(adminPage, 'GET', `/api/payments?where[membership][equals]=${id}&depth=0`)).body.docs[0]
    expect(payment).toMatchObject({ method: 'cash', status: 'succeeded', recordedBy: treasurerAccount.body.doc.id })

    await applicant.goto('/account')
    expect(await applicant.getByTestId('membership').getByText('Active', { exact: true }).isVisible()).toBe(true)
    // the tier is not offered publicly, yet its holder sees its name on their own membership
    expect(await applicant.getByTestId('membership').getByRole('heading', { name: 'Corporate' }).isVisible()).toBe(true)
  })

  it('the primary contact gives a colleague a seat from the portal; the colleague sees their member access', async () => {
    const applicant = contactPage!
    await applicant.goto('/account')
    const seatsPanel = applicant.getByTestId('seat-holders')
    expect(await seatsPanel.getByRole('heading', { name: 'Seat holders (0 of 5)' }).isVisible()).toBe(true)
    await seatsPanel.getByLabel('Add a seat holder (email)').fill('Engineer@Aeroworks.example')
    await seatsPanel.getByRole('button', { name: 'Add' }).click()
    await seatsPanel.getByRole('status').filter({ hasText: 'engineer@aeroworks.example added' }).waitFor()
    await applicant.reload()
    expect(await applicant.getByTestId('seat-holders').getByRole('heading', { name: 'Seat holders (1 of 5)' }).isVisible()).toBe(true)
    await screenshot(applicant, '10-portal-seat-added')

    const colleague = await newPage()
    await colleague.goto('/')
    const account = { email: 'engineer@aeroworks.example', password: 'Engineer-2026', firstName: 'Eli', lastName: 'Engineer', acceptPrivacyPolicy: true }
    expect((await browserFetch(colleague, 'POST', '/api/users', account)).status).toBe(201)
    expect((await browserFetch(colleague, 'POST', '/api/users/login', { email: account.email, password: account.password })).status).toBe(200)
    // the seat names an address: the account made with it is let in once the address is confirmed
    await colleague.goto('/account')
    await colleague.locator('#verify-email').getByRole('heading', { name: 'Check your email' }).waitFor()
    expect(await colleague.getByTestId('seat').count()).toBe(0)
    await colleague.goto(await verificationLinkFor(account.email))
    await colleague.getByRole('button', { name: `Confirm ${account.email}` }).click()
    await colleague.getByRole('status').filter({ hasText: `${account.email} is confirmed` }).waitFor()
    await colleague.goto('/account')
    expect(await colleague.getByTestId('seat').textContent()).toMatch(/seat on the Corporate membership of Aeroworks Ltd/)
    await screenshot(colleague, '11-portal-seat-holder')
  })
})

describe('email and reminders in the admin panel and the portal', () => {
  it('the admin edits an email template and sees the preview change; the reminder preview lists what is coming', async () => {
    const adminPage = contexts[0]!.pages()[0]!
    await adminPage.goto('/admin/collections/email-templates?limit=50')
    await adminPage.locator('table').getByRole('link', { name: 'Renewal reminder', exact: true }).click()
    await adminPage.getByRole('heading', { name: 'Preview with sample data' }).waitFor()
    await adminPage.locator('#field-subject').fill('Renew now, {{member.firstName}}!')
    await expect.poll(async () => adminPage.getByTestId('preview-subject').textContent()).toMatch(/^Renew now, \w+!$/)
    // the body is rendered as the member will see it, in the email layout
    await adminPage.frameLocator('iframe[title="Email preview"]').getByText(/The renewal date for your \w+ membership/).waitFor()
    await screenshot(adminPage, '12-admin-email-template-preview')

    await adminPage.goto('/admin/collections/reminders')
    await adminPage.getByRole('heading', { name: 'Coming up' }).waitFor()
    await adminPage.getByText(/No renewal reminders are due in that time|days before the end|on the day it ends/).first().waitFor()
    await screenshot(adminPage, '13-admin-reminder-preview')

    await adminPage.goto('/admin/collections/notifications')
    await adminPage.getByText('ops@aeroworks.example').first().waitFor()
  })

  it('a member turns renewal reminders off from the portal', async () => {
    const colleague = contexts.at(-1)!.pages()[0]!
    await colleague.goto('/account')
    const box = colleague.getByLabel('Email me reminders before my membership is due for renewal')
    expect(await box.isChecked()).toBe(true)
    await box.uncheck()
    await colleague.getByRole('button', { name: 'Save preferences' }).click()
    await colleague.getByText('Your email preferences are saved.').waitFor()
    expect(await colleague.getByLabel('Email me reminders before my membership is due for renewal').isChecked()).toBe(false)
    const me = (await browserFetch(colleague, 'GET', '/api/users/me')).body
    expect(me.user.emailPreferences.renewalReminders).toBe(false)
  })
})

describe('events: a member replies, the admin checks them in', () => {
  it('the member says they are going, sees it in the portal with a ticket; the admin checks them in at the door', async () => {
    const adminPage = contexts[0]!.pages()[0]!
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const created = await browserFetch(adminPage, 'POST', '/api/events', {
      title: 'Quarterly members’ meeting', startsAt, status: 'published', audience: 'members', capacity: 30, location: 'Clubhouse, Hangar 2',
    })
    expect(created.status).toBe(201)
    const eventId = created.body.doc.id

    const page = await newPage()
    await page.goto('/')
    expect((await browserFetch(page, 'POST', '/api/users/login', { email: 'jo.newcomer@alliance.example', password: 'Newcomer-password-1' })).status).toBe(200)
    await page.goto('/events')
    await page.getByRole('link', { name: 'Quarterly members’ meeting' }).click()
    await page.getByTestId('registration-state').filter({ hasText: '30 of 30 places left' }).waitFor()
    await page.getByRole('button', { name: 'I’m going' }).click()
    await page.getByTestId('my-reply').filter({ hasText: 'You’re going.' }).waitFor()
    expect(await page.getByRole('img', { name: /Your ticket/ }).isVisible()).toBe(true)
    await screenshot(page, '14-member-going-with-ticket')

    await page.goto('/account')
    expect(await page.getByTestId('upcoming-event').filter({ hasText: 'Quarterly members’ meeting' }).textContent()).toMatch(/going/)

    await adminPage.goto(`/admin/collections/events/${eventId}`)
    await adminPage.getByRole('heading', { name: /Check-in \(0 of 1 arrived\)/ }).waitFor()
    await adminPage.getByRole('button', { name: 'Check in Jo Newcomer' }).click()
    await adminPage.getByRole('status').filter({ hasText: 'Jo Newcomer checked in.' }).waitFor()
    await adminPage.getByRole('heading', { name: /Check-in \(1 of 1 arrived\)/ }).waitFor()
    await screenshot(adminPage, '15-admin-check-in')
  })
})

describe('admin panel: people who have not confirmed their email address', () => {
  it('the list shows and filters them; the admin marks one verified by hand, which the audit trail records', async () => {
    const adminPage = contexts[0]!.pages()[0]!
    await adminPage.goto('/admin/collections/users')
    const notice = adminPage.locator('[data-hangar-component="UnverifiedPeopleLink"]')
    await notice.waitFor()
    expect(await notice.textContent()).toMatch(/registered but not confirmed their email address/)
    await notice.getByRole('link', { name: 'Show them' }).click()
    await adminPage.waitForURL(/emailVerifiedAt/)
    // those who confirmed leave the list once the filter applies
    await expect.poll(async () => adminPage.locator('table tbody tr', { hasText: 'jo.newcomer@alliance.example' }).count(), { timeout: 15_000 }).toBe(0)
    const row = adminPage.locator('table tbody tr', { hasText: member.email })
    await row.waitFor()
    expect(await row.getByText('Not verified').isVisible()).toBe(true)
    await screenshot(adminPage, '16-admin-unverified-people')

    await row.getByRole('link', { name: member.email }).click()
    const actions = adminPage.locator('[data-hangar-component="EmailVerificationActions"]')
    await actions.waitFor()
    adminPage.once('dialog', (dialog) => void dialog.accept())
    await actions.getByRole('button', { name: 'Mark as verified…' }).click()
    await expect
      .poll(async () => (await browserFetch(adminPage, 'GET', `/api/users?where[email][equals]=${encodeURIComponent(member.email)}&depth=0`)).body.docs[0]?.emailVerifiedAt, { timeout: 15_000 })
      .toBeTruthy()
    await adminPage.locator('[data-hangar-component="EmailVerificationActions"]').waitFor({ state: 'detached' })
    await screenshot(adminPage, '17-admin-marked-verified')
    const id = (await browserFetch(adminPage, 'GET', `/api/users?where[email][equals]=${encodeURIComponent(member.email)}&depth=0`)).body.docs[0].id
    const trail = (await browserFetch(adminPage, 'GET', `/api/audit-entries?where[person][equals]=${id}&sort=-createdAt&depth=0`)).body.docs
    expect(trail.some((entry: { actorLabel: string; changes: { field: string }[] }) => entry.actorLabel === admin.email && entry.changes.some((c) => c.field === 'emailVerifiedAt'))).toBe(true)
  })
})
