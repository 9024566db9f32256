import type { GlobalConfig } from 'payload'

import { globalFieldRead, systemFieldAccess } from '@/access/collectionAccess'
import { canGlobal } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { DEFAULT_INQUIRY_FOLLOW_UP_DAYS } from '@/inquiries/lifecycle'
import { COUNTRY_OPTIONS, DEFAULT_COUNTRY } from '@/lib/contactDetails'
import { isDiscountPercent } from '@/membership/pricing'
import { DIRECTORY_FIELD_LABELS, DIRECTORY_FIELDS } from '@/members/directoryFields'
import { DEFAULT_PRIVACY_POLICY_VERSION } from '@/privacy/consents'
import { DEFAULT_ERASURE_DELAY_DAYS, DEFAULT_RETENTION_YEARS } from '@/privacy/anonymise'
import { DEFAULT_SIGN_IN_LINK_MINUTES, MAX_SIGN_IN_LINK_MINUTES, MIN_SIGN_IN_LINK_MINUTES } from '@/security/signInLinkDefaults'

/** Fields anyone may read (the member site shows them to visitors). Everything else is admin-only. */
const publicRead = { read: () => true }
const adminRead = { read: globalFieldRead('settings') }

export const CURRENCIES = ['GBP', 'EUR', 'USD'] as const

export const Settings: GlobalConfig = {
  slug: 'settings',
  label: 'Settings',
  admin: { group: 'Administration' },
  access: {
    // The document is readable so that its public fields reach the member site; field access
    // hides the rest from anyone the matrix does not let read settings.
    read: () => true,
    update: ({ req }) => canGlobal('settings', req.user as Actor, 'update'),
  },
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Organisation',
          fields: [
            {
              name: 'organisationName',
              type: 'text',
              required: true,
              defaultValue: 'Hangar',
              access: publicRead,
              admin: { description: 'Shown on the member site and in emails. Public.' },
            },
            {
              name: 'currency',
              type: 'select',
              required: true,
              defaultValue: 'GBP',
              options: CURRENCIES.map((code) => ({ label: code, value: code })),
              access: publicRead,
              admin: { description: 'Currency of tier fees and payments. Public.' },
            },
            {
              name: 'country',
              type: 'select',
              required: true,
              defaultValue: DEFAULT_COUNTRY,
              options: COUNTRY_OPTIONS,
              access: publicRead,
              admin: { description: 'Where the organisation is: phone numbers without a country code are read as numbers in this country, and postcodes without a country are checked against it. Public.' },
            },
          ],
        },
        {
          label: 'Membership',
          fields: [
            {
              name: 'membershipNumberPrefix',
              type: 'text',
              required: true,
              defaultValue: 'HGR-',
              maxLength: 12,
              access: adminRead,
              admin: { description: 'Membership numbers look like this prefix followed by six digits, e.g. HGR-000123.' },
            },
            {
              name: 'householdDiscountPercent',
              label: 'Household discount (%)',
              type: 'number',
              min: 0,
              max: 100,
              defaultValue: 0,
              access: adminRead,
              admin: {
                step: 1,
                description: 'Household tiers: what the second and later members of a household save, as a percentage of the fee.',
              },
              validate: (value: unknown) =>
                value === null || value === undefined || isDiscountPercent(value) || 'The household discount is a percentage between 0 and 100.',
            },
            {
              name: 'lastMembershipNumber',
              type: 'number',
              defaultValue: 0,
              // Only the system moves the counter, so a number is never handed out twice.
              access: { ...adminRead, ...systemFieldAccess('settings', 'lastMembershipNumber') },
              admin: { readOnly: true, description: 'The last membership number handed out.' },
            },
            {
              name: 'lastReceiptNumber',
              type: 'number',
              defaultValue: 0,
              access: { ...adminRead, ...systemFieldAccess('settings', 'lastReceiptNumber') },
              admin: { readOnly: true, description: 'The last payment receipt number handed out.' },
            },
          ],
        },
        {
          label: 'Reminders',
          fields: [
            {
              name: 'reminderDaysBefore',
              label: 'Renewal reminders: days before the end of a period',
              type: 'number',
              hasMany: true,
              min: 0,
              max: 366,
              defaultValue: [30, 14, 7, 0],
              access: adminRead,
              admin: { description: 'One reminder on each of these days; 0 is the day the period ends.' },
            },
            {
              name: 'reminderDaysAfter',
              label: 'Renewal reminders: days after the end of a period',
              type: 'number',
              hasMany: true,
              min: 1,
              max: 366,
              defaultValue: [7],
              access: adminRead,
              admin: { description: 'Reminders during the grace period.' },
            },
            {
              name: 'remindersPerPeriod',
              label: 'At most this many reminders per period',
              type: 'number',
              min: 0,
              max: 20,
              defaultValue: 5,
              access: adminRead,
            },
            {
              name: 'certificateReminderDays',
              label: 'Certificate reminders: days before expiry',
              type: 'number',
              hasMany: true,
              min: 0,
              max: 366,
              defaultValue: [60, 30, 7],
              access: adminRead,
              admin: { description: "Volunteers are emailed on each of these days before a certificate their role needs expires; a missed step is not sent late." },
            },
            {
              name: 'inquiryFollowUpDays',
              label: 'Inquiries: remind the assignee after this many days without our reply',
              type: 'number',
              min: 1,
              max: 90,
              defaultValue: DEFAULT_INQUIRY_FOLLOW_UP_DAYS,
              access: adminRead,
              admin: { description: 'An inquiry waiting this long for our reply reminds the person it is assigned to, once (checked every hour).' },
            },
            {
              name: 'jobRuns',
              label: 'Last successful runs',
              type: 'group',
              access: { ...adminRead, ...systemFieldAccess('settings', 'jobRuns') },
              admin: { readOnly: true, description: 'The health check reports a schedule that has not run for more than a day.' },
              fields: [
                { name: 'renewalReminders', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
                { name: 'membershipExpiry', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
                { name: 'certificateReminders', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
                { name: 'privacy', label: 'Erasure and retention', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
                { name: 'inquiryFollowUps', label: 'Inquiry follow-ups (hourly)', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
                { name: 'releaseReservations', label: 'Release of unpaid event places (hourly)', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
                { name: 'registrationNotices', label: 'Event registration emails (hourly)', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
              ],
            },
          ],
        },
        {
          label: 'Privacy',
          fields: [
            {
              name: 'privacyPolicyVersion',
              label: 'Privacy policy version',
              type: 'text',
              required: true,
              maxLength: 50,
              defaultValue: DEFAULT_PRIVACY_POLICY_VERSION,
              access: publicRead,
              admin: { description: 'Raise it (e.g. 2, or 2026-03) when the policy changes: members who accepted an earlier version are asked to accept again at their next visit to their account. Public.' },
            },
            {
              name: 'privacyPolicyUrl',
              label: 'Privacy policy address',
              type: 'text',
              maxLength: 500,
              access: publicRead,
              admin: { description: 'Where the policy is published (https://…); linked from the sign-up form and the acceptance step. Public.' },
              validate: (value: unknown) =>
                value === null || value === undefined || value === '' || (typeof value === 'string' && /^https?:\/\/\S+$/.test(value)) || 'The address starts with https:// (or http://).',
            },
            {
              name: 'erasureDelayDays',
              label: 'Erase a member’s data this many days after they ask',
              type: 'number',
              min: 0,
              max: 365,
              defaultValue: DEFAULT_ERASURE_DELAY_DAYS,
              access: adminRead,
              admin: { step: 1, description: 'Unless an admin erases it sooner (the person’s page, “Erase personal data”). Empty: 30 days. 0: at the next daily run.' },
            },
            {
              name: 'retentionYears',
              label: 'Anonymise members this many years after their last membership ended',
              type: 'number',
              min: 0,
              max: 100,
              defaultValue: DEFAULT_RETENTION_YEARS,
              access: adminRead,
              admin: {
                step: 1,
                description: 'A daily job anonymises people whose memberships all lapsed or were cancelled longer ago (payments stay). 0 or empty: off. GET /api/retention/preview lists who is due.',
              },
            },
            {
              name: 'signInLinkMinutes',
              label: 'Emailed sign-in links and codes work for this many minutes',
              type: 'number',
              min: MIN_SIGN_IN_LINK_MINUTES,
              max: MAX_SIGN_IN_LINK_MINUTES,
              defaultValue: DEFAULT_SIGN_IN_LINK_MINUTES,
              access: adminRead,
              admin: { step: 1, description: `Each works once; a new request replaces the previous one. Empty: ${DEFAULT_SIGN_IN_LINK_MINUTES} minutes.` },
            },
          ],
        },
        {
          label: 'Payments',
          fields: [
            {
              name: 'dummyPaymentsEnabled',
              label: 'Offer the test payment provider in production',
              type: 'checkbox',
              defaultValue: false,
              access: adminRead,
              admin: { description: 'For demos only: members can "pay" without a card. Always on in development.' },
            },
          ],
        },
        {
          label: 'Directory',
          fields: [
            {
              name: 'directoryLockedFields',
              label: 'Never shown in the member directory',
              type: 'select',
              hasMany: true,
              options: DIRECTORY_FIELDS.map((field) => ({ label: DIRECTORY_FIELD_LABELS[field], value: field })),
              access: publicRead,
              admin: { description: 'Whatever members choose, these stay hidden for everyone.' },
            },
            {
              name: 'directoryLockedMemberFields',
              label: 'Member fields never shown in the member directory',
              type: 'relationship',
              relationTo: 'member-fields',
              hasMany: true,
              filterOptions: { directoryEligible: { equals: true } },
              access: publicRead,
              admin: { description: 'Of the member fields that may be shown in the directory (People → Member fields), these stay hidden for everyone.' },
            },
          ],
        },
        {
          label: 'Email',
          fields: [
            {
              name: 'emailFromAddress',
              type: 'email',
              access: adminRead,
              admin: { description: 'Sender address of member emails. Empty: the server’s default sender.' },
            },
            {
              name: 'staffNotificationEmail',
              label: 'Send staff notifications to',
              type: 'email',
              access: adminRead,
              admin: { description: 'New applications, payments and failed jobs. Empty: every admin.' },
            },
            {
              name: 'emailFromName',
              type: 'text',
              access: adminRead,
              admin: { description: 'Sender name of member emails. Falls back to the organisation name.' },
            },
          ],
        },
      ],
    },
  ],
}
