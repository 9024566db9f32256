import type { CollectionConfig } from 'payload'

import { collectionAccess, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { EXPORT_CSV_MENU_ITEM } from '@/exports/menuItem'
import { MONEY_API_NOTE, moneyComponents } from '@/admin/fields'
import { REGISTRATION_STATUS_LABELS, REGISTRATION_STATUSES } from '@/events/registrationStatus'

import { CURRENCIES } from '../../globals/settings'
import { checkInEndpoint } from './endpoints/checkIn'
import { rsvpsExportEndpoint } from './endpoints/exportCsv'
import { guestEndpoints } from './endpoints/guest'
import { markPaidEndpoint } from './endpoints/markPaid'
import { prefillEndpoint } from './endpoints/prefill'
import { advanceRegistration } from './hooks/advanceRegistration'
import { duplicateReplyMessage, prepareRsvp, promoteWaitlist, takePlaces } from './hooks/takePlaces'

export const RSVP_STATUSES = ['going', 'waitlisted', 'cancelled', 'not_going'] as const

/**
 * One RSVP per member per event (a unique index). `POST /api/rsvps` `{ event, guests?, answers? }`
 * is how a member replies; the event's places decide between going and the waitlist. A visitor
 * registers for a public event by name and email instead (`POST /api/rsvps/guest`, confirmed by an
 * emailed link: src/events/guests.ts): such an RSVP has a guest name and email and no member.
 */
export const Rsvps: CollectionConfig = {
  slug: 'rsvps',
  labels: { singular: 'RSVP', plural: 'RSVPs' },
  admin: {
    group: 'Events',
    defaultColumns: ['event', 'member', 'guestName', 'guestEmail', 'status', 'registrationStatus', 'amountDue', 'heldUntil', 'checkedInAt'],
    // filtered to one event, the CSV has a column per question the event asks
    components: { listMenuItems: [EXPORT_CSV_MENU_ITEM] },
  },
  access: collectionAccess('rsvps', { own: ownedByMember }),
  // one reply per member, or per guest email, per event; an event's replies by status (going, the waitlist in order)
  indexes: [{ fields: ['event', 'member'], unique: true }, { fields: ['event', 'guestEmail'], unique: true }, { fields: ['event', 'status'] }, { fields: ['registrationStatus', 'heldUntil'] }],
  endpoints: [rsvpsExportEndpoint, checkInEndpoint, markPaidEndpoint, prefillEndpoint, ...guestEndpoints],
  hooks: { beforeValidate: [prepareRsvp], beforeChange: [takePlaces, advanceRegistration], afterChange: [promoteWaitlist] },
  // takePlaces holds the event's row from its claim to the commit: the input guards' reference
  // check (event, member: both set by prepareRsvp) runs before it, not under that lock
  // and a second reply sent at the same moment as the first, which the unique index refuses, is told what the check says
  custom: { checkReferencesFirst: true, uniqueConflict: duplicateReplyMessage },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'event', type: 'relationship', relationTo: 'events', required: true, index: true, access: { update: () => false } },
        { name: 'member', type: 'relationship', relationTo: 'users', index: true, access: { update: () => false }, admin: { condition: (data) => !data?.guestEmail } },
      ],
    },
    {
      // a visitor's registration for a public event (SPEC §6), confirmed by email link (src/events/guests.ts)
      type: 'row',
      admin: { condition: (data) => Boolean(data?.guestEmail) },
      fields: [
        { name: 'guestName', label: 'Guest name', type: 'text', maxLength: 120, access: systemFieldAccess('rsvps', 'guestName'), admin: { readOnly: true } },
        { name: 'guestEmail', label: 'Guest email', type: 'email', index: true, access: systemFieldAccess('rsvps', 'guestEmail'), admin: { readOnly: true } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, defaultValue: 'going', index: true, options: RSVP_STATUSES.map((value) => ({ label: value.replace('_', ' '), value })) },
        { name: 'guests', type: 'number', defaultValue: 0, min: 0, max: 10 },
      ],
    },
    { name: 'answers', type: 'json', admin: { description: "Answers to the event's questions." } },
    {
      type: 'collapsible',
      label: 'Registration and payment',
      admin: { condition: (data) => Boolean(data?.registrationStatus) },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'registrationStatus',
              type: 'select',
              index: true,
              options: REGISTRATION_STATUSES.map((value) => ({ label: REGISTRATION_STATUS_LABELS[value], value })),
              access: systemFieldAccess('rsvps', 'registrationStatus'),
              admin: { readOnly: true, description: 'Changed by registering, paying, the organiser marking it paid or exempt, and the reservation job.' },
            },
            { name: 'heldUntil', type: 'date', access: systemFieldAccess('rsvps', 'heldUntil'), admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' }, description: 'The place is released unless paid by then.' } },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'amountDue', type: 'number', access: systemFieldAccess('rsvps', 'amountDue'), admin: { readOnly: true, components: moneyComponents, description: MONEY_API_NOTE } },
            { name: 'currency', type: 'select', options: CURRENCIES.map((c) => ({ label: c, value: c })), access: systemFieldAccess('rsvps', 'currency'), admin: { readOnly: true } },
            { name: 'paymentMethod', type: 'text', access: systemFieldAccess('rsvps', 'paymentMethod'), admin: { readOnly: true } },
          ],
        },
        { name: 'paymentReference', type: 'text', unique: true, access: systemFieldAccess('rsvps', 'paymentReference'), admin: { readOnly: true, description: 'What the registrant writes on a bank transfer.' } },
        { name: 'payment', type: 'relationship', relationTo: 'payments', access: systemFieldAccess('rsvps', 'payment'), admin: { readOnly: true, description: 'The ledger entry that paid for the place.' } },
        { name: 'exemptReason', type: 'text', access: systemFieldAccess('rsvps', 'exemptReason'), admin: { readOnly: true, condition: (data) => Boolean(data?.exemptReason) } },
        {
          name: 'holdReminderSentAt',
          label: 'Payment reminder sent',
          type: 'date',
          access: systemFieldAccess('rsvps', 'holdReminderSentAt'),
          admin: { readOnly: true, condition: (data) => Boolean(data?.holdReminderSentAt), date: { pickerAppearance: 'dayAndTime' }, description: 'When the registrant was reminded that the held place is about to be released.' },
        },
      ],
    },
    { name: 'waitlistedAt', type: 'date', access: systemFieldAccess('rsvps', 'waitlistedAt'), admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'checkedInAt', type: 'date', access: systemFieldAccess('rsvps', 'checkedInAt'), admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'checkedInBy', type: 'relationship', relationTo: 'users', access: systemFieldAccess('rsvps', 'checkedInBy'), admin: { readOnly: true, position: 'sidebar' } },
  ],
}
