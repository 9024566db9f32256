'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

type Answer = { message?: string; errors?: Array<{ message: string }> }

/**
 * On a person's page (for those who manage people): email them an invitation to sign in, a link
 * and code that need no password. For someone added by hand or by an import, who has never signed
 * in; sending it again replaces the earlier invitation.
 */
export function InvitationAction() {
  const { id } = useDocumentInfo()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const invite = async () => {
    setBusy(true)
    const res = await fetch(`/api/users/${encodeURIComponent(String(id))}/invite`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    const body = (await res.json().catch(() => ({}))) as Answer
    setBusy(false)
    setMessage(res.ok ? (body.message ?? 'Sent.') : (body.errors?.[0]?.message ?? 'That did not work.'))
  }
  return (
    <div data-hangar-component="InvitationAction" style={{ marginBottom: 'var(--base)' }}>
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void invite()}>
        Invite to sign in
      </Button>
      <p style={{ marginTop: 4, color: 'var(--theme-elevation-500)' }}>Emails them a link and code to sign in without a password.</p>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
