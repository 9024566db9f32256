'use client'

import { Button, useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useState } from 'react'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import type { MembershipStatus } from '@/membership/lifecycle'
import { STATUS_LABELS, isMembershipStatus, nextStatuses } from '@/membership/lifecycle'

const ACTION_LABELS: Partial<Record<MembershipStatus, string>> = {
  approved: 'Approve',
  rejected: 'Reject',
  cancelled: 'Cancel membership',
}

/**
 * The admin panel's status buttons for a membership: what the lifecycle allows an admin next,
 * sent to POST /api/memberships/:id/transition (which checks everything again).
 */
export function StatusActions() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const status = useFormFields(([fields]) => fields.status?.value)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (!id || !isMembershipStatus(status)) return null
  if (!reachesAll('memberships', user as Actor, 'update')) return null
  const options = nextStatuses(status, 'admin')
  if (options.length === 0) return null

  async function change(to: MembershipStatus) {
    setBusy(true)
    setError(null)
    const res = await fetch(`/api/memberships/${id}/transition`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to, reason: reason || undefined }),
    })
    if (res.ok) {
      window.location.reload()
      return
    }
    const body = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null
    setError(body?.errors?.[0]?.message ?? `The change failed (${res.status}).`)
    setBusy(false)
  }

  return (
    <div style={{ marginBottom: 'var(--base)' }} data-hangar-component="StatusActions">
      <p style={{ fontWeight: 600, marginBottom: 8 }}>Change status</p>
      <label htmlFor="transition-reason" style={{ display: 'block', marginBottom: 4 }}>
        Reason (required to reject, cancel or change by hand)
      </label>
      <textarea
        id="transition-reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={3}
        style={{ width: '100%', marginBottom: 8 }}
      />
      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-750)', marginBottom: 8 }}>
          {error}
        </p>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {options.map((to) => (
          <Button key={to} buttonStyle={to === 'approved' ? 'primary' : 'secondary'} size="small" disabled={busy} onClick={() => change(to)}>
            {ACTION_LABELS[to] ?? `Mark ${STATUS_LABELS[to].toLowerCase()}`}
          </Button>
        ))}
      </div>
    </div>
  )
}
