import { addDays } from 'date-fns/addDays'
import type { Payload, Where } from 'payload'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { MEMBERSHIP_STATUSES, STATUS_LABELS } from '@/membership/lifecycle'

export type GlanceFigure = { key: string; label: string; count: number; href: string }
export type GlancePanel = { key: 'membership' | 'statuses' | 'money'; title: string; figures: GlanceFigure[] }

export const RENEWAL_WINDOW_DAYS = 30

/**
 * `where[status][equals]=applied` and so on: a where clause as the admin panel's list view reads
 * it from its address, so a figure links to exactly the documents it counts.
 */
export function listHref(collection: string, where: Where): string {
  const params = new URLSearchParams()
  const add = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) add(`${prefix}[${key}]`, inner)
    } else params.append(prefix, String(value))
  }
  for (const [key, value] of Object.entries(where)) add(`where[${key}]`, value)
  return `/admin/collections/${collection}?${params.toString()}`
}

/**
 * The state of the association on the admin home (issue 13 point 7): applications waiting,
 * payments pending, renewals due within 30 days and members by status. Each figure is a SQL
 * count (no documents are loaded), counted as the signed-in person — with their access — and a
 * panel is shown only to a role the permission matrix lets read the whole collection.
 */
export async function associationAtAGlance(payload: Payload, user: Actor, now = new Date()): Promise<GlancePanel[]> {
  const count = async (collection: 'memberships' | 'payments', key: string, label: string, where: Where): Promise<GlanceFigure> => {
    const { totalDocs } = await payload.count({ collection, where, user: user as never, overrideAccess: false })
    return { key, label, count: totalDocs, href: listHref(collection, where) }
  }
  const panels: Promise<GlancePanel>[] = []
  if (user && reachesAll('memberships', user, 'read')) {
    const renewals: Where = {
      and: [{ status: { equals: 'active' } }, { periodEnd: { greater_than_equal: now.toISOString() } }, { periodEnd: { less_than_equal: addDays(now, RENEWAL_WINDOW_DAYS).toISOString() } }],
    }
    panels.push(
      Promise.all([
        count('memberships', 'applications', 'Applications waiting for approval', { status: { equals: 'applied' } }),
        count('memberships', 'renewals', `Renewals due in the next ${RENEWAL_WINDOW_DAYS} days`, renewals),
      ]).then((figures) => ({ key: 'membership', title: 'Membership', figures })),
    )
    panels.push(
      Promise.all(MEMBERSHIP_STATUSES.map((status) => count('memberships', `status-${status}`, STATUS_LABELS[status], { status: { equals: status } }))).then(
        (figures) => ({ key: 'statuses', title: 'Memberships by status', figures }),
      ),
    )
  }
  if (user && reachesAll('payments', user, 'read')) {
    panels.push(
      count('payments', 'payments-pending', 'Payments pending', { status: { equals: 'pending' } }).then((figure) => ({
        key: 'money',
        title: 'Money',
        figures: [figure],
      })),
    )
  }
  return Promise.all(panels)
}
