import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { CONSENT_KIND_LABELS, CONSENT_KINDS, CONSENT_SOURCES } from '@/privacy/consents'

import { currentConsentsEndpoint } from './endpoints/current'
import { prepareConsent } from './hooks/prepareConsent'

const SOURCE_LABELS: Record<(typeof CONSENT_SOURCES)[number], string> = {
  'sign-up': 'When signing up',
  portal: 'In their account',
  admin: 'Recorded by staff',
}

/**
 * Consent records (SPEC §11): each acceptance of the privacy policy and each change of a
 * marketing or directory opt-in, one row each, never changed or removed (the matrix makes the
 * collection append-only). The latest row of a kind is the person's current choice.
 */
export const Consents: CollectionConfig = {
  slug: 'consents',
  labels: { singular: 'Consent', plural: 'Consents' },
  admin: {
    group: 'People',
    defaultColumns: ['person', 'kind', 'granted', 'policyVersion', 'givenAt', 'source'],
    description: 'What each person agreed to and when: the privacy policy version accepted, and their marketing and directory choices. A record is never changed; a new choice adds a row.',
  },
  defaultSort: '-givenAt',
  access: collectionAccess('consents', { own: (req) => ({ person: { equals: req.user?.id } }) }),
  // the current state of a person is the latest row of each kind (src/privacy/consents.ts)
  indexes: [{ fields: ['person', 'kind', 'givenAt'] }],
  endpoints: [currentConsentsEndpoint],
  hooks: { beforeValidate: [prepareConsent] },
  fields: [
    { name: 'person', type: 'relationship', relationTo: 'users', required: true, index: true },
    {
      type: 'row',
      fields: [
        { name: 'kind', type: 'select', required: true, options: CONSENT_KINDS.map((value) => ({ label: CONSENT_KIND_LABELS[value], value })) },
        { name: 'granted', label: 'Agreed', type: 'checkbox', defaultValue: true, admin: { description: 'Unticked: the person declined or withdrew.' } },
        { name: 'policyVersion', type: 'text', maxLength: 50, admin: { condition: (data) => data?.kind === 'privacy_policy', description: 'The privacy policy version accepted.' } },
      ],
    },
    { name: 'note', type: 'textarea', maxLength: 1000, admin: { description: 'How a consent recorded by staff was given (e.g. the paper form of 3 March).' } },
    // defaults so the admin form is complete; the hook sets both for every new row
    { name: 'givenAt', label: 'When', type: 'date', required: true, index: true, defaultValue: () => new Date().toISOString(), admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'source',
      label: 'How',
      type: 'select',
      required: true,
      defaultValue: 'admin',
      options: CONSENT_SOURCES.map((value) => ({ label: SOURCE_LABELS[value], value })),
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'recordedBy', type: 'relationship', relationTo: 'users', admin: { position: 'sidebar', readOnly: true } },
  ],
}
