import type { CollectionConfig, Field, Where } from 'payload'

import { collectionAccess, fieldAccess, idOf, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { lockRow } from '@/lib/findOrRefuse'
import { MEMBERSHIP_STATUSES, STATUS_LABELS } from '@/membership/lifecycle'

import { lockBeforeWrite } from '../../hooks/lockBeforeWrite'
import { groupEndpoints } from './endpoints/groups'
import { transitionEndpoint } from './endpoints/transition'
import { announceApplication } from './hooks/announceApplication'
import { checkGroups } from './hooks/checkGroups'
import { prepareApplication } from './hooks/prepareApplication'
import { setTitle } from './hooks/setTitle'

/** Set only by the system (applications, transitions, payments), never through the API or the form. */
const systemOnly = (field: string) => systemFieldAccess('memberships', field)

/** Seat holders and household members: named by email, so they may not have an account yet. */
const personFields: Field[] = [
  { name: 'email', type: 'email', required: true },
  { name: 'addedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
  { name: 'addedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
]

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
  endpoints: [transitionEndpoint, ...groupEndpoints],
  hooks: { beforeOperation: [lockBeforeWrite((req, id) => lockRow(req, 'memberships', id))], beforeValidate: [prepareApplication], beforeChange: [checkGroups, setTitle], afterChange: [announceApplication] },
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
      name: 'organisationName',
      type: 'text',
      maxLength: 120,
      admin: { description: 'For organisation tiers: the business or syndicate the membership is for.' },
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
      name: 'seatHolders',
      label: 'Seat holders',
      type: 'array',
      access: fieldAccess('memberships', 'seatHolders'),
      admin: {
        description:
          'Organisation tiers: people (by email) who get member access while this membership is active. The member above is the primary contact and adds them from the member site.',
        initCollapsed: true,
      },
      fields: personFields,
    },
    {
      name: 'householdMembers',
      label: 'Household members',
      type: 'array',
      access: fieldAccess('memberships', 'householdMembers'),
      admin: {
        description: 'Household tiers: the rest of the household (by email). Each joins with a membership of their own at the household discount.',
        initCollapsed: true,
      },
      fields: personFields,
    },
    {
      name: 'household',
      type: 'relationship',
      relationTo: 'memberships',
      index: true,
      access: fieldAccess('memberships', 'household'),
      filterOptions: ({ data }): Where => ({ and: [{ tier: { equals: idOf(data?.tier) ?? 0 } }, { household: { exists: false } }] as Where[] }),
      admin: { description: 'For the second and later members of a household: the household’s first membership. Earns the household discount.' },
    },
    {
      name: 'openKey',
      type: 'text',
      unique: true,
      // Two applications sent at once both pass prepareApplication's check; the index refuses one.
      custom: { uniqueConflict: 'This member already has an open membership of this tier.' },
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
