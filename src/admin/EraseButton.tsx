'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

/**
 * On a person's page, for admins: erase their personal data now (POST /api/users/:id/erase),
 * after a confirmation naming what happens. Payments and memberships stay.
 */
export function EraseButton() {
  const { id } = useDocumentInfo()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const erase = async () => {
    if (!window.confirm('Erase this person’s personal data for good? Their name, contact details, photo, notes and answers are removed and they can no longer sign in. Payments and memberships stay, under an anonymous reference. This cannot be undone.')) return
    setBusy(true)
    const res = await fetch(`/api/users/${encodeURIComponent(String(id))}/erase`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    const body = (await res.json().catch(() => ({}))) as { message?: string; errors?: Array<{ message: string }> }
    setBusy(false)
    setMessage(res.ok ? (body.message ?? 'Erased.') : (body.errors?.[0]?.message ?? 'The erasure failed.'))
    if (res.ok) window.location.reload()
  }
  return (
    <div data-hangar-component="EraseButton" style={{ marginBottom: 'var(--base)' }}>
      <Button buttonStyle="error" size="small" disabled={busy} onClick={erase}>
        Erase personal data…
      </Button>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
