import type { CollectionConfig, Field } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { EMAIL_TEMPLATE_KEYS } from '@/email/templates'

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed'] as const

/** Written by the email queue; nobody but a superuser can write here at all (see the matrix). */
const readOnly = (field: Field): Field => ({ ...field, admin: { ...field.admin, readOnly: true } }) as Field

/**
 * Every email Hangar sends, one row per message: queued when the business change commits,
 * then sent (with the SMTP message id) or retried with backoff until it is, or marked failed.
 */
export const Notifications: CollectionConfig = {
  slug: 'notifications',
  labels: { singular: 'Notification', plural: 'Notifications' },
  admin: {
    group: 'Communication',
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'recipient', 'template', 'status', 'attempts', 'sentAt', 'createdAt'],
    listSearchableFields: ['recipient', 'subject'],
    description: 'Every email sent or waiting to be sent. Emails that cannot be delivered are retried with growing pauses.',
  },
  defaultSort: '-createdAt',
  access: collectionAccess('notifications'),
  fields: [
    readOnly({ name: 'recipient', type: 'email', required: true, index: true }),
    readOnly({ name: 'template', type: 'select', options: [...EMAIL_TEMPLATE_KEYS], index: true }),
    readOnly({ name: 'subject', type: 'text', required: true }),
    readOnly({ name: 'status', type: 'select', required: true, defaultValue: 'queued', index: true, options: [...NOTIFICATION_STATUSES], admin: { position: 'sidebar' } }),
    readOnly({ name: 'attempts', type: 'number', defaultValue: 0, admin: { position: 'sidebar' } }),
    readOnly({ name: 'sentAt', type: 'date', admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } }),
    readOnly({ name: 'messageId', label: 'SMTP message id', type: 'text', admin: { position: 'sidebar' } }),
    readOnly({ name: 'error', label: 'Last error', type: 'textarea' }),
    readOnly({ name: 'relatedTo', type: 'relationship', relationTo: ['memberships', 'payments', 'users', 'notices', 'inquiries'], index: true }),
    readOnly({ name: 'text', label: 'Message (plain text)', type: 'textarea' }),
    readOnly({ name: 'html', type: 'textarea', admin: { hidden: true } }),
  ],
}
