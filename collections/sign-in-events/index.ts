import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'
import { SIGN_IN_METHOD_LABELS, SIGN_IN_METHODS } from '@/security/signInEvents'

/**
 * Sign-ins and failed attempts (issue 17, point 6): how, when, from which address, and whether it
 * worked. Recorded by Hangar alone (src/security/signInEvents.ts); the person reads their own in
 * the portal, admins read everyone's; nobody writes, changes or removes one through the API.
 */
export const SignInEvents: CollectionConfig = {
  slug: 'sign-in-events',
  labels: { singular: 'Sign-in', plural: 'Sign-ins' },
  admin: {
    group: 'Administration',
    defaultColumns: ['createdAt', 'person', 'email', 'method', 'succeeded', 'address'],
    description: 'Each sign-in and failed attempt to sign in to an account: how (password, emailed link or code), from which address, and whether it worked.',
  },
  defaultSort: '-createdAt',
  access: collectionAccess('sign-in-events', { own: (req) => ({ person: { equals: req.user?.id } }) }),
  indexes: [{ fields: ['person', 'createdAt'] }],
  fields: [
    { name: 'person', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true } },
    { name: 'email', type: 'text', maxLength: 254, admin: { readOnly: true } },
    { name: 'method', type: 'select', required: true, options: SIGN_IN_METHODS.map((value) => ({ label: SIGN_IN_METHOD_LABELS[value], value })), admin: { readOnly: true } },
    { name: 'succeeded', type: 'checkbox', required: true, defaultValue: false, admin: { readOnly: true } },
    { name: 'address', label: 'IP address', type: 'text', maxLength: 64, admin: { readOnly: true } },
  ],
}
