import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'

/**
 * The messages organisers sent to an event's registrant list (issue 19 point 7): who sent what,
 * with which filter, to how many, when. Written by `POST /api/events/:id/registrants/email` alone
 * (collections/events/endpoints/registrants.ts); the idempotency key the admin panel sends with
 * each press is unique, so a double click or a retry sends the message once.
 */
export const RegistrantMessages: CollectionConfig = {
  slug: 'registrant-messages',
  labels: { singular: 'Message to registrants', plural: 'Messages to registrants' },
  admin: {
    group: 'Events',
    useAsTitle: 'subject',
    defaultColumns: ['createdAt', 'event', 'subject', 'recipients', 'sentBy'],
    description: 'Messages sent from an event’s registrant list, each to everyone the list’s filter matched.',
  },
  defaultSort: '-createdAt',
  access: collectionAccess('registrant-messages'),
  fields: [
    // not required: removing an event keeps the record of what was sent
    { name: 'event', type: 'relationship', relationTo: 'events', index: true, admin: { readOnly: true } },
    { name: 'sentBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'subject', type: 'text', required: true, admin: { readOnly: true } },
    { name: 'message', type: 'textarea', required: true, admin: { readOnly: true } },
    { name: 'filter', type: 'json', admin: { readOnly: true, description: 'The list’s filter when the message was sent.' } },
    { name: 'recipients', type: 'number', defaultValue: 0, admin: { readOnly: true, description: 'Emails queued: one per registrant the filter matched.' } },
    { name: 'idempotencyKey', type: 'text', required: true, unique: true, admin: { readOnly: true, hidden: true } },
  ],
}
