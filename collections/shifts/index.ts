import type { CollectionConfig } from 'payload'

import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'

import { rosterEndpoints } from './endpoints/roster'
import { prepareShift } from './hooks/prepareShift'

/**
 * Volunteer shifts (SPEC §7). People join and leave through the endpoints (sign-up from the
 * portal, assign and remove by coordinators), never by editing the roster field, so places,
 * eligibility and overlaps are always checked under a lock.
 */
export const Shifts: CollectionConfig = {
  slug: 'shifts',
  labels: { singular: 'Shift', plural: 'Shifts' },
  admin: {
    group: 'Volunteering',
    useAsTitle: 'title',
    defaultColumns: ['title', 'role', 'startsAt', 'location', 'peopleNeeded', 'openPlaces'],
    components: { beforeListTable: ['/collections/shifts/components/ShiftSchedule#ShiftSchedule'] },
  },
  defaultSort: 'startsAt',
  access: collectionAccess('shifts'),
  endpoints: rosterEndpoints,
  hooks: { beforeChange: [prepareShift] },
  fields: [
    { name: 'title', type: 'text', access: systemFieldAccess('shifts', 'title'), admin: { readOnly: true, description: 'Role and start, set automatically.' } },
    {
      type: 'row',
      fields: [
        { name: 'role', type: 'relationship', relationTo: 'volunteer-roles', required: true, index: true },
        { name: 'event', type: 'relationship', relationTo: 'events', admin: { description: 'Optional: the event this shift serves.' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'startsAt', label: 'Starts', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'endsAt', label: 'Ends', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'location', type: 'text', maxLength: 200 },
        { name: 'peopleNeeded', label: 'People needed', type: 'number', required: true, defaultValue: 1, min: 1, max: 500 },
        { name: 'openPlaces', label: 'Places left', type: 'number', index: true, access: systemFieldAccess('shifts', 'openPlaces'), admin: { readOnly: true } },
      ],
    },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    { name: 'roster', type: 'ui', admin: { components: { Field: '/collections/shifts/components/ShiftRoster#ShiftRoster' } } },
    {
      name: 'assigned',
      label: 'Volunteers on this shift',
      type: 'array',
      access: systemFieldAccess('shifts', 'assigned'),
      admin: { readOnly: true, condition: () => false },
      fields: [
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
        {
          name: 'via',
          type: 'select',
          options: [
            { label: 'Signed up', value: 'signup' },
            { label: 'Assigned by a coordinator', value: 'coordinator' },
          ],
        },
        { name: 'addedAt', type: 'date' },
        { name: 'addedBy', type: 'relationship', relationTo: 'users' },
        { name: 'attended', type: 'checkbox', defaultValue: false },
        { name: 'hours', type: 'number', min: 0, max: 24, custom: { decimal: true } }, // 2.5 hours is fine (input guards take number fields as whole numbers otherwise)
      ],
    },
  ],
}
