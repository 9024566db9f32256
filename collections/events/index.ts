import type { CollectionConfig, Where } from 'payload'

import { audienceFields, audienceFilter } from '@/access/audience'
import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'
import { MONEY_API_NOTE, moneyComponents } from '@/admin/fields'
import { phoneField } from '@/lib/contactFields'
import { encryptedField } from '@/privacy/fieldEncryption'
import { isMinorUnits } from '@/lib/money'
import { QUESTION_KINDS } from '@/events/answers'
import { checkBankAccount } from '@/events/bankAccount'
import { PAYMENT_METHOD_LABELS, REGISTRATION_PAYMENT_METHODS } from '@/events/registrationStatus'
import { MEMBERSHIP_STATUSES } from '@/membership/lifecycle'

import { CURRENCIES } from '../../globals/settings'
import { calendarEndpoints } from './endpoints/calendar'
import { decideEndpoint } from './endpoints/decide'
import { registrantsCsvEndpoint, registrantsEmailEndpoint, registrantsEndpoint } from './endpoints/registrants'
import { announceCancellation } from './hooks/announceCancellation'
import { announceProposal } from './hooks/announceProposal'
import { announceChange, enforceEditLock } from './hooks/editLock'
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
    description:
      'Edit lock: once a published event’s registration has opened (its opening date has passed, or anyone has registered), only an admin may change its start, end, location, price, member prices, payment method or questions, or lower its capacity; people registered are emailed about a new date, place or price.',
    listSearchableFields: ['title', 'location'],
  },
  defaultSort: 'startsAt',
  access: collectionAccess('events', {
    public: () => ({ and: [published, { audience: { equals: 'public' } }] }),
    audience: async (req) => ({ or: [await audienceFilter(req, { audience: 'audience', published }), { proposedBy: { equals: req.user?.id ?? 0 } }] }),
    // a member's own proposal while it is back with them (rejected, with the reason) or a draft: theirs to change and resubmit
    own: (req): Where => ({ and: [{ proposedBy: { equals: req.user?.id ?? 0 } }, { status: { in: ['rejected', 'draft'] } }] }),
  }),
  endpoints: [...calendarEndpoints, decideEndpoint, registrantsEndpoint, registrantsCsvEndpoint, registrantsEmailEndpoint],
  hooks: { beforeValidate: [prepareEvent], beforeChange: [enforceEditLock], afterChange: [announceCancellation, announceProposal, announceChange] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 160 },
    {
      name: 'parent',
      label: 'Session of',
      type: 'relationship',
      relationTo: 'events',
      index: true,
      filterOptions: ({ id }): Where => (id ? { and: [{ parent: { exists: false } }, { id: { not_equals: id } }] } : { parent: { exists: false } }),
      admin: {
        position: 'sidebar',
        description: 'Makes this a session ("attraction") of that event: people register for the session, with its own places, price, payment method, registration dates and form.',
      },
    },
    {
      name: 'sessions',
      type: 'join',
      collection: 'events',
      on: 'parent',
      defaultSort: 'startsAt',
      admin: { condition: (data) => !data?.parent, description: 'The sessions people register for; an event without sessions takes registrations itself.' },
    },
    { name: 'edition', type: 'text', maxLength: 80, admin: { description: 'Optional, e.g. "2027" for Fly-in 2027: the event\u2019s title stays the same from year to year.' } },
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
      // seed 004's edit lock, said where the locked fields are (hooks/editLock.ts enforces it)
      name: 'editLock',
      type: 'ui',
      admin: { components: { Field: '/collections/events/components/EditLockNotice#EditLockNotice' } },
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
        {
          name: 'paymentMethod',
          type: 'select',
          defaultValue: 'free',
          options: REGISTRATION_PAYMENT_METHODS.map((value) => ({ label: PAYMENT_METHOD_LABELS[value], value })),
          admin: { description: 'How a place is paid for. Free, or no price: registering is enough.' },
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Registration payment',
      admin: { initCollapsed: true, condition: (data) => Boolean(data?.paymentMethod && data.paymentMethod !== 'free') },
      fields: [
        {
          name: 'memberPrices',
          label: 'Prices for members of a tier',
          labels: { singular: 'Member price', plural: 'Member prices' },
          type: 'array',
          admin: { description: 'A member of one of these tiers (active or in grace) pays this instead of the price above; the lowest applies.' },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'tier', type: 'relationship', relationTo: 'tiers', required: true },
                {
                  name: 'amount',
                  type: 'number',
                  required: true,
                  admin: { step: 1, components: moneyComponents },
                  validate: (v: unknown) => isMinorUnits(v) || 'The price is a whole number of pence, 0 or more.',
                },
              ],
            },
          ],
        },
        {
          name: 'paymentInstructions',
          type: 'textarea',
          maxLength: 2000,
          admin: { description: 'Shown to registrants when they are to pay (manual confirmation: how to pay you; pay on the day: what to bring).' },
        },
        {
          name: 'bankAccount',
          type: 'text',
          maxLength: 64,
          admin: { condition: (data) => data?.paymentMethod === 'bank_transfer', description: 'IBAN, or sort code and account number, e.g. 20-00-00 12345678.' },
          validate: (value: unknown, { siblingData }: { siblingData?: { paymentMethod?: string | null } }) => {
            if (siblingData?.paymentMethod !== 'bank_transfer' && (value === null || value === undefined || value === '')) return true
            const check = checkBankAccount(value)
            return check.ok || check.message
          },
        },
        {
          type: 'row',
          fields: [
            { name: 'holdDays', type: 'number', min: 1, max: 365, admin: { step: 1, description: 'Days a place is held while payment is pending; then it is released. Empty: until payments close.' } },
            { name: 'paymentGraceDays', type: 'number', min: 0, max: 365, admin: { step: 1, description: 'Days after registration closes in which payments for held places are still taken.' } },
          ],
        },
      ],
    },
    {
      name: 'eligibility',
      label: 'Who may register',
      type: 'group',
      admin: { description: 'Checked before payment; a refused registrant is told why. Empty: anyone who may see the event.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'minAge', label: 'Minimum age on the day', type: 'number', min: 0, max: 150, admin: { step: 1 } },
            { name: 'maxAge', label: 'Maximum age on the day', type: 'number', min: 0, max: 150, admin: { step: 1 } },
          ],
        },
        { name: 'tiers', label: 'Members of these tiers', type: 'relationship', relationTo: 'tiers', hasMany: true },
        { name: 'certificateType', label: 'A valid certificate of this type', type: 'relationship', relationTo: 'certificate-types' },
        { name: 'membershipStatuses', label: 'A membership with one of these statuses', type: 'select', hasMany: true, options: MEMBERSHIP_STATUSES.map((value) => ({ label: label(value), value })) },
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
      label: 'Registration form: questions for people who register',
      labels: { singular: 'Question', plural: 'Questions' },
      type: 'array',
      admin: { components: { RowLabel: '/src/admin/RowLabels#QuestionRowLabel' } },
      fields: [
        { name: 'key', type: 'text', required: true, admin: { description: 'Short name used in answers, e.g. "dietary".' } },
        { name: 'label', type: 'text', required: true },
        { name: 'kind', type: 'select', required: true, defaultValue: 'text', options: [...QUESTION_KINDS] },
        { name: 'choices', type: 'text', hasMany: true, admin: { condition: (_, sibling) => sibling?.kind === 'choice' } },
        { name: 'required', type: 'checkbox', defaultValue: false },
        { name: 'help', label: 'Help text', type: 'text', maxLength: 300 },
      ],
    },
    // the registrant list: every column, each answer, filter, sort, mark paid, email, CSV (issue 19 point 7)
    {
      name: 'registrants',
      type: 'ui',
      admin: { components: { Field: '/collections/events/components/RegistrantsPanel#RegistrantsPanel' } },
    },
  ],
}
