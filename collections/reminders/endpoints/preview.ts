import type { Endpoint } from 'payload'

import type { Membership, Tier, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import type { MembershipStatus } from '@/membership/lifecycle'
import type { PreviewCandidate } from '@/membership/reminders'
import { dueWindow, previewReminders } from '@/membership/reminders'

import { reminderContext, reminderSchedule, remindableMemberships } from '../../../jobs/renewalReminders'

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
    if (!reachesAll('reminders', req.user as Actor, 'read')) throw new RefusedError('Only admins and the secretary can preview reminders.', 403)
    const raw = req.searchParams?.get('days') ?? '30'
    const days = Number(raw)
    if (!/^\d+$/.test(raw) || days < 1 || days > MAX_PREVIEW_DAYS) throw new RefusedError(`"days" is a whole number from 1 to ${MAX_PREVIEW_DAYS}.`, 400)

    const { payload } = req
    const today = new Date()
    const schedule = await reminderSchedule(payload)
    const window = dueWindow(today, schedule, days)
    const memberships: Membership[] = []
    const candidates: PreviewCandidate[] = []
    const members = new Map<number | string, User>()
    for (let afterId = 0; ; ) {
      const batch = await remindableMemberships(payload, window, { afterId, limit: 1000 })
      if (batch.length === 0) break
      afterId = batch.at(-1)!.id
      const { sentFor, memberOf } = await reminderContext(payload, batch)
      for (const m of batch) {
        const member = memberOf(m)
        if (!member || member.emailPreferences?.renewalReminders === false) continue
        memberships.push(m)
        members.set(m.id, member)
        candidates.push({ id: m.id, status: m.status as MembershipStatus, periodEnd: m.periodEnd!, sent: sentFor(m) })
      }
    }
    const tiers = await payload.find({ collection: 'tiers', pagination: false, depth: 0, overrideAccess: true, select: { name: true } })
    const tierName = new Map((tiers.docs as Tier[]).map((t) => [t.id, t.name]))
    const byId = new Map(memberships.map((m) => [m.id, m]))
    const entries = previewReminders(candidates, today, days, schedule).map((entry) => {
      const membership = byId.get(entry.membership as number)!
      const member = members.get(membership.id)!
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
