import type { CollectionConfig } from 'payload'

import { collectionAccess, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { standingFlag } from '@/volunteering/standing'
import { EXPORT_CSV_MENU_ITEM } from '@/exports/menuItem'

import { volunteerHoursExportEndpoint } from './endpoints/exportCsv'
import { volunteerEndpoints } from './endpoints/volunteers'
import { checkAssignment } from './hooks/checkAssignment'

/**
 * Members assigned to volunteer roles (SPEC §7). The list flags assignments whose certificates
 * expire soon or no longer cover the role; the list above it sums up each volunteer.
 */
export const VolunteerAssignments: CollectionConfig = {
  slug: 'volunteer-assignments',
  labels: { singular: 'Role assignment', plural: 'Role assignments' },
  admin: {
    group: 'Volunteering',
    defaultColumns: ['member', 'role', 'status', 'certificates', 'certificatesValidUntil'],
    description: 'Who holds which role. "Certificates" flags anyone whose certificates expire within 30 days or no longer cover the role.',
    components: { beforeListTable: ['/collections/volunteer-assignments/components/VolunteerList#VolunteerList'], listMenuItems: [EXPORT_CSV_MENU_ITEM] },
  },
  defaultSort: '-createdAt',
  access: collectionAccess('volunteer-assignments', { own: ownedByMember }),
  indexes: [{ fields: ['member', 'role'], unique: true }],
  endpoints: [volunteerHoursExportEndpoint, ...volunteerEndpoints],
  hooks: { beforeChange: [checkAssignment] },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true },
        { name: 'role', type: 'relationship', relationTo: 'volunteer-roles', required: true, index: true },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'active',
      index: true,
      options: [
        { label: 'Active', value: 'active' },
        { label: 'Ended', value: 'ended' },
      ],
      admin: { description: 'End an assignment rather than delete it, to keep the record.' },
    },
    {
      name: 'certificates',
      label: 'Certificates',
      type: 'text',
      virtual: true,
      admin: { readOnly: true, description: 'Whether the certificates the role requires are valid today.' },
      hooks: { afterRead: [({ siblingData }) => standingFlag(siblingData)] },
    },
    {
      name: 'certificatesValidUntil',
      label: 'Certificates valid until',
      type: 'date',
      index: true,
      access: systemFieldAccess('volunteer-assignments', 'certificatesValidUntil'),
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' }, description: 'Empty when nothing the role requires expires.' },
    },
    {
      name: 'certificateIssue',
      type: 'text',
      access: systemFieldAccess('volunteer-assignments', 'certificateIssue'),
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'assignedAt', type: 'date', access: systemFieldAccess('volunteer-assignments', 'assignedAt'), admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'assignedBy', type: 'relationship', relationTo: 'users', access: systemFieldAccess('volunteer-assignments', 'assignedBy'), admin: { readOnly: true, position: 'sidebar' } },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
  ],
}
