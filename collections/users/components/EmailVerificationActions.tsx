'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

type Answer = { message?: string; errors?: Array<{ message: string }> }

/**
 * On the page of a person who registered themself and has not confirmed their email address
 * (shown to those who manage people): send them a new link, or mark the address verified by hand
 * when they confirmed it another way. Both are recorded (notifications, audit trail).
 */
export function EmailVerificationActions() {
  const { id } = useDocumentInfo()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const call = async (path: string, reload: boolean) => {
    setBusy(true)
    const res = await fetch(`/api/users/${encodeURIComponent(String(id))}/${path}`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    const body = (await res.json().catch(() => ({}))) as Answer
    setBusy(false)
    setMessage(res.ok ? (body.message ?? 'Done.') : (body.errors?.[0]?.message ?? 'That did not work.'))
    if (res.ok && reload) window.location.reload()
  }
  const markVerified = () => {
    if (!window.confirm('Mark this email address as verified? Do this only if you know the address is theirs (they confirmed it to you another way). It is recorded in the audit trail.')) return
    void call('mark-email-verified', true)
  }
  return (
    <div data-hangar-component="EmailVerificationActions" style={{ marginBottom: 'var(--base)' }}>
      <p style={{ marginBottom: 8 }}>
        <strong>Email address not verified.</strong> They cannot apply or pay until they open the link we emailed them.
      </p>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void call('send-verification-email', false)}>
          Send a new link
        </Button>
        <Button buttonStyle="secondary" size="small" disabled={busy} onClick={markVerified}>
          Mark as verified…
        </Button>
      </div>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
