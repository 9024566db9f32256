import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'

/** Kinds of certificate a role can require, and how long one normally lasts. */
export const CertificateTypes: CollectionConfig = {
  slug: 'certificate-types',
  labels: { singular: 'Certificate type', plural: 'Certificate types' },
  admin: { group: 'Volunteering', useAsTitle: 'name', defaultColumns: ['name', 'validityMonths', 'updatedAt'] },
  access: collectionAccess('certificate-types'),
  defaultSort: 'name',
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 120 },
    {
      name: 'validityMonths',
      label: 'Valid for (months)',
      type: 'number',
      min: 0,
      max: 600,
      admin: { step: 1, description: "A new certificate's expiry defaults to its issue date plus this many months. Leave empty for certificates that do not expire." },
      validate: (value: unknown) => value === null || value === undefined || (Number.isInteger(value) && (value as number) >= 0) || 'Months: a whole number, 0 or more.',
    },
    { name: 'description', type: 'textarea', maxLength: 2000 },
  ],
}
