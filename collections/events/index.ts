import type { CollectionConfig } from 'payload'

import { audienceFields, audienceFilter } from '@/access/audience'
import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'
import { MONEY_API_NOTE, moneyComponents } from '@/admin/fields'
import { phoneField } from '@/lib/contactFields'
import { encryptedField } from '@/privacy/fieldEncryption'
import { isMinorUnits } from '@/lib/money'

import { CURRENCIES } from '../../globals/settings'
import { calendarEndpoints } from './endpoints/calendar'
import { decideEndpoint } from './endpoints/decide'
import { announceCancellation } from './hooks/announceCancellation'
import { prepareEvent } from './hooks/prepareEvent'

export const EVENT_TYPES = ['meeting', 'agm', 'social', 'fly-in', 'training', 'open-day', 'other'] as const
export const EVENT_STATUSES = ['draft', 'published', 'cancelled', 'proposed', 'rejected'] as const

const label = (value: string) => (value === 'agm' ? 'AGM' : value.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()))
const published = { status: { equals: 'published' } }

/** Meetings, AGMs, socials, fly-ins and training (SPEC §6). What a member may see depends on the audience. */
export const Events: CollectionConfig = {
  slug: 'events',
  labels: { singular: 'Event', plural: 'Events' },
  admin: {
    group: 'Events',
    useAsTitle: 'title',
    defaultColumns: ['title', 'type', 'startsAt', 'status', 'audience', 'placesTaken', 'capacity'],
    listSearchableFields: ['title', 'location'],
  },
  defaultSort: 'startsAt',
  access: collectionAccess('events', {
    public: () => ({ and: [published, { audience: { equals: 'public' } }] }),
    audience: async (req) => ({ or: [await audienceFilter(req, { audience: 'audience', published }), { proposedBy: { equals: req.user?.id ?? 0 } }] }),
  }),
  endpoints: [...calendarEndpoints, decideEndpoint],
  hooks: { beforeValidate: [prepareEvent], afterChange: [announceCancellation] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 160 },
    { name: 'slug', type: 'text', unique: true, index: true, admin: { position: 'sidebar', description: 'Made from the title when left empty.' } },
    { name: 'summary', type: 'textarea', maxLength: 500 },
    { name: 'image', type: 'upload', relationTo: 'media', admin: { description: 'Shown on the event page and in lists.' } },
    { name: 'description', type: 'richText' },
    {
      type: 'row',
      fields: [
        { name: 'type', type: 'select', required: true, defaultValue: 'meeting', options: EVENT_TYPES.map((value) => ({ label: label(value), value })) },
        { name: 'status', type: 'select', required: true, defaultValue: 'draft', index: true, options: EVENT_STATUSES.map((value) => ({ label: label(value), value })) },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'startsAt', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'endsAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'allDay', type: 'checkbox', defaultValue: false },
      ],
    },
    { name: 'location', type: 'text', maxLength: 200 },
    {
      name: 'organiser',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text' },
            { name: 'email', type: 'email' },
            // a person's phone number: encrypted at rest like members' (src/privacy/fieldEncryption.ts)
            encryptedField(phoneField()),
          ],
        },
      ],
    },
    ...audienceFields,
    {
      type: 'row',
      fields: [
        { name: 'capacity', type: 'number', min: 1, admin: { description: 'Places, guests included. Empty: unlimited.', step: 1 } },
        { name: 'waitlist', type: 'checkbox', defaultValue: true, admin: { description: 'When full, take further RSVPs onto a waitlist.' } },
        {
          name: 'placesTaken',
          type: 'number',
          defaultValue: 0,
          access: systemFieldAccess('events', 'placesTaken'),
          admin: { readOnly: true, description: 'Places held by RSVPs marked going (kept by the RSVPs themselves).' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'registrationOpensAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'registrationClosesAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'Empty: when the event starts.' } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          label: 'Price',
          type: 'number',
          admin: { description: `In pounds and pence, e.g. £5.00; empty or £0.00 is free. ${MONEY_API_NOTE}`, step: 1, components: moneyComponents },
          validate: (v: unknown) => v === null || v === undefined || isMinorUnits(v) || 'The price is a whole number of pence (500 for £5.00), 0 or more.',
        },
        { name: 'currency', type: 'select', defaultValue: 'GBP', options: CURRENCIES.map((c) => ({ label: c, value: c })) },
      ],
    },
    {
      type: 'collapsible',
      label: 'Proposal',
      admin: { initCollapsed: true, condition: (data) => Boolean(data?.proposedBy) },
      fields: [
        { name: 'proposedBy', type: 'relationship', relationTo: 'users', index: true, access: systemFieldAccess('events', 'proposedBy'), admin: { readOnly: true } },
        { name: 'decisionReason', type: 'textarea', access: systemFieldAccess('events', 'decisionReason'), admin: { readOnly: true } },
      ],
    },
    {
      name: 'checkIn',
      type: 'ui',
      admin: { components: { Field: '/collections/events/components/CheckInPanel#CheckInPanel' }, condition: (data) => data?.status === 'published' },
    },
    {
      name: 'questions',
      label: 'Questions for people who RSVP',
      labels: { singular: 'Question', plural: 'Questions' },
      type: 'array',
      admin: { components: { RowLabel: '/src/admin/RowLabels#QuestionRowLabel' } },
      fields: [
        { name: 'key', type: 'text', required: true, admin: { description: 'Short name used in answers, e.g. "dietary".' } },
        { name: 'label', type: 'text', required: true },
        { name: 'kind', type: 'select', required: true, defaultValue: 'text', options: ['text', 'choice', 'yes_no'] },
        { name: 'choices', type: 'text', hasMany: true, admin: { condition: (_, sibling) => sibling?.kind === 'choice' } },
        { name: 'required', type: 'checkbox', defaultValue: false },
      ],
    },
  ],
}
