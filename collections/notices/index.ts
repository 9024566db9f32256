import type { CollectionConfig, Where } from 'payload'

import { audienceFields, audienceFilter } from '@/access/audience'
import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'

import { emailOnPublish } from './hooks/emailOnPublish'

/** Visible once published and its publish date has come. */
const published = (): Where => ({ and: [{ status: { equals: 'published' } }, { publishAt: { less_than_equal: new Date().toISOString() } }] })

/** Alliance news and notices of meetings (SPEC §6); publishing can email the audience, once. */
export const Notices: CollectionConfig = {
  slug: 'notices',
  labels: { singular: 'Notice', plural: 'Notices' },
  admin: { group: 'Content', useAsTitle: 'title', defaultColumns: ['title', 'status', 'audience', 'publishAt', 'emailQueuedAt'] },
  defaultSort: '-publishAt',
  access: collectionAccess('notices', {
    public: (): Where => ({ and: [published(), { audience: { equals: 'public' } }] }),
    audience: (req) => audienceFilter(req, { audience: 'audience', published: published() }),
  }),
  hooks: { afterChange: [emailOnPublish] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'body', type: 'richText', required: true },
    { name: 'image', type: 'upload', relationTo: 'media' },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, defaultValue: 'draft', index: true, options: ['draft', 'published'] },
        { name: 'publishAt', label: 'Publish on', type: 'date', required: true, index: true, defaultValue: () => new Date().toISOString(), admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    ...audienceFields,
    { name: 'relatedEvent', label: 'Related meeting', type: 'relationship', relationTo: 'events' },
    {
      name: 'emailAudience',
      label: 'Email the audience when published',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Members (or the chosen tiers) get the notice by email once, however often it is saved.' },
    },
    {
      name: 'emailQueuedAt',
      type: 'date',
      access: systemFieldAccess('notices', 'emailQueuedAt'),
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
