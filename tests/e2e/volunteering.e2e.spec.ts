/**
 * Volunteering (issue 7), as the people involved see it: a member with an active membership
 * uploads a Fire training certificate on the member site; a volunteer coordinator verifies it
 * and gives the member the Fire role in the admin panel; the member then signs up for a Fire
 * shift, records when they can help, and withdraws again before the shift starts.
 *
 * It shares the database with first-admin.e2e.spec.ts and signs in as the superuser that file
 * creates in the admin panel's first-user form. That file needs the database to have no user
 * at all, so this one never creates the first user; vitest.config.ts runs e2e files in name
 * order, so first-admin always comes first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MINIMAL_PDF } from '../fixtures/pdf'

import { BASE_URL, browserFetch, launchBrowser, screenshot } from './helpers/browser'
import { ok } from './helpers/session'

/** The first admin, created by first-admin.e2e.spec.ts. */
const superuser = { email: 'chair@alliance.example', password: 'Chair-password-2026' }
const coordinator = { email: 'coordinator@alliance.example', password: 'Coordinator-2026', firstName: 'Cora', lastName: 'Coordinator' }
const volunteer = { email: 'fern.firefighter@alliance.example', password: 'Firefighter-2026', firstName: 'Fern', lastName: 'Firefighter' }

const DAY = 86_400_000
const ukDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })

let browser: Browser
const contexts: BrowserContext[] = []
let adminPage: Page
let memberPage: Page
let coordinatorPage: Page
let fireRoleId: number
let shift: { id: number; title: string }

async function newPage() {
  const context = await browser.newContext({ baseURL: BASE_URL })
  contexts.push(context)
  return context.newPage()
}


beforeAll(async () => {
  const initialised = ((await (await fetch(`${BASE_URL}/api/users/init`)).json()) as { initialized?: boolean }).initialized
  if (!initialised) throw new Error('No superuser yet: first-admin.e2e.spec.ts creates it and runs first (vitest.config.ts runs e2e files in name order).')
  browser = await launchBrowser()
  adminPage = await newPage()
  await adminPage.goto('/')
  await ok(browserFetch(adminPage, 'POST', '/api/users/login', { email: superuser.email, password: superuser.password }), 200)

  // the coordinator and the member are ordinary accounts; the member's membership is paid in cash
  await ok(browserFetch(adminPage, 'POST', '/api/users', { ...coordinator, roles: ['volunteers', 'member'] }))
  const member = (await ok(browserFetch(adminPage, 'POST', '/api/users', { ...volunteer, roles: ['member'] }))).doc
  const tier = (await ok(browserFetch(adminPage, 'POST', '/api/tiers', { name: 'Volunteer crew', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30, public: false }))).doc
  const membership = (await ok(browserFetch(adminPage, 'POST', '/api/memberships?depth=0', { member: member.id, tier: tier.id }))).doc
  await ok(browserFetch(adminPage, 'POST', '/api/payments?depth=0', { membership: membership.id, method: 'cash', amount: 500 }))
  expect((await ok(browserFetch(adminPage, 'GET', `/api/memberships/${membership.id}?depth=0`), 200)).status).toBe('active')

  const roles = (await ok(browserFetch(adminPage, 'GET', '/api/volunteer-roles?where[name][equals]=Fire&depth=0'), 200)).docs
  fireRoleId = roles[0].id
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
})

describe('volunteering', () => {
  it('a member uploads a Fire training certificate on the member site and sees it awaiting verification', async () => {
    memberPage = await newPage()
    await memberPage.goto('/')
    await memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Volunteering' }).click()
    await memberPage.waitForURL(/\/sign-in\?next=(%2F|\/)volunteering/)
    await memberPage.getByLabel('Email address').fill(volunteer.email)
    await memberPage.getByLabel('Password').fill(volunteer.password)
    await memberPage.getByRole('button', { name: 'Sign in' }).click()

    await memberPage.getByRole('heading', { name: 'Volunteering', level: 1 }).waitFor()
    expect(await memberPage.getByText('You have no volunteer roles yet.').isVisible()).toBe(true)
    expect(await memberPage.getByText('You have not uploaded any certificates yet.').isVisible()).toBe(true)
    expect(await memberPage.getByTestId('membership-needed').count()).toBe(0)

    const issued = new Date(Date.now() - 30 * DAY)
    const form = memberPage.getByRole('form', { name: 'Add a certificate' })
    await form.getByLabel('Certificate type').selectOption({ label: 'Fire training' })
    await form.getByLabel('Issued on').fill(issued.toISOString().slice(0, 10))
    await form.getByLabel('Issued by').fill('Swansea Airport Fire Service')
    await form.getByLabel('Certificate number').fill('FT-2026-0042')

    // a file that is not a certificate is explained, and nothing is recorded
    await form.getByLabel('Certificate file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a certificate') })
    await form.getByRole('button', { name: 'Upload certificate' }).click()
    await form.getByRole('alert').filter({ hasText: 'notes.txt is not a PDF or a photo' }).waitFor()
    // a damaged PDF gets as far as the server, whose refusal is shown
    await form.getByLabel('Certificate file').setInputFiles({ name: 'damaged.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 cut short') })
    await form.getByRole('button', { name: 'Upload certificate' }).click()
    await form.getByRole('alert').filter({ hasText: 'Invalid PDF file.' }).waitFor()
    expect(await memberPage.getByTestId('my-certificate').count()).toBe(0)

    await form.getByLabel('Certificate file').setInputFiles({ name: 'fire-training.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF })
    await form.getByRole('button', { name: 'Upload certificate' }).click()
    await form.getByRole('status').filter({ hasText: 'Fire training certificate uploaded' }).waitFor()
    expect(await form.getByRole('alert').count()).toBe(0)

    const row = memberPage.getByTestId('my-certificate').filter({ hasText: 'FT-2026-0042' })
    await row.waitFor()
    const expires = new Date(issued)
    expires.setUTCMonth(expires.getUTCMonth() + 24)
    expect(await row.getByRole('cell', { name: 'Fire training', exact: true }).isVisible()).toBe(true)
    expect(await row.getByText('Awaiting verification').isVisible()).toBe(true)
    expect(await row.getByText(ukDay.format(issued)).isVisible()).toBe(true)
    expect(await row.getByText(ukDay.format(expires)).isVisible()).toBe(true)
    expect(await row.getByRole('link', { name: 'View the Fire training certificate file' }).isVisible()).toBe(true)
    await screenshot(memberPage, '20-volunteering-certificate-awaiting-verification')
  })

  it('a coordinator verifies the certificate in the admin panel', async () => {
    coordinatorPage = await newPage()
    await coordinatorPage.goto('/admin/login')
    await coordinatorPage.locator('#field-email').fill(coordinator.email)
    await coordinatorPage.locator('#field-password').fill(coordinator.password)
    await coordinatorPage.locator('form').getByRole('button', { name: /log ?in/i }).click()
    await coordinatorPage.waitForURL((url) => url.pathname === '/admin')

    await coordinatorPage.goto('/admin/collections/certificates')
    const listed = coordinatorPage.locator('table tbody tr').filter({ hasText: volunteer.email })
    await listed.first().waitFor()
    await listed.first().getByRole('link').first().click()
    await coordinatorPage.waitForURL(/\/admin\/collections\/certificates\/\d+/)
    await coordinatorPage.locator('#field-verified').check()
    await coordinatorPage.locator('#action-save').click()
    await coordinatorPage.getByText(/updated successfully|successfully updated/i).first().waitFor()
    await screenshot(coordinatorPage, '21-admin-certificate-verified')

    await memberPage.reload()
    const row = memberPage.getByTestId('my-certificate').filter({ hasText: 'FT-2026-0042' })
    expect(await row.getByText('Valid', { exact: true }).isVisible()).toBe(true)
  })

  it('the coordinator gives the member the Fire role in the admin panel', async () => {
    await coordinatorPage.goto('/admin/collections/volunteer-assignments/create')
    await coordinatorPage.locator('#field-member .rs__control').click()
    await coordinatorPage.locator('#field-member input').fill('fern.firefighter')
    await coordinatorPage.locator('.rs__option', { hasText: volunteer.email }).click()
    await coordinatorPage.locator('#field-role .rs__control').click()
    await coordinatorPage.locator('.rs__option').filter({ hasText: /^Fire$/ }).click()
    await coordinatorPage.locator('#action-save').click()
    await coordinatorPage.waitForURL(/\/admin\/collections\/volunteer-assignments\/\d+/)
    await screenshot(coordinatorPage, '22-admin-role-assigned')
  })

  it('the member sees the Fire role and an open Fire shift, signs up, and finds it under My shifts', async () => {
    // a Fire shift in a fortnight, put on the rota by the coordinator
    const startsAt = new Date(Date.now() + 14 * DAY)
    startsAt.setUTCHours(9, 0, 0, 0)
    const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000)
    const created = await ok(
      browserFetch(coordinatorPage, 'POST', '/api/shifts?depth=0', {
        role: fireRoleId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        location: 'Fire station, Hangar 1',
        peopleNeeded: 2,
      }),
    )
    shift = { id: created.doc.id, title: created.doc.title }
    expect(shift.title).toMatch(/^Fire · /)

    await memberPage.reload()
    const role = memberPage.getByTestId('my-role').filter({ hasText: 'Fire' })
    expect(await role.getByText('Active', { exact: true }).isVisible()).toBe(true)

    const open = memberPage.getByTestId('open-shift').filter({ hasText: shift.title })
    await open.waitFor()
    expect(await open.textContent()).toMatch(/Fire station, Hangar 1/)
    expect(await open.textContent()).toMatch(/2 places left/)
    expect(await memberPage.getByTestId('my-shifts').getByText('You are not signed up for any coming shifts.').isVisible()).toBe(true)
    await screenshot(memberPage, '23-volunteering-open-shift')

    await open.getByRole('button', { name: `Sign up for ${shift.title}` }).click()
    await memberPage.getByRole('status').filter({ hasText: `You are on the shift: ${shift.title}.` }).waitFor()
    const mine = memberPage.getByTestId('my-shift').filter({ hasText: shift.title })
    await mine.waitFor()
    expect(await mine.getByRole('button', { name: `Withdraw from ${shift.title}` }).isVisible()).toBe(true)
    expect(await memberPage.getByTestId('open-shift').filter({ hasText: shift.title }).count()).toBe(0)
    await screenshot(memberPage, '24-volunteering-signed-up')

    // it stays there after a fresh load
    await memberPage.reload()
    await memberPage.getByTestId('my-shift').filter({ hasText: shift.title }).waitFor()
  })

  it('the coordinator sees the place still to fill on the schedule, the member on the roster, and the volunteer list', async () => {
    await coordinatorPage.goto('/admin/collections/shifts')
    const schedule = coordinatorPage.getByTestId('shift-schedule')
    const fire = schedule.getByRole('region', { name: /^Fire/ })
    const row = fire.getByRole('row').filter({ hasText: 'Fire station, Hangar 1' })
    await row.waitFor()
    expect(await row.textContent()).toMatch(/1 of 2/)
    expect(await row.textContent()).toMatch(/1 place to fill/)
    await screenshot(coordinatorPage, '24a-admin-shift-schedule')

    await coordinatorPage.goto(`/admin/collections/shifts/${shift.id}`)
    const roster = coordinatorPage.getByTestId('shift-roster')
    await roster.getByRole('button', { name: `Remove ${volunteer.firstName} ${volunteer.lastName} from this shift` }).waitFor()
    expect(await roster.textContent()).toMatch(/Signed up/)
    expect(await roster.getByTestId('shift-candidates').textContent()).toMatch(/On this shift/)
    await screenshot(coordinatorPage, '24b-admin-shift-roster')

    await coordinatorPage.goto('/admin/collections/volunteer-assignments')
    const list = coordinatorPage.getByTestId('volunteer-list')
    const fern = list.getByRole('row').filter({ hasText: volunteer.email })
    await fern.waitFor()
    expect(await fern.textContent()).toMatch(/Fire/)
    expect(await fern.textContent()).toMatch(/OK/)
  })

  it('the member records when they can help, and it is kept', async () => {
    await memberPage.getByRole('button', { name: 'Add a weekly time' }).click()
    const slot = memberPage.getByRole('group', { name: 'Weekly time 1' })
    // the new row has the keyboard focus, ready to fill in
    expect(await slot.getByLabel('Day').evaluate((el) => el === document.activeElement)).toBe(true)
    await slot.getByLabel('Day').selectOption('sun')
    await slot.getByLabel('From').fill('16:00')
    await slot.getByLabel('To').fill('10:00')
    await memberPage.getByRole('button', { name: 'Add dates' }).click()
    const away = memberPage.getByRole('group', { name: 'Dates 1' })
    await away.getByLabel('First day').fill('2027-08-10')
    await away.getByLabel('Last day').fill('2027-08-20')
    await away.getByLabel('Note').fill('Summer holiday')
    await memberPage.getByRole('group', { name: 'Roles I am interested in' }).getByLabel('Fire').check()

    // hours that run backwards: the server's refusal is read out and nothing is kept
    const availability = memberPage.getByRole('region', { name: 'My availability' })
    await availability.getByRole('button', { name: 'Save availability' }).click()
    await availability.getByRole('alert').filter({ hasText: '"to" must be after "from"' }).waitFor()
    await slot.getByLabel('From').fill('10:00')
    await slot.getByLabel('To').fill('16:00')
    await availability.getByRole('button', { name: 'Save availability' }).click()
    await availability.getByRole('status').filter({ hasText: 'Your availability is saved.' }).waitFor()
    expect(await availability.getByRole('alert').count()).toBe(0)

    await memberPage.reload()
    const saved = memberPage.getByRole('group', { name: 'Weekly time 1' })
    expect(await saved.getByLabel('Day').inputValue()).toBe('sun')
    expect(await saved.getByLabel('From').inputValue()).toBe('10:00')
    expect(await saved.getByLabel('To').inputValue()).toBe('16:00')
    const dates = memberPage.getByRole('group', { name: 'Dates 1' })
    expect(await dates.getByLabel('On these days').inputValue()).toBe('unavailable')
    expect(await dates.getByLabel('First day').inputValue()).toBe('2027-08-10')
    expect(await dates.getByLabel('Last day').inputValue()).toBe('2027-08-20')
    expect(await memberPage.getByRole('group', { name: 'Roles I am interested in' }).getByLabel('Fire').isChecked()).toBe(true)

    // a second save changes the same record
    await memberPage.getByRole('button', { name: 'Remove dates 1' }).click()
    await memberPage.getByRole('button', { name: 'Save availability' }).click()
    await memberPage.getByRole('status').filter({ hasText: 'Your availability is saved.' }).waitFor()
    await memberPage.reload()
    expect(await memberPage.getByRole('group', { name: 'Dates 1' }).count()).toBe(0)
    expect(await memberPage.getByRole('group', { name: 'Weekly time 1' }).getByLabel('Day').inputValue()).toBe('sun')
    await screenshot(memberPage, '25-volunteering-availability')
  })

  it('the member withdraws before the shift starts; it is open to them again', async () => {
    await memberPage.getByRole('button', { name: `Withdraw from ${shift.title}` }).click()
    await memberPage.getByRole('status').filter({ hasText: `You are off the shift: ${shift.title}.` }).waitFor()
    await memberPage.getByTestId('open-shift').filter({ hasText: shift.title }).waitFor()
    expect(await memberPage.getByTestId('my-shift').count()).toBe(0)
  })
})
