import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { CURRENCIES } from '../../globals/settings'
import { MONEY_API_NOTE, moneyComponents } from '@/admin/fields'
import { isMinorUnits } from '@/lib/money'
import { publicTiers } from '@/membership/tiers'

type Sibling = Record<string, unknown>

/** A field that must hold a valid value only when its siblings say so (e.g. seats for organisations). */
const requiredWhen =
  (applies: (sibling: Sibling) => boolean, valid: (value: unknown) => boolean, message: string) =>
  (value: unknown, { siblingData }: { siblingData: Sibling }) =>
    !applies(siblingData ?? {}) || valid(value) || message

const isIntegerBetween = (min: number, max: number) => (value: unknown) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export const Tiers: CollectionConfig = {
  slug: 'tiers',
  labels: { singular: 'Tier', plural: 'Tiers' },
  admin: {
    group: 'Membership',
    useAsTitle: 'name',
    defaultColumns: ['name', 'fee', 'currency', 'period', 'kind', 'public', 'active'],
    description: 'Membership levels, their fees and how their periods run.',
  },
  defaultSort: 'sortOrder',
  access: collectionAccess('tiers', { public: () => publicTiers }),
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 80 },
    { name: 'description', type: 'textarea', maxLength: 1000 },
    {
      type: 'row',
      fields: [
        {
          name: 'fee',
          label: 'Annual fee',
          type: 'number',
          required: true,
          min: 0,
          admin: { description: `In pounds and pence, e.g. £5.00. ${MONEY_API_NOTE}`, step: 1, components: moneyComponents },
          validate: (value: unknown) => isMinorUnits(value) || 'The fee is a whole number of pence (500 for £5.00), 0 or more.',
        },
        {
          name: 'currency',
          type: 'select',
          required: true,
          defaultValue: 'GBP',
          options: CURRENCIES.map((code) => ({ label: code, value: code })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'period',
          type: 'select',
          required: true,
          defaultValue: 'rolling',
          options: [
            { label: 'Rolling: 12 months from joining', value: 'rolling' },
            { label: 'Calendar: renews on a fixed date', value: 'calendar' },
          ],
        },
        {
          name: 'renewalDay',
          type: 'number',
          min: 1,
          max: 31,
          admin: { condition: (data) => data?.period === 'calendar', description: 'Day of the month (29-31 clamp to short months).' },
          validate: requiredWhen((s) => s.period === 'calendar', isIntegerBetween(1, 31), 'A calendar tier needs a renewal day between 1 and 31.'),
        },
        {
          name: 'renewalMonth',
          type: 'select',
          options: MONTHS.map((label, index) => ({ label, value: String(index + 1) })),
          admin: { condition: (data) => data?.period === 'calendar' },
          validate: requiredWhen((s) => s.period === 'calendar', Boolean, 'A calendar tier needs a renewal month.'),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'individual',
          options: [
            { label: 'Individual', value: 'individual' },
            { label: 'Household', value: 'household' },
            { label: 'Organisation (seats)', value: 'organisation' },
          ],
        },
        {
          name: 'seats',
          type: 'number',
          min: 1,
          admin: {
            condition: (data) => data?.kind === 'organisation',
            description: 'Seat holders besides the primary contact who get member access.',
          },
          validate: requiredWhen((s) => s.kind === 'organisation', isIntegerBetween(1, 100_000), 'An organisation tier needs at least one seat.'),
        },
        { name: 'graceDays', type: 'number', min: 0, max: 365, defaultValue: 30, required: true },
      ],
    },
    { name: 'benefits', type: 'richText' },
    {
      name: 'requiresApproval',
      type: 'checkbox',
      defaultValue: false,
      admin: { position: 'sidebar', description: 'Applications wait for an admin before payment.' },
    },
    { name: 'public', type: 'checkbox', defaultValue: true, admin: { position: 'sidebar', description: 'Offered on the member site.' } },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { position: 'sidebar', description: 'Inactive tiers take no new members.' } },
    { name: 'sortOrder', type: 'number', defaultValue: 0, admin: { position: 'sidebar' } },
  ],
}
