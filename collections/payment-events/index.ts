import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'

import { replayEndpoint } from './endpoints/replay'

/**
 * The webhook inbox: each event a payment provider sends, stored once per (provider, event id)
 * after its signature is verified, then processed by the `processPaymentEvent` job.
 */
export const PaymentEvents: CollectionConfig = {
  slug: 'payment-events',
  labels: { singular: 'Payment event', plural: 'Payment events' },
  admin: {
    group: 'Money',
    useAsTitle: 'type',
    defaultColumns: ['type', 'provider', 'status', 'attempts', 'receivedAt', 'note'],
    description: 'Messages from Square and Stripe about payments and refunds. A failed one can be tried again with its Replay button once its cause is fixed.',
  },
  defaultSort: '-receivedAt',
  access: collectionAccess('payment-events'),
  indexes: [{ fields: ['provider', 'eventId'], unique: true }],
  endpoints: [replayEndpoint],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'provider', type: 'select', required: true, options: [{ label: 'Square', value: 'square' }, { label: 'Stripe', value: 'stripe' }], admin: { readOnly: true } },
        { name: 'eventId', label: 'Provider’s reference', type: 'text', required: true, admin: { readOnly: true } },
        { name: 'type', type: 'text', required: true, index: true, admin: { readOnly: true } },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'received',
      index: true,
      options: [
        { label: 'Received, not yet processed', value: 'received' },
        { label: 'Processed', value: 'processed' },
        { label: 'Failed', value: 'failed' },
        { label: 'Ignored', value: 'ignored' },
      ],
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'replay',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/collections/payment-events/components/ReplayButton#ReplayButton' } },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, admin: { position: 'sidebar', readOnly: true } },
    { name: 'receivedAt', type: 'date', required: true, index: true, admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'processedAt', type: 'date', admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'note', type: 'text', admin: { readOnly: true, description: 'Why an event was ignored (e.g. a payment Hangar does not know).' } },
    { name: 'lastError', type: 'textarea', admin: { readOnly: true } },
    { name: 'payload', type: 'json', required: true, admin: { readOnly: true } },
  ],
}
