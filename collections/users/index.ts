import type { CollectionConfig } from 'payload'

import { adminPanelAccess, collectionAccess, fieldAccess, systemFieldAccess } from '@/access/collectionAccess'
import { canAny, canAuthOperation } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { ROLE_LABELS, ROLES } from '@/access/roles'
import { dateOfBirthField, phoneField, postcodeField } from '@/lib/contactFields'
import { encryptedField } from '@/privacy/fieldEncryption'
import { apiKeyFields, isOwnAccount } from './apiKeyFields'
import { emailChangeFields } from './emailChangeFields'
import { emailVerificationFields } from './emailVerificationFields'
import { emailVerificationEndpoints } from './endpoints/emailVerification'
import { exportDataEndpoints } from './endpoints/exportData'
import { usersExportEndpoint } from './endpoints/exportCsv'
import { forgotPasswordEndpoint } from './endpoints/forgotPassword'
import { removePhotoEndpoint, setPhotoEndpoint } from './endpoints/photo'
import { eraseEndpoint, requestErasureEndpoint, withdrawErasureEndpoint } from './endpoints/erasure'
import { registerEndpoint } from './endpoints/register'
import { signInLinkEndpoints } from './endpoints/signInLink'
import { signInLinkFields } from './signInLinkFields'
import { signedInStrategy } from './signedInStrategy'
import { forgotPasswordEmail } from './forgotPasswordEmail'
import { deletePhotos } from './hooks/deletePhotos'
import { recordDirectoryConsent } from './hooks/directoryConsent'
import { guardEmailChange } from './hooks/guardEmailChange'
import { noteSelfSignUp, sendVerificationEmail, startEmailVerification } from './hooks/emailVerification'
import { guardRoles, guardSuperuserDeletion } from './hooks/guardRoles'
import { refuseErasedSignIn } from './hooks/refuseErased'
import { forgetDeviceOnLogout, rememberDeviceOnLogin } from '@/security/knownDevice'
import { endOtherSessionsOnPasswordChange, endOtherSessionsOnReset, enforcePasswordPolicy } from './hooks/passwords'
import { equalSignInTiming, forgiveSuccessfulSignIn, throttleAuthOperations } from './hooks/throttleAuth'
import { recordSignUpConsent, requirePolicyAcceptance } from './hooks/privacyConsent'
import { sendWelcome } from './hooks/welcome'
import { notePasswordSignIn, recordFailedPasswordSignIn, recordPasswordSignIn } from './hooks/signInEvents'
import { auditChange, auditDelete, notePasswordChange } from '../../hooks/auditTrail'
import { DIRECTORY_FIELD_LABELS, DIRECTORY_FIELDS, showFieldOf } from '@/members/directoryFields'
import { EXPORT_CSV_MENU_ITEM } from '@/exports/menuItem'
import { customFieldsField, directoryCustomChoicesField, prepareCustomFieldQuery } from '@/members/customFields'

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: 'Person', plural: 'People' },
  admin: {
    group: 'People',
    useAsTitle: 'email',
    defaultColumns: ['email', 'firstName', 'lastName', 'roles', 'emailVerifiedAt', 'createdAt'],
    listSearchableFields: ['email', 'firstName', 'lastName'],
    // for admins: who the retention rule will anonymise next (src/privacy/retention.ts)
    // and for those who manage people: who has not confirmed their email address (collections/users/components)
    components: { beforeListTable: ['/src/admin/RetentionPreview#RetentionPreview', '/collections/users/components/UnverifiedPeopleLink#UnverifiedPeopleLink'], listMenuItems: [EXPORT_CSV_MENU_ITEM] },
  },
  auth: {
    useAPIKey: true,
    // Payload's lockout counts failures per account, so anyone could lock the owner out;
    // sign-in is throttled per account and address instead (src/security/throttle.ts).
    maxLoginAttempts: 0,
    // the signed-in person as every request reads them: ids only (the photo is read where it is shown)
    depth: 0,
    // the signed-in person as every API request reads them: the fields access needs, not the profile
    strategies: [signedInStrategy],
    forgotPassword: forgotPasswordEmail,
    tokenExpiration: 8 * 60 * 60,
    cookies: {
      sameSite: 'Lax',
      secure: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
    },
  },
  access: {
    ...collectionAccess('users', { own: (req) => ({ id: { equals: req.user?.id } }) }),
    admin: adminPanelAccess,
    unlock: ({ req }) => canAuthOperation('unlock', req.user as Actor),
  },
  endpoints: [usersExportEndpoint, registerEndpoint, forgotPasswordEndpoint, ...signInLinkEndpoints, ...emailVerificationEndpoints, setPhotoEndpoint, removePhotoEndpoint, ...exportDataEndpoints, requestErasureEndpoint, withdrawErasureEndpoint, eraseEndpoint],
  hooks: {
    beforeOperation: [throttleAuthOperations, notePasswordSignIn, enforcePasswordPolicy, equalSignInTiming, requirePolicyAcceptance, noteSelfSignUp, prepareCustomFieldQuery],
    afterOperation: [endOtherSessionsOnReset],
    beforeLogin: [refuseErasedSignIn],
    afterLogin: [forgiveSuccessfulSignIn, recordPasswordSignIn, rememberDeviceOnLogin],
    afterLogout: [forgetDeviceOnLogout],
    afterError: [recordFailedPasswordSignIn],
    beforeChange: [guardRoles, guardEmailChange, startEmailVerification, endOtherSessionsOnPasswordChange, notePasswordChange],
    afterChange: [sendWelcome, sendVerificationEmail, recordSignUpConsent, recordDirectoryConsent, auditChange('users')],
    afterDelete: [auditDelete('users')],
    beforeDelete: [guardSuperuserDeletion, deletePhotos],
  },
  fields: [
    {
      name: 'auditTrail',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/admin/AuditTrailLink#AuditTrailLink' }, condition: (_data, _sibling, { user }) => canAny('audit-entries', user as Actor, 'read') },
    },
    {
      type: 'row',
      fields: [
        { name: 'firstName', type: 'text', required: true, maxLength: 100 },
        { name: 'lastName', type: 'text', required: true, maxLength: 100 },
      ],
    },
    // phone, date of birth and address are encrypted at rest (src/privacy/fieldEncryption.ts)
    // who reads them on someone else's account: the field rules of src/access/matrix.ts
    encryptedField(phoneField({ access: fieldAccess('users', 'phone', isOwnAccount) })),
    encryptedField(dateOfBirthField({ access: fieldAccess('users', 'dateOfBirth', isOwnAccount), admin: { description: 'Year-month-day, e.g. 1984-07-21. Optional; kept encrypted.' } })),
    {
      name: 'photo',
      type: 'upload',
      relationTo: 'media',
      access: systemFieldAccess('users', 'photo'),
      admin: { readOnly: true, description: 'Set by the member from their profile page (made square, without its metadata).' },
    },
    {
      name: 'address',
      type: 'group',
      access: fieldAccess('users', 'address', isOwnAccount),
      fields: [
        encryptedField({ name: 'line1', label: 'Address line 1', type: 'text', maxLength: 200 }),
        encryptedField({ name: 'line2', label: 'Address line 2', type: 'text', maxLength: 200 }),
        {
          type: 'row',
          fields: [
            encryptedField({ name: 'town', label: 'Town or city', type: 'text', maxLength: 100 }),
            encryptedField({ name: 'county', type: 'text', maxLength: 100 }),
          ],
        },
        {
          type: 'row',
          fields: [
            encryptedField(postcodeField()),
            encryptedField({ name: 'country', type: 'text', maxLength: 100, defaultValue: 'United Kingdom' }),
          ],
        },
      ],
    },
    customFieldsField(),
    {
      name: 'emailPreferences',
      label: 'Email preferences',
      type: 'group',
      fields: [
        {
          name: 'renewalReminders',
          label: 'Send me renewal reminders',
          type: 'checkbox',
          defaultValue: true,
          admin: { description: 'Receipts and messages about applications are always sent.' },
        },
      ],
    },
    {
      name: 'directory',
      label: 'Member directory',
      type: 'group',
      admin: { description: 'What other members see of this person in the directory. Each is hidden until the member chooses to show it.' },
      fields: [
        ...DIRECTORY_FIELDS.map((field) => ({ name: showFieldOf(field), label: `Show ${DIRECTORY_FIELD_LABELS[field].toLowerCase()}`, type: 'checkbox' as const, defaultValue: false })),
        directoryCustomChoicesField(),
      ],
    },
    {
      name: 'directoryHidden',
      label: 'Hide from the member directory',
      type: 'checkbox',
      defaultValue: false,
      access: fieldAccess('users', 'directoryHidden', isOwnAccount),
      admin: { position: 'sidebar', description: 'Staff only: keeps this person out of the directory whatever they chose.' },
    },
    ...emailVerificationFields,
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['member'],
      saveToJWT: true,
      options: ROLES.map((role) => ({ label: ROLE_LABELS[role], value: role })),
      access: fieldAccess('users', 'roles', isOwnAccount),
      admin: {
        position: 'sidebar',
        description: 'Staff roles open parts of the admin panel. Only a superuser can grant Superuser.',
      },
    },
    {
      name: 'internalNotes',
      type: 'textarea',
      access: fieldAccess('users', 'internalNotes', isOwnAccount),
      admin: {
        position: 'sidebar',
        description: 'Seen by admins and the secretary only, never by the member.',
      },
    },
    {
      // what a sign-up form sends to accept the privacy policy; recorded as a consent, not stored here
      name: 'acceptPrivacyPolicy',
      type: 'checkbox',
      virtual: true,
      // nothing to read, filter or sort on: it is sent, never stored
      access: { read: () => false },
      admin: { hidden: true },
    },
    {
      name: 'dataExport',
      type: 'ui',
      admin: {
        position: 'sidebar',
        condition: (_data, _siblingData, { user }) => canAuthOperation('exportData', user as Actor),
        components: { Field: '/collections/users/components/DataExportLink#DataExportLink' },
      },
    },
    {
      name: 'erasureRequestedAt',
      label: 'Erasure asked for',
      type: 'date',
      index: true,
      access: systemFieldAccess('users', 'erasureRequestedAt'),
      admin: {
        position: 'sidebar',
        readOnly: true,
        date: { pickerAppearance: 'dayAndTime' },
        description: 'When the member asked for their data to be erased (from their profile). Erased after the delay in Settings → Privacy, or at once by an admin.',
        condition: (data) => Boolean(data?.erasureRequestedAt),
      },
    },
    {
      name: 'erasedAt',
      label: 'Erased',
      type: 'date',
      index: true,
      access: systemFieldAccess('users', 'erasedAt'),
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' }, description: 'Personal data anonymised; the account cannot sign in. Payments stay.', condition: (data) => Boolean(data?.erasedAt) },
    },
    {
      name: 'erase',
      type: 'ui',
      admin: {
        position: 'sidebar',
        components: { Field: '/src/admin/EraseButton#EraseButton' },
        condition: (data, _sibling, { user }) => Boolean(data?.id) && !data?.erasedAt && canAuthOperation('erase', user as Actor),
      },
    },
    ...apiKeyFields,
    ...emailChangeFields,
    ...signInLinkFields,
  ],
}
