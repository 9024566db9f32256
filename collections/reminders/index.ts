import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'

import { previewEndpoint } from './endpoints/preview'

/**
 * The renewal reminder ledger: one row per (membership, period end, step), under a unique
 * database constraint. The daily job writes the row and queues the email in one transaction,
 * so a step is sent at most once however many workers run, and never lost by a crash.
 */
export const Reminders: CollectionConfig = {
  slug: 'reminders',
  labels: { singular: 'Renewal reminder', plural: 'Renewal reminders' },
  admin: {
    group: 'Communication',
    defaultColumns: ['membership', 'step', 'periodEnd', 'createdAt'],
    description: 'Renewal reminders sent, one per step of each period. Above: who will get one in the coming days.',
    components: { beforeListTable: ['/collections/reminders/components/ReminderPreview#ReminderPreview'] },
  },
  defaultSort: '-createdAt',
  access: collectionAccess('reminders'),
  indexes: [{ fields: ['membership', 'periodEnd', 'step'], unique: true }],
  endpoints: [previewEndpoint],
  fields: [
    { name: 'membership', type: 'relationship', relationTo: 'memberships', required: true, index: true, admin: { readOnly: true } },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, admin: { readOnly: true } },
    { name: 'periodEnd', type: 'date', required: true, admin: { readOnly: true } },
    { name: 'step', type: 'text', required: true, admin: { readOnly: true, description: 'Which reminder of the period, by days before or after its end (before-30 is 30 days before).' } },
    { name: 'offset', label: 'Days from the end', type: 'number', admin: { readOnly: true } },
    { name: 'notification', type: 'relationship', relationTo: 'notifications', admin: { readOnly: true } },
  ],
}
