'use client'

import { Button, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

/** On a failed payment event: "Replay", sent to POST /api/payment-events/:id/replay (which checks who may). */
export function ReplayButton() {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id || status !== 'failed') return null

  async function replay() {
    setBusy(true)
    const res = await fetch(`/api/payment-events/${id}/replay`, { method: 'POST', credentials: 'include' })
    const body = (await res.json().catch(() => null)) as { message?: string; errors?: { message: string }[] } | null
    setMessage(res.ok ? (body?.message ?? 'Queued again.') : (body?.errors?.[0]?.message ?? `Replay failed (${res.status}).`))
    setBusy(false)
  }

  return (
    <div style={{ marginBottom: 'var(--base)' }} data-hangar-component="ReplayButton">
      <p style={{ marginBottom: 8 }}>This event failed. Once its cause is fixed, process it again:</p>
      <Button buttonStyle="primary" size="small" disabled={busy} onClick={replay}>
        Replay
      </Button>
      {message && (
        <p role="status" style={{ marginTop: 8 }}>
          {message}
        </p>
      )}
    </div>
  )
}
