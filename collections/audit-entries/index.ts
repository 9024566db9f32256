import type { CollectionConfig } from 'payload'

import { collectionAccess } from '@/access/collectionAccess'

export const AUDITED_COLLECTIONS = ['users', 'payments'] as const
export const AUDIT_OPERATIONS = ['create', 'update', 'delete'] as const

/**
 * Who changed which field of a person or a payment, and when (SPEC §11; memberships keep their
 * own history). Written by hooks/auditTrail.ts in the same transaction as the change; nobody
 * writes, edits or deletes entries through the API; admins read them (the matrix).
 */
export const AuditEntries: CollectionConfig = {
  slug: 'audit-entries',
  labels: { singular: 'Audit entry', plural: 'Audit trail' },
  admin: {
    group: 'Administration',
    defaultColumns: ['createdAt', 'collection', 'document', 'operation', 'actorLabel', 'summary'],
    useAsTitle: 'summary',
    description: 'Every change to people and payments: who, when and which fields. Personal details are recorded as changed, without their values.',
  },
  defaultSort: '-createdAt',
  access: collectionAccess('audit-entries'),
  fields: [
    { name: 'collection', type: 'select', required: true, index: true, options: [...AUDITED_COLLECTIONS], admin: { readOnly: true } },
    { name: 'document', label: 'Document id', type: 'number', required: true, index: true, admin: { readOnly: true } },
    { name: 'person', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true, description: 'The person changed (for people).' } },
    { name: 'payment', type: 'relationship', relationTo: 'payments', index: true, admin: { readOnly: true } },
    { name: 'operation', type: 'select', required: true, options: [...AUDIT_OPERATIONS], admin: { readOnly: true } },
    { name: 'actor', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true, description: 'Empty: Hangar itself (a job, a webhook, the system).' } },
    { name: 'actorLabel', label: 'By', type: 'text', admin: { readOnly: true } },
    { name: 'summary', type: 'text', admin: { readOnly: true } },
    { name: 'changes', type: 'json', admin: { readOnly: true } },
  ],
}
