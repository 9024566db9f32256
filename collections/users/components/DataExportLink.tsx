'use client'

import { useDocumentInfo } from '@payloadcms/ui'

/**
 * On a person's page: download everything Hangar holds about them (a subject access request),
 * from GET /api/users/:id/export, which checks who may.
 */
export function DataExportLink() {
  const { id } = useDocumentInfo()
  if (!id) return null
  return (
    <div style={{ marginBottom: 'var(--base)' }} data-hangar-component="DataExportLink">
      <p style={{ marginBottom: 8 }}>Subject access request:</p>
      <a className="btn btn--style-secondary btn--size-small" href={`/api/users/${id}/export`} download>
        Download this person’s data (JSON)
      </a>
    </div>
  )
}
