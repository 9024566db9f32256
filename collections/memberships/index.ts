import type { CollectionConfig, Field, Where } from 'payload'

import { collectionAccess, fieldAccess, idOf, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { filledByServer } from '@/admin/fields'
import { lockRow } from '@/lib/findOrRefuse'
import { MEMBERSHIP_STATUSES, STATUS_LABELS } from '@/membership/lifecycle'
import { EXPORT_CSV_MENU_ITEM } from '@/exports/menuItem'

import { lockBeforeWrite } from '../../hooks/lockBeforeWrite'
import { cardPdfEndpoint } from './endpoints/cardPdf'
import { membershipsExportEndpoint } from './endpoints/exportCsv'
import { groupEndpoints } from './endpoints/groups'
import { renewByLinkEndpoint } from './endpoints/renewByLink'
import { transitionEndpoint } from './endpoints/transition'
import { announceApplication } from './hooks/announceApplication'
import { checkGroups } from './hooks/checkGroups'
import { forgetMemberAccess, forgetMemberAccessOnDelete } from './hooks/forgetMemberAccess'
import { prepareApplication } from './hooks/prepareApplication'
import { setTitle } from './hooks/setTitle'

/** Set only by the system (applications, transitions, payments), never through the API or the form. */
const systemOnly = (field: string) => systemFieldAccess('memberships', field)

/** Seat holders and household members: named by email, so they may not have an account yet. */
const personFields: Field[] = [
  // indexed: who holds a seat is asked by email on every member's request (src/access/membership.ts)
  { name: 'email', type: 'email', required: true, index: true },
  { name: 'addedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
  { name: 'addedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
]

/** Shown for a tier of this kind, or while the tier is not yet known (a new membership). */
const appliesTo =
  (kind: 'organisation' | 'household') =>
  (data: Partial<{ tierKind: string | null; tier: unknown }>): boolean =>
    !data?.tierKind || data.tierKind === kind

const statusOptions = MEMBERSHIP_STATUSES.map((value) => ({ label: STATUS_LABELS[value], value }))

const historyFields: Field[] = [
  { name: 'from', type: 'select', options: statusOptions },
  { name: 'to', type: 'select', options: statusOptions, required: true },
  // indexed: the reports count the history by month over a range (src/reports/movement.ts)
  { name: 'at', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  {
    name: 'cause',
    type: 'select',
    required: true,
    options: [
      { label: 'The member', value: 'member' },
      { label: 'Staff', value: 'admin' },
      { label: 'A payment', value: 'payment' },
      { label: 'Automatically (a daily task)', value: 'job' },
      { label: 'Automatically', value: 'system' },
    ],
  },
  { name: 'actor', type: 'relationship', relationTo: 'users' },
  { name: 'reason', type: 'textarea' },
  { name: 'payment', label: 'Payment', type: 'text', admin: { description: 'The payment that caused it, if any.' } },
]

export const Memberships: CollectionConfig = {
  slug: 'memberships',
  labels: { singular: 'Membership', plural: 'Memberships' },
  admin: {
    group: 'Membership',
    useAsTitle: 'title',
    defaultColumns: ['title', 'status', 'periodEnd', 'membershipNumber'],
    listSearchableFields: ['title', 'membershipNumber'],
    description: 'Who holds which tier, for which period. Change a status with the buttons beside the membership: they check what is allowed and record it in the history.',
    components: { listMenuItems: [EXPORT_CSV_MENU_ITEM] },
  },
  access: collectionAccess('memberships', { own: ownedByMember }),
  // the admin list filtered by status and sorted by period end, the renewal reminders' and the
  // expiry run's status + period-end windows, the admin home's renewals due. createdAt last:
  // Payload orders ties by it (`period_end DESC, created_at DESC`), so a page of the list is read
  // straight from the index even when a whole cohort shares one period end (calendar tiers)
  indexes: [{ fields: ['status', 'periodEnd', 'createdAt'] }],
  endpoints: [membershipsExportEndpoint, renewByLinkEndpoint, transitionEndpoint, ...groupEndpoints, cardPdfEndpoint],
  hooks: {
    beforeOperation: [lockBeforeWrite((req, id) => lockRow(req, 'memberships', id))],
    beforeValidate: [prepareApplication],
    beforeChange: [checkGroups, setTitle],
    afterChange: [forgetMemberAccess, announceApplication],
    afterDelete: [forgetMemberAccessOnDelete],
  },
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
      // The tier's kind, read through the relationship (not stored): hides what does not apply.
      name: 'tierKind',
      type: 'text',
      virtual: 'tier.kind',
      admin: { hidden: true },
    },
    {
      name: 'organisationName',
      type: 'text',
      maxLength: 120,
      admin: { condition: appliesTo('organisation'), description: 'The business or syndicate the membership is for.' },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: statusOptions,
      validate: filledByServer('A membership needs a status.'),
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
      admin: {
        readOnly: true,
        initCollapsed: true,
        description: 'Every status change, who made it and why: added automatically, never edited.',
        components: { RowLabel: '/collections/memberships/components/HistoryRowLabel#HistoryRowLabel' },
      },
      fields: historyFields,
    },
    {
      name: 'seatHolders',
      label: 'Seat holders',
      type: 'array',
      access: fieldAccess('memberships', 'seatHolders'),
      admin: {
        description:
          'People (by email) who get member access while this membership is active. The member above is the primary contact and adds them from the member site.',
        initCollapsed: true,
        condition: appliesTo('organisation'),
        components: { RowLabel: '/collections/memberships/components/PersonRowLabel#PersonRowLabel' },
      },
      fields: personFields,
    },
    {
      name: 'householdMembers',
      label: 'Household members',
      type: 'array',
      access: fieldAccess('memberships', 'householdMembers'),
      admin: {
        description: 'The rest of the household (by email). Each joins with a membership of their own at the household discount.',
        initCollapsed: true,
        condition: appliesTo('household'),
        components: { RowLabel: '/collections/memberships/components/PersonRowLabel#PersonRowLabel' },
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
      admin: {
        condition: appliesTo('household'),
        description: 'For the second and later members of a household: the household’s first membership. Earns the household discount.',
      },
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
      name: 'memberImport',
      label: 'Imported by',
      type: 'relationship',
      relationTo: 'member-imports',
      access: systemOnly('memberImport'),
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.memberImport), description: 'The spreadsheet import that brought this membership in.' },
    },
    {
      name: 'internalNotes',
      type: 'textarea',
      access: fieldAccess('memberships', 'internalNotes'),
      admin: { position: 'sidebar', description: 'Seen by admins and the secretary only.' },
    },
  ],
}
