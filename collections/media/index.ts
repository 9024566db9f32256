import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'

import { refuseFilesLargerThan, servedUploads } from '../../hooks/uploads'
import { servePhotosPrivately } from './servePhotosPrivately'

/**
 * Raster images only. SVG is left out on purpose: it can carry scripts, and images here are
 * uploaded by staff but shown to everyone.
 */
export const MEDIA_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif']

/** 10 MB: a photo straight from a phone, not a poster at print resolution. */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024

/** Site images have no owner; a member's profile photo is owned by them (src/members/photo.ts). */
const siteImages = { owner: { exists: false } }

/**
 * Images for events, notices and the site (SPEC §13 `media`), and members' profile photos.
 * Site images illustrate public pages, so everyone may see them; the teams that publish events
 * and notices upload them (the matrix's `media` row). A profile photo is seen by its owner and
 * the staff who manage people, served privately (never cached by a shared cache). Every image
 * has alternative text for screen readers.
 */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Image', plural: 'Images' },
  admin: { group: 'Content', useAsTitle: 'alt', defaultColumns: ['filename', 'alt', 'updatedAt'] },
  defaultSort: '-createdAt',
  access: collectionAccess('media', {
    public: () => siteImages,
    audience: (req) => ({ or: [siteImages, { owner: { equals: req.user?.id ?? 0 } }] }),
  }),
  hooks: { beforeOperation: [refuseFilesLargerThan(MAX_MEDIA_BYTES)] },
  upload: {
    staticDir: path.resolve(process.env.MEDIA_DIR?.trim() || './data/media'),
    mimeTypes: MEDIA_MIME_TYPES,
    filesRequiredOnCreate: true,
    imageSizes: [{ name: 'thumbnail', width: 400, height: 300, position: 'centre', withoutEnlargement: true }],
    adminThumbnail: 'thumbnail',
    // uploads come from a file, never fetched by the server from a URL someone typed
    pasteURL: false,
    ...servedUploads({ privateFile: false }),
    handlers: [...servedUploads({ privateFile: false }).handlers!, servePhotosPrivately],
  },
  fields: [
    {
      name: 'alt',
      label: 'Alternative text',
      type: 'text',
      required: true,
      maxLength: 300,
      admin: { description: 'What the image shows, for people who cannot see it.' },
    },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: systemFieldAccess('media', 'owner'),
      admin: { readOnly: true, position: 'sidebar', description: 'Set for a member’s profile photo: only they and the staff who manage people see it.' },
    },
  ],
}
