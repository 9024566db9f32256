import type { Field } from 'payload'

import { canAuthOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { systemFieldAccess } from '@/access/collectionAccess'

/**
 * Whether the person has confirmed their email address (src/security/emailVerification.ts).
 * `emailVerifiedAt` is set by Hangar alone (the link, an email change, or staff through the
 * "Mark as verified" action), never written through the API or the form; the link's token is
 * stored only as a hash, which nobody reads.
 */
export const emailVerificationFields: Field[] = [
  {
    name: 'emailVerifiedAt',
    label: 'Email verified',
    type: 'date',
    index: true,
    access: systemFieldAccess('users', 'emailVerifiedAt'),
    admin: {
      position: 'sidebar',
      readOnly: true,
      date: { pickerAppearance: 'dayAndTime' },
      description: 'When the person confirmed their email address. Empty: they registered themself and have not confirmed it yet, so they cannot apply or pay.',
      components: { Cell: '/collections/users/components/EmailVerifiedCell#EmailVerifiedCell' },
    },
  },
  {
    name: 'emailVerification',
    type: 'ui',
    admin: {
      position: 'sidebar',
      components: { Field: '/collections/users/components/EmailVerificationActions#EmailVerificationActions' },
      condition: (data, _sibling, { user }) => Boolean(data?.id) && !data?.emailVerifiedAt && !data?.erasedAt && canAuthOperation('verifyEmail', user as Actor),
    },
  },
  {
    name: 'invitation',
    type: 'ui',
    admin: {
      position: 'sidebar',
      components: { Field: '/collections/users/components/InvitationAction#InvitationAction' },
      condition: (data, _sibling, { user }) => Boolean(data?.id) && !data?.erasedAt && canAuthOperation('invite', user as Actor),
    },
  },
  {
    name: 'emailVerificationTokenHash',
    type: 'text',
    hidden: true,
    index: true,
    access: { ...systemFieldAccess('users', 'emailVerificationTokenHash'), read: () => false },
  },
  {
    name: 'emailVerificationExpiresAt',
    type: 'date',
    hidden: true,
    access: { ...systemFieldAccess('users', 'emailVerificationExpiresAt'), read: () => false },
  },
]
