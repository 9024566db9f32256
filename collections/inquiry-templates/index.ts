import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { findTemplateError } from '@/email/render'
import { INQUIRY_TYPES, INQUIRY_TYPE_LABELS } from '@/inquiries/lifecycle'

const validTemplate = (value: unknown): true | string => {
  if (typeof value !== 'string' || !value.trim()) return 'Write the text.'
  const error = findTemplateError(value)
  return error ? `This template cannot be read: ${error}` : true
}

/**
 * Response templates for replies to inquiries (seed 001 F03.02.14): per inquiry type (or any) and
 * language (or any), with the variables other emails use: {{contact.name}}, {{contact.firstName}},
 * {{contact.email}}, {{inquiry.subject}}, {{inquiry.message}}, {{inquiry.type}}, {{staff.name}},
 * {{organisation.name}}, {{links.join}}. Unknown variables render empty.
 */
export const InquiryTemplates: CollectionConfig = {
  slug: 'inquiry-templates',
  labels: { singular: 'Response template', plural: 'Response templates' },
  admin: {
    group: 'Inquiries',
    useAsTitle: 'name',
    defaultColumns: ['name', 'inquiryType', 'language', 'updatedAt'],
    description:
      'Replies to inquiries start from these: the best fit for the inquiry’s type and language is offered first. Variables: {{contact.name}}, {{contact.firstName}}, {{contact.email}}, {{inquiry.subject}}, {{inquiry.message}}, {{inquiry.type}}, {{staff.name}}, {{organisation.name}}, {{links.join}}; unknown ones are left empty.',
  },
  access: collectionAccess('inquiry-templates'),
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      type: 'row',
      fields: [
        { name: 'inquiryType', label: 'For inquiries about', type: 'select', options: INQUIRY_TYPES.map((value) => ({ label: INQUIRY_TYPE_LABELS[value], value })), admin: { description: 'Empty: any.' } },
        { name: 'language', type: 'text', maxLength: 10, admin: { description: 'e.g. en, cy. Empty: any.' } },
      ],
    },
    { name: 'subject', type: 'text', required: true, maxLength: 200, validate: validTemplate },
    { name: 'body', type: 'textarea', required: true, maxLength: 20_000, validate: validTemplate },
  ],
}
