'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import Link from 'next/link'

/**
 * On a person's or a payment's page: a link to its entries in the audit trail (who changed which
 * field, and when). Shown to those who may read the trail (the field's condition and access).
 */
export function AuditTrailLink({ path }: { path?: string }) {
  const { id, collectionSlug } = useDocumentInfo()
  if (!id) return null
  const field = collectionSlug === 'payments' ? 'payment' : 'person'
  return (
    <p data-hangar-component="AuditTrailLink" style={{ marginBottom: 'var(--base)' }} id={path}>
      <Link href={`/admin/collections/audit-entries?where[${field}][equals]=${encodeURIComponent(String(id))}`}>See who changed what, and when (audit trail)</Link>
    </p>
  )
}
