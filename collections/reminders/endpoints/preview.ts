import type { Endpoint } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { rulesFor, scopesFor } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import type { MembershipStatus } from '@/membership/lifecycle'
import { REMINDABLE_STATUSES, dueWindow, previewReminders } from '@/membership/reminders'

import { reminderSchedule } from '../../../jobs/renewalReminders'

export const MAX_PREVIEW_DAYS = 366

/**
 * `GET /api/reminders/preview?days=N` (admin, secretary): who will get which renewal reminder
 * on which of the next N days if nothing changes (renewals, opt-outs). Sends nothing.
 */
export const previewEndpoint: Endpoint = {
  path: '/preview',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to preview reminders.', 401)
    if (scopesFor(rulesFor('reminders'), req.user as Actor, 'read') !== 'all') throw new RefusedError('Only admins and the secretary can preview reminders.', 403)
    const raw = req.searchParams?.get('days') ?? '30'
    const days = Number(raw)
    if (!/^\d+$/.test(raw) || days < 1 || days > MAX_PREVIEW_DAYS) throw new RefusedError(`"days" is a whole number from 1 to ${MAX_PREVIEW_DAYS}.`, 400)

    const { payload } = req
    const today = new Date()
    const schedule = await reminderSchedule(payload)
    const window = dueWindow(today, schedule, days)
    const { docs } = await payload.find({
      collection: 'memberships',
      where: {
        and: [
          { status: { in: [...REMINDABLE_STATUSES] } },
          { periodEnd: { greater_than_equal: window.from.toISOString() } },
          { periodEnd: { less_than: window.to.toISOString() } },
        ],
      },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { member: true, tier: true, status: true, periodEnd: true, membershipNumber: true, title: true },
    })
    const memberships = docs as Membership[]
    const ids = memberships.map((m) => m.id)
    const [ledger, members, tiers] = await Promise.all([
      payload.find({ collection: 'reminders', where: { membership: { in: ids } }, pagination: false, depth: 0, overrideAccess: true, select: { membership: true, periodEnd: true, step: true } }),
      payload.find({
        collection: 'users',
        where: { id: { in: [...new Set(memberships.map((m) => idOf(m.member)))] } },
        pagination: false,
        depth: 0,
        overrideAccess: true,
        select: { email: true, firstName: true, lastName: true, emailPreferences: true },
      }),
      payload.find({ collection: 'tiers', pagination: false, depth: 0, overrideAccess: true, select: { name: true } }),
    ])
    const memberById = new Map((members.docs as User[]).map((u) => [u.id, u]))
    const tierName = new Map((tiers.docs as Tier[]).map((t) => [t.id, t.name]))
    const candidates = memberships
      .filter((m) => memberById.get(idOf(m.member) as number)?.emailPreferences?.renewalReminders !== false)
      .map((m) => ({
        id: m.id,
        status: m.status as MembershipStatus,
        periodEnd: m.periodEnd!,
        sent: ledger.docs.filter((r) => idOf(r.membership) === m.id && new Date(r.periodEnd).getTime() === new Date(m.periodEnd!).getTime()).map((r) => r.step),
      }))
    const byId = new Map(memberships.map((m) => [m.id, m]))
    const entries = previewReminders(candidates, today, days, schedule).map((entry) => {
      const membership = byId.get(entry.membership as number)!
      const member = memberById.get(idOf(membership.member) as number)!
      return {
        on: entry.on.toISOString().slice(0, 10),
        step: entry.step,
        daysFromEnd: entry.offset,
        periodEnd: entry.periodEnd,
        membership: { id: membership.id, number: membership.membershipNumber ?? null, tier: tierName.get(idOf(membership.tier) as number) ?? null },
        member: { id: member.id, name: `${member.firstName} ${member.lastName}`, email: member.email },
      }
    })
    return Response.json({ from: today.toISOString().slice(0, 10), days, entries }, { headers: { 'Cache-Control': 'no-store' } })
  },
}
