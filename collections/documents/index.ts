import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { audienceFields, audienceFilter } from '@/access/audience'
import { collectionAccess } from '@/access/collectionAccess'

import { refuseFilesLargerThan, servedUploads } from '../../hooks/uploads'

export const DOCUMENT_CATEGORIES = ['minutes', 'manuals', 'policies', 'forms', 'other'] as const

/** PDFs, office documents (Microsoft and OpenDocument), plain text and images. */
export const DOCUMENT_MIME_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/webp',
]

const everything = { id: { exists: true } }

/** 20 MB: minutes and manuals, not videos. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/** A file cut off at the upload limit is refused, not stored half. */
export const refuseOversizedFile = refuseFilesLargerThan(MAX_UPLOAD_BYTES)

/**
 * Minutes, manuals, policies and forms (SPEC §8). The audience decides who may list a document
 * and who may download its file: Payload applies the same read access to /api/documents/file/…,
 * so visitors, lapsed members and members of other tiers get 403 there too.
 */
export const Documents: CollectionConfig = {
  slug: 'documents',
  labels: { singular: 'Document', plural: 'Documents' },
  admin: { group: 'Content', useAsTitle: 'title', defaultColumns: ['title', 'category', 'audience', 'filename', 'updatedAt'] },
  defaultSort: '-createdAt',
  hooks: { beforeOperation: [refuseOversizedFile] },
  access: collectionAccess('documents', {
    public: () => ({ audience: { equals: 'public' } }),
    audience: (req) => audienceFilter(req, { audience: 'audience', published: everything }),
  }),
  upload: {
    staticDir: path.resolve(process.env.DOCUMENTS_DIR?.trim() || './data/documents'),
    mimeTypes: DOCUMENT_MIME_TYPES,
    filesRequiredOnCreate: true,
    // which documents are members-only is not known when the file is served: keep all out of caches
    ...servedUploads({ privateFile: true }),
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'description', type: 'textarea', maxLength: 2000 },
    { name: 'category', type: 'select', required: true, defaultValue: 'other', index: true, options: DOCUMENT_CATEGORIES.map((value) => ({ label: value[0]!.toUpperCase() + value.slice(1), value })) },
    ...audienceFields,
    { name: 'relatedEvent', label: 'Related meeting', type: 'relationship', relationTo: 'events' },
  ],
}
