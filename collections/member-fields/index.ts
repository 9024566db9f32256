import type { CollectionConfig, Where } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { AUDIENCES, CUSTOM_FIELD_TYPE_LABELS, CUSTOM_FIELD_TYPES, MAX_KEY_LENGTH, MAX_OPTIONS } from '@/members/customFieldRules'

import { forgetCachedDefinitions, guardDefinition, refuseDeletingUsedDefinition } from './hooks/guardDefinition'

const AUDIENCE_LABELS = { members: 'The member and the staff', staff: 'The staff only' } as const

/**
 * Custom member fields (SPEC §10, issue 15 point 2): extra details the association keeps about
 * its people, defined here without code. Each person's values are in `users.customFields`, keyed
 * by the field's key (src/members/customFields.ts); members fill in theirs on their profile page.
 */
export const MemberFields: CollectionConfig = {
  slug: 'member-fields',
  labels: { singular: 'Member field', plural: 'Member fields' },
  admin: {
    group: 'People',
    useAsTitle: 'label',
    defaultColumns: ['label', 'key', 'type', 'visibleTo', 'editableBy', 'required', 'archived'],
    description: 'Extra details kept about each person: shown on the person in the admin panel and, for those members see, on their profile page.',
  },
  defaultSort: 'order',
  access: collectionAccess('member-fields', {
    // members read the definitions of the fields they see and fill in on their profile
    audience: (): Where => ({ and: [{ visibleTo: { equals: 'members' } }, { archived: { not_equals: true } }] }),
  }),
  hooks: {
    beforeChange: [guardDefinition],
    beforeDelete: [refuseDeletingUsedDefinition],
    afterChange: [forgetCachedDefinitions],
    afterDelete: [forgetCachedDefinitions],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'label', type: 'text', required: true, maxLength: 100, admin: { description: 'What people see, e.g. "Pilot licence number".' } },
        {
          name: 'key',
          type: 'text',
          unique: true,
          index: true,
          maxLength: MAX_KEY_LENGTH,
          admin: { description: 'Its machine name in the API and exports, e.g. "licence_number". Made from the label when left empty; cannot change once people have a value.' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'type', type: 'select', required: true, defaultValue: 'text', options: CUSTOM_FIELD_TYPES.map((value) => ({ label: CUSTOM_FIELD_TYPE_LABELS[value], value })) },
        { name: 'order', type: 'number', defaultValue: 0, admin: { description: 'Fields are shown from the lowest number.' } },
      ],
    },
    {
      name: 'options',
      type: 'array',
      maxRows: MAX_OPTIONS,
      admin: { condition: (data) => data?.type === 'choice', description: 'The answers to choose from.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'label', type: 'text', required: true, maxLength: 100 },
            { name: 'value', type: 'text', maxLength: 100, admin: { description: 'Stored and filtered on; the label when left empty.' } },
          ],
        },
      ],
    },
    { name: 'helpText', label: 'Help text', type: 'textarea', maxLength: 500, admin: { description: 'Shown under the field.' } },
    {
      type: 'row',
      fields: [
        {
          name: 'visibleTo',
          label: 'Who sees it',
          type: 'select',
          required: true,
          defaultValue: 'members',
          options: AUDIENCES.map((value) => ({ label: AUDIENCE_LABELS[value], value })),
        },
        {
          name: 'editableBy',
          label: 'Who fills it in',
          type: 'select',
          required: true,
          defaultValue: 'members',
          options: AUDIENCES.map((value) => ({ label: AUDIENCE_LABELS[value], value })),
          admin: { condition: (data) => data?.visibleTo !== 'staff', description: 'A field the staff alone see is filled in by the staff.' },
        },
      ],
    },
    { name: 'required', type: 'checkbox', defaultValue: false, admin: { description: 'Must be filled in by whoever fills it in (the member on their profile, or the staff).' } },
    {
      name: 'directoryEligible',
      label: 'May be shown in the member directory',
      type: 'checkbox',
      defaultValue: false,
      admin: { condition: (data) => data?.visibleTo !== 'staff', description: 'Each member then chooses whether to show it (hidden until they do).' },
    },
    {
      name: 'sensitive',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Personal data that needs extra care (health, for example): its changes are recorded in the audit trail without the values.' },
    },
    {
      name: 'archived',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: { position: 'sidebar', description: 'No longer shown or asked; the values people gave are kept (and exported).' },
    },
  ],
}
