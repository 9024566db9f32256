import type { CollectionConfig, Field } from 'payload'

import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'
import { lockRow } from '@/lib/findOrRefuse'
import { INQUIRY_CAUSES, INQUIRY_STATUSES, INQUIRY_STATUS_LABELS, INQUIRY_TYPES, INQUIRY_TYPE_LABELS } from '@/inquiries/lifecycle'
import { INQUIRY_LIMITS } from '@/inquiries/intake'

import { lockBeforeWrite } from '../../hooks/lockBeforeWrite'
import { inquiryEndpoints } from './endpoints'
import { onlyThroughTheForm, prepareInquiry } from './hooks/prepareInquiry'

/** Set by the inbox's endpoints alone (src/inquiries/), never through the API or the form. */
const systemOnly = (field: string) => systemFieldAccess('inquiries', field)

const statusOptions = INQUIRY_STATUSES.map((value) => ({ label: INQUIRY_STATUS_LABELS[value], value }))
const typeOptions = INQUIRY_TYPES.map((value) => ({ label: INQUIRY_TYPE_LABELS[value], value }))
const dayAndTime = { date: { pickerAppearance: 'dayAndTime' as const } }

const messageFields: Field[] = [
  { name: 'direction', type: 'select', required: true, options: [{ label: 'From the visitor', value: 'in' }, { label: 'Our reply', value: 'out' }] },
  { name: 'subject', type: 'text' },
  { name: 'body', type: 'textarea', required: true },
  { name: 'at', type: 'date', required: true, admin: dayAndTime },
  { name: 'by', type: 'relationship', relationTo: 'users' },
  { name: 'template', type: 'relationship', relationTo: 'inquiry-templates' },
  { name: 'notification', label: 'Email (notification id)', type: 'number' },
]

const historyFields: Field[] = [
  { name: 'from', type: 'select', options: statusOptions },
  { name: 'to', type: 'select', options: statusOptions, required: true },
  { name: 'at', type: 'date', required: true, admin: dayAndTime },
  { name: 'by', type: 'relationship', relationTo: 'users' },
  { name: 'cause', type: 'select', required: true, options: INQUIRY_CAUSES.map((value) => ({ label: value, value })) },
  { name: 'reason', type: 'textarea' },
]

const assignmentFields: Field[] = [
  { name: 'from', label: 'Previously', type: 'relationship', relationTo: 'users' },
  { name: 'to', label: 'Assigned to', type: 'relationship', relationTo: 'users', required: true },
  { name: 'at', type: 'date', required: true, admin: dayAndTime },
  { name: 'by', type: 'relationship', relationTo: 'users' },
  { name: 'note', type: 'textarea' },
]

/**
 * The inquiry inbox (SPEC §14, seed 001 F03.02.12-17): questions from visitors and prospective
 * members, worked by the secretary and admins. The rules are in src/inquiries/.
 */
export const Inquiries: CollectionConfig = {
  slug: 'inquiries',
  labels: { singular: 'Inquiry', plural: 'Inquiries' },
  admin: {
    group: 'Inquiries',
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'name', 'type', 'status', 'assignee', 'followUpDue', 'createdAt'],
    listSearchableFields: ['subject', 'name', 'email'],
    description: 'Questions sent through the contact form. Overdue ones are listed first above the list; assign, reply from a template and convert from the inquiry’s page.',
    components: { beforeList: ['/collections/inquiries/components/InboxLink#InboxLink'] },
  },
  // waiting longest for our reply first
  defaultSort: 'followUpDue',
  access: collectionAccess('inquiries'),
  // the inbox's lists: by status, by assignee and status, by follow-up due (seed 001); and the
  // form's duplicate check by email and subject within minutes
  indexes: [{ fields: ['assignee', 'status'] }, { fields: ['email', 'subject', 'createdAt'] }],
  endpoints: inquiryEndpoints,
  hooks: {
    beforeOperation: [onlyThroughTheForm, lockBeforeWrite((req, id) => lockRow(req, 'inquiries', id))],
    beforeValidate: [prepareInquiry],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'name', type: 'text', required: true, maxLength: INQUIRY_LIMITS.name },
        { name: 'email', type: 'email', required: true, index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'type', type: 'select', required: true, defaultValue: 'other', options: typeOptions },
        { name: 'language', type: 'text', maxLength: INQUIRY_LIMITS.language, admin: { description: 'e.g. en, cy: picks response templates in that language.' } },
      ],
    },
    { name: 'subject', type: 'text', required: true, maxLength: INQUIRY_LIMITS.subject },
    { name: 'message', type: 'textarea', required: true, maxLength: INQUIRY_LIMITS.message, admin: { description: 'The first message; the thread below holds every message since.' } },
    {
      name: 'inquiryActions',
      type: 'ui',
      admin: { components: { Field: '/collections/inquiries/components/InquiryActions#InquiryActions' } },
    },
    {
      name: 'status',
      type: 'select',
      index: true,
      options: statusOptions,
      access: systemOnly('status'),
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'assignee',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: systemOnly('assignee'),
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'followUpDue',
      label: 'Follow-up due',
      type: 'date',
      index: true,
      access: systemOnly('followUpDue'),
      admin: { position: 'sidebar', readOnly: true, ...dayAndTime, description: 'While the visitor waits for our reply.' },
    },
    {
      name: 'followUpReminderSentAt',
      label: 'Follow-up reminder sent',
      type: 'date',
      access: systemOnly('followUpReminderSentAt'),
      admin: { position: 'sidebar', readOnly: true, ...dayAndTime },
    },
    { name: 'convertedMember', label: 'Member', type: 'relationship', relationTo: 'users', access: systemOnly('convertedMember'), admin: { position: 'sidebar', readOnly: true } },
    { name: 'application', type: 'relationship', relationTo: 'memberships', access: systemOnly('application'), admin: { position: 'sidebar', readOnly: true } },
    { name: 'internalNotes', type: 'textarea', admin: { position: 'sidebar', description: 'Seen by staff only.' } },
    {
      name: 'messages',
      label: 'Thread',
      type: 'array',
      access: systemOnly('messages'),
      admin: { readOnly: true, description: 'Every message from the visitor and every reply we sent, oldest first.', components: { RowLabel: '/collections/inquiries/components/RowLabels#MessageRowLabel' } },
      fields: messageFields,
    },
    {
      name: 'assignments',
      label: 'Assignment log',
      type: 'array',
      access: systemOnly('assignments'),
      admin: { readOnly: true, initCollapsed: true, components: { RowLabel: '/collections/inquiries/components/RowLabels#AssignmentRowLabel' } },
      fields: assignmentFields,
    },
    {
      name: 'history',
      type: 'array',
      access: systemOnly('history'),
      admin: { readOnly: true, initCollapsed: true, description: 'Every status change: who, when and why.', components: { RowLabel: '/collections/inquiries/components/RowLabels#HistoryRowLabel' } },
      fields: historyFields,
    },
  ],
}
