/**
 * The admin home's "at a glance" (issue 13 point 7): SQL counts of what needs attention, each a
 * link to the list it counts, shown only to roles the permission matrix lets read the collection.
 */
import { randomUUID } from 'node:crypto'

import type { Payload } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Tier, User } from '@payload-types'

import { AtAGlance } from '@/admin/AtAGlance'
import { associationAtAGlance } from '@/admin/glance'

import { daysFrom, memberWithMembership } from './helpers/memberships'
import { bootPayload, createUser, rest } from './helpers/payload'

let payload: Payload
const now = new Date()
const staff: Record<string, { user: User; token: string }> = {}

beforeAll(async () => {
  payload = await bootPayload()
  const tier = (await payload.create({
    collection: 'tiers',
    data: { name: 'Personal', fee: 500, currency: 'GBP', period: 'rolling', kind: 'individual', graceDays: 30 },
  })) as Tier
  const fixture: [Parameters<typeof memberWithMembership>[2]['status'], number][] = [
    ['applied', 40],
    ['applied', 40],
    ['awaiting_payment', 40],
    ['active', 3], // due for renewal
    ['active', 29], // due for renewal
    ['active', 45], // not yet
    ['grace', -5],
    ['lapsed', -60],
  ]
  const made: Awaited<ReturnType<typeof memberWithMembership>>[] = []
  for (const [status, days] of fixture) made.push(await memberWithMembership(payload, tier, { status, periodEnd: daysFrom(now, days) }))

  // two card payments waiting for the provider, one that failed and a cash donation that succeeded
  const card = (i: number, status: 'pending' | 'failed') => ({
    member: made[i]!.user.id,
    membership: made[i]!.membership.id,
    amount: 500,
    currency: 'GBP',
    method: 'dummy',
    purpose: 'membership',
    status,
    idempotencyKey: randomUUID(),
  })
  for (const data of [card(2, 'pending'), card(0, 'pending'), card(1, 'failed')]) await payload.create({ collection: 'payments', data: data as never })
  await payload.create({ collection: 'payments', data: { member: made[3]!.user.id, amount: 1000, currency: 'GBP', method: 'cash', purpose: 'donation', status: 'succeeded', paidAt: now.toISOString() } as never })

  for (const role of ['admin', 'secretary', 'treasurer', 'events', 'volunteers', 'member'] as const) staff[role] = await createUser(payload, [role])
})

afterEach(() => vi.restoreAllMocks())

const figures = async (role: string) =>
  Object.fromEntries((await associationAtAGlance(payload, staff[role]!.user, now)).flatMap((panel) => panel.figures.map((f) => [f.key, f.count])))

describe('the admin home at a glance', () => {
  it('counts applications waiting, renewals due within 30 days, payments pending and members by status', async () => {
    expect(await figures('admin')).toEqual({
      applications: 2,
      renewals: 2,
      'status-applied': 2,
      'status-approved': 0,
      'status-rejected': 0,
      'status-awaiting_payment': 1,
      'status-active': 3,
      'status-grace': 1,
      'status-lapsed': 1,
      'status-cancelled': 0,
      'payments-pending': 2,
    })
  })

  it('counts in SQL: no documents are loaded, one count per figure', async () => {
    const find = vi.spyOn(payload, 'find')
    const count = vi.spyOn(payload, 'count')
    await associationAtAGlance(payload, staff.admin!.user, now)
    expect(find).not.toHaveBeenCalled()
    expect(count).toHaveBeenCalledTimes(11)
  })

  it('links each figure to the admin list filtered to exactly what it counts', async () => {
    const panels = await associationAtAGlance(payload, staff.admin!.user, now)
    const all = panels.flatMap((panel) => panel.figures)
    expect(all.find((f) => f.key === 'applications')!.href).toBe('/admin/collections/memberships?where%5Bstatus%5D%5Bequals%5D=applied')
    for (const figure of all) {
      const url = new URL(figure.href, 'http://localhost')
      const collection = url.pathname.replace('/admin/collections/', '')
      // the REST API reads the same where syntax as the admin list view
      const listed = await rest('GET', `/${collection}?${url.searchParams.toString()}&depth=0&limit=1`, { token: staff.admin!.token })
      expect(listed.status, figure.href).toBe(200)
      expect(listed.body.totalDocs, figure.label).toBe(figure.count)
    }
  })

  it('renders the panels as links in words, for the secretary and the treasurer too', async () => {
    const html = renderToStaticMarkup((await AtAGlance({ payload, user: staff.treasurer!.user as never }))!)
    expect(html).toContain('data-hangar-component="AtAGlance"')
    expect(html).toContain('<strong style="font-variant-numeric:tabular-nums">2</strong> Applications waiting for approval</a>')
    expect(html).toContain('<strong style="font-variant-numeric:tabular-nums">2</strong> Renewals due in the next 30 days</a>')
    expect(html).toContain('<strong style="font-variant-numeric:tabular-nums">2</strong> Payments pending</a>')
    expect(html).toContain('href="/admin/collections/payments?where%5Bstatus%5D%5Bequals%5D=pending"')
    expect((await figures('secretary'))['payments-pending']).toBe(2)
  })

  it('shows a panel only to roles that may read its collection', async () => {
    // the events and volunteer coordinators may read neither memberships nor payments
    for (const role of ['events', 'volunteers', 'member']) {
      expect(await associationAtAGlance(payload, staff[role]!.user, now), role).toEqual([])
      expect(await AtAGlance({ payload, user: staff[role]!.user as never }), role).toBeNull()
    }
    const titles = (await associationAtAGlance(payload, staff.treasurer!.user, now)).map((panel) => panel.title)
    expect(titles).toEqual(['Membership', 'Memberships by status', 'Money'])
  })
})
