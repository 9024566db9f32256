import type { CollectionConfig, Field } from 'payload'

import { collectionAccess, fieldAccess, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { lockBeforeWrite } from '@/lib/rowLock'
import { MEMBERSHIP_STATUSES, STATUS_LABELS } from '@/membership/lifecycle'

import { transitionEndpoint } from './endpoints/transition'
import { prepareApplication } from './hooks/prepareApplication'
import { setTitle } from './hooks/setTitle'

/** Set only by the system (applications, transitions, payments), never through the API or the form. */
const systemOnly = (field: string) => systemFieldAccess('memberships', field)

const statusOptions = MEMBERSHIP_STATUSES.map((value) => ({ label: STATUS_LABELS[value], value }))

const historyFields: Field[] = [
  { name: 'from', type: 'select', options: statusOptions },
  { name: 'to', type: 'select', options: statusOptions, required: true },
  { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  {
    name: 'cause',
    type: 'select',
    required: true,
    options: ['member', 'admin', 'payment', 'job', 'system'].map((value) => ({ label: value, value })),
  },
  { name: 'actor', type: 'relationship', relationTo: 'users' },
  { name: 'reason', type: 'textarea' },
  { name: 'payment', type: 'text', admin: { description: 'The payment that caused it, if any.' } },
]

export const Memberships: CollectionConfig = {
  slug: 'memberships',
  labels: { singular: 'Membership', plural: 'Memberships' },
  admin: {
    group: 'Membership',
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'periodEnd', 'membershipNumber'],
    listSearchableFields: ['title', 'membershipNumber'],
    description: 'Who holds which tier, for which period. Status changes go through POST /api/memberships/:id/transition.',
  },
  access: collectionAccess('memberships', { own: ownedByMember }),
  endpoints: [transitionEndpoint],
  hooks: { beforeOperation: [lockBeforeWrite('memberships')], beforeValidate: [prepareApplication], beforeChange: [setTitle] },
  fields: [
    {
      name: 'title',
      type: 'text',
      access: systemOnly('title'),
      admin: { hidden: true },
    },
    {
      type: 'row',
      fields: [
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, access: { update: () => false } },
        { name: 'tier', type: 'relationship', relationTo: 'tiers', required: true, access: { update: () => false } },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: statusOptions,
      access: systemOnly('status'),
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'statusActions',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/collections/memberships/components/StatusActions#StatusActions' },
      },
    },
    {
      name: 'membershipNumber',
      type: 'text',
      unique: true,
      access: systemOnly('membershipNumber'),
      admin: { position: 'sidebar', readOnly: true, description: 'Assigned on first activation; never reused.' },
    },
    {
      type: 'row',
      fields: [
        { name: 'periodStart', type: 'date', access: systemOnly('periodStart'), admin: { readOnly: true } },
        { name: 'periodEnd', type: 'date', index: true, access: systemOnly('periodEnd'), admin: { readOnly: true } },
      ],
    },
    {
      name: 'history',
      type: 'array',
      access: systemOnly('history'),
      admin: { readOnly: true, initCollapsed: true, description: 'Every status change: appended automatically, never edited.' },
      fields: historyFields,
    },
    {
      name: 'openKey',
      type: 'text',
      unique: true,
      access: { ...systemOnly('openKey'), read: () => false },
      admin: { hidden: true },
    },
    {
      name: 'internalNotes',
      type: 'textarea',
      access: fieldAccess('memberships', 'internalNotes'),
      admin: { position: 'sidebar', description: 'Seen by admins and the secretary only.' },
    },
  ],
}
