import type { CollectionBeforeValidateHook, CollectionConfig, PayloadRequest } from 'payload'

import type { Availability as AvailabilityDoc } from '@payload-types'

import { collectionAccess, idOf, ownedByMember } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { WEEKDAYS, isClockTime } from '@/volunteering/availability'

const managesAvailability = (req: PayloadRequest) => !req.user || reachesAll('availability', req.user as Actor, 'update')

/** One record per member, theirs; weekly hours run forwards, date ranges end on or after they start. */
const prepareAvailability: CollectionBeforeValidateHook<AvailabilityDoc> = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  const next = { ...data }
  if (operation === 'create') {
    next.member = managesAvailability(req) ? ((idOf(data.member) as number | undefined) ?? (req.user?.id as number)) : (req.user!.id as number)
    const existing = await req.payload.count({ collection: 'availability', where: { member: { equals: next.member } }, req, overrideAccess: true })
    if (existing.totalDocs > 0) throw new RefusedError('Availability is already recorded for this member; change that record instead.', 409)
  } else if (!managesAvailability(req)) next.member = originalDoc?.member
  for (const list of ['weekly', 'dates'] as const) {
    if (next[list] !== undefined && next[list] !== null && !Array.isArray(next[list])) throw new RefusedError(`${list === 'weekly' ? 'Weekly availability' : 'Dates'}: a list of entries.`, 400)
  }
  for (const [i, slot] of (next.weekly ?? []).entries()) {
    if (!WEEKDAYS.includes(slot?.day as never)) throw new RefusedError(`Weekly availability ${i + 1}: choose a day (mon to sun).`, 400)
    if (!isClockTime(slot.from) || !isClockTime(slot.to)) throw new RefusedError(`Weekly availability ${i + 1}: times look like 09:00 or 17:30.`, 400)
    if (slot.from >= slot.to) throw new RefusedError(`Weekly availability ${i + 1}: "to" must be after "from".`, 400)
  }
  for (const [i, range] of (next.dates ?? []).entries()) {
    const from = new Date(range?.from ?? '')
    const to = new Date(range?.to ?? '')
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RefusedError(`Dates ${i + 1}: give a first and a last day.`, 400)
    if (to < from) throw new RefusedError(`Dates ${i + 1}: the last day is before the first.`, 400)
  }
  return next
}

/**
 * When a member can help (SPEC §7): the hours they are usually free each week, dates when they
 * can or cannot, and the roles that interest them. Coordinators see it beside each candidate
 * when filling a shift.
 */
export const Availability: CollectionConfig = {
  slug: 'availability',
  labels: { singular: 'Availability', plural: 'Availability' },
  admin: { group: 'Volunteering', defaultColumns: ['member', 'interestedRoles', 'updatedAt'] },
  access: collectionAccess('availability', { own: ownedByMember }),
  indexes: [{ fields: ['member'], unique: true }],
  hooks: { beforeValidate: [prepareAvailability] },
  fields: [
    { name: 'member', type: 'relationship', relationTo: 'users', required: true },
    {
      name: 'weekly',
      label: 'Usually free',
      labels: { singular: 'Weekly slot', plural: 'Weekly slots' },
      type: 'array',
      maxRows: 28,
      admin: { components: { RowLabel: '/src/admin/RowLabels#WeeklySlotRowLabel' } },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'day', type: 'select', required: true, options: WEEKDAYS.map((value) => ({ label: value[0]!.toUpperCase() + value.slice(1), value })) },
            { name: 'from', type: 'text', required: true, admin: { placeholder: '09:00' } },
            { name: 'to', type: 'text', required: true, admin: { placeholder: '17:00' } },
          ],
        },
      ],
    },
    {
      name: 'dates',
      label: 'Dates',
      labels: { singular: 'Date range', plural: 'Dates' },
      type: 'array',
      maxRows: 100,
      admin: { components: { RowLabel: '/src/admin/RowLabels#DateRangeRowLabel' } },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'kind',
              type: 'select',
              required: true,
              defaultValue: 'unavailable',
              options: [
                { label: 'Can help', value: 'available' },
                { label: 'Cannot help', value: 'unavailable' },
              ],
            },
            { name: 'from', label: 'First day', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayOnly' } } },
            { name: 'to', label: 'Last day', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayOnly' } } },
            { name: 'note', type: 'text', maxLength: 200 },
          ],
        },
      ],
    },
    { name: 'interestedRoles', label: 'Roles I am interested in', type: 'relationship', relationTo: 'volunteer-roles', hasMany: true },
    { name: 'notes', type: 'textarea', maxLength: 1000 },
  ],
}
