import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { collectionAccess, fieldAccess, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { afterSibling, notFutureDay } from '@/lib/dateFields'

import { refuseOversizedFile } from '../documents'
import { servedUploads } from '../../hooks/uploads'
import { managesCertificates, prepareCertificate, recordVerification, refreshAfterChange, refreshAfterDelete } from './hooks/prepareCertificate'

export const CERTIFICATE_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic']

/**
 * Volunteers' certificates (SPEC §7). The file is private: Payload applies this collection's
 * read access to /api/certificates/file/…, so only the holder and coordinators (the volunteers
 * role, admins) can open it. Files live outside the public folder.
 */
export const Certificates: CollectionConfig = {
  slug: 'certificates',
  labels: { singular: 'Certificate', plural: 'Certificates' },
  admin: {
    group: 'Volunteering',
    useAsTitle: 'title',
    defaultColumns: ['member', 'type', 'issuedOn', 'expiresOn', 'verified', 'filename'],
    description: 'Members upload their own; tick Verified once you have checked the original.',
  },
  defaultSort: '-createdAt',
  access: collectionAccess('certificates', { own: ownedByMember }),
  upload: {
    staticDir: path.resolve(process.env.CERTIFICATES_DIR?.trim() || './data/certificates'),
    mimeTypes: CERTIFICATE_MIME_TYPES,
    filesRequiredOnCreate: false,
    ...servedUploads({ privateFile: true }),
  },
  hooks: {
    beforeOperation: [refuseOversizedFile],
    beforeValidate: [prepareCertificate],
    beforeChange: [recordVerification],
    afterChange: [refreshAfterChange],
    afterDelete: [refreshAfterDelete],
  },
  fields: [
    { name: 'title', type: 'text', access: systemFieldAccess('certificates', 'title'), admin: { readOnly: true, position: 'sidebar', description: 'Type and holder, set automatically.' } },
    {
      type: 'row',
      fields: [
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, access: { update: ({ req }) => managesCertificates(req) } },
        { name: 'type', type: 'relationship', relationTo: 'certificate-types', required: true, index: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'issuedOn', label: 'Issued on', type: 'date', required: true, validate: notFutureDay('The issue date'), admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } } },
        {
          name: 'expiresOn',
          label: 'Expires on',
          type: 'date',
          index: true,
          validate: afterSibling('issuedOn', 'The expiry date must be after the issue date.'),
          admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' }, description: "Left empty: the issue date plus the type's validity." },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'issuer', type: 'text', maxLength: 200 },
        { name: 'reference', label: 'Certificate number / reference', type: 'text', maxLength: 120 },
      ],
    },
    { name: 'verified', type: 'checkbox', defaultValue: false, index: true, access: fieldAccess('certificates', 'verified'), admin: { position: 'sidebar' } },
    { name: 'verifiedBy', type: 'relationship', relationTo: 'users', access: systemFieldAccess('certificates', 'verifiedBy'), admin: { readOnly: true, position: 'sidebar' } },
    { name: 'verifiedAt', type: 'date', access: systemFieldAccess('certificates', 'verifiedAt'), admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
