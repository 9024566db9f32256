import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { DEFAULT_TEMPLATES, EMAIL_TEMPLATE_KEYS } from '@/email/templates'

/**
 * The wording of every email Hangar sends. One document per template key, seeded with the
 * defaults (src/email/templates.ts) and edited by admins and the secretary; the key is fixed.
 */
export const EmailTemplates: CollectionConfig = {
  slug: 'email-templates',
  labels: { singular: 'Email template', plural: 'Email templates' },
  admin: {
    group: 'Communication',
    useAsTitle: 'label',
    defaultColumns: ['label', 'subject', 'updatedAt'],
    description: 'What members and staff receive. Variables like {{member.firstName}} are filled in when an email is sent; unknown ones stay empty.',
  },
  defaultSort: 'label',
  access: collectionAccess('email-templates'),
  fields: [
    {
      name: 'key',
      type: 'select',
      required: true,
      unique: true,
      options: EMAIL_TEMPLATE_KEYS.map((key) => ({ label: DEFAULT_TEMPLATES[key].label, value: key })),
      access: { update: () => false },
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'label', type: 'text', required: true, admin: { position: 'sidebar' } },
    {
      name: 'description',
      type: 'textarea',
      admin: { position: 'sidebar', readOnly: true, description: 'When it is sent and which variables it can use.' },
    },
    { name: 'subject', type: 'text', required: true, maxLength: 200 },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      admin: {
        rows: 16,
        description: 'Plain text. A blank line starts a new paragraph; links are made clickable. {{#x}}…{{/x}} shows a part only when x has a value.',
      },
    },
    {
      name: 'preview',
      type: 'ui',
      admin: { components: { Field: '/collections/email-templates/components/TemplatePreview#TemplatePreview' } },
    },
  ],
}
