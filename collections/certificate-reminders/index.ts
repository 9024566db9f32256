import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'

/**
 * The certificate reminder ledger: one row per (certificate, expiry date, days before), under a
 * unique constraint. The daily job writes the row and queues the email in one transaction, so
 * each reminder goes out once however many workers run. A corrected expiry date starts afresh.
 */
export const CertificateReminders: CollectionConfig = {
  slug: 'certificate-reminders',
  labels: { singular: 'Certificate reminder', plural: 'Certificate reminders' },
  admin: { group: 'Volunteering', defaultColumns: ['certificate', 'member', 'expiresOn', 'daysBefore', 'createdAt'] },
  defaultSort: '-createdAt',
  access: collectionAccess('certificate-reminders'),
  indexes: [{ fields: ['certificate', 'expiresOn', 'daysBefore'], unique: true }],
  fields: [
    { name: 'certificate', type: 'relationship', relationTo: 'certificates', required: true, index: true, admin: { readOnly: true } },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, admin: { readOnly: true } },
    { name: 'expiresOn', type: 'date', required: true, admin: { readOnly: true } },
    { name: 'daysBefore', type: 'number', required: true, admin: { readOnly: true } },
    { name: 'notification', type: 'relationship', relationTo: 'notifications', admin: { readOnly: true } },
  ],
}
