import type { CollectionAfterChangeHook, CollectionConfig } from 'payload'

import type { VolunteerRole } from '@payload-types'

import { collectionAccess } from '@/access/collectionAccess'
import { refreshStandingForRole } from '@/volunteering/standing'

/** A role's required certificates changed: every assignment to it is re-checked (and flagged if short). */
const recheckAssignments: CollectionAfterChangeHook<VolunteerRole> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update') return doc
  const ids = (value: VolunteerRole['requiredCertificates']) => JSON.stringify((value ?? []).map((t) => (typeof t === 'object' ? t.id : t)).sort())
  if (ids(doc.requiredCertificates) !== ids(previousDoc?.requiredCertificates)) await refreshStandingForRole(req, doc.id)
  return doc
}

/**
 * Volunteer roles (SPEC §7): Fire, Radio, General and whatever else the association needs.
 * Members may hold a role only while they hold a valid certificate of each required type.
 */
export const VolunteerRoles: CollectionConfig = {
  slug: 'volunteer-roles',
  labels: { singular: 'Volunteer role', plural: 'Volunteer roles' },
  admin: { group: 'Volunteering', useAsTitle: 'name', defaultColumns: ['name', 'requiredCertificates', 'updatedAt'] },
  access: collectionAccess('volunteer-roles'),
  defaultSort: 'name',
  hooks: { afterChange: [recheckAssignments] },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 80 },
    { name: 'description', type: 'textarea', maxLength: 2000 },
    {
      name: 'requiredCertificates',
      label: 'Required certificates',
      type: 'relationship',
      relationTo: 'certificate-types',
      hasMany: true,
      admin: { description: 'A member needs a verified, unexpired certificate of each of these types to take the role or one of its shifts.' },
    },
  ],
}
