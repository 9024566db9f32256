'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import type { InquiryStatus } from '@/inquiries/lifecycle'
import { ASSIGNABLE, CONVERTIBLE, INQUIRY_STATUS_LABELS, REPLIABLE, nextInquiryStatuses } from '@/inquiries/lifecycle'

type Answer = { message?: string; errors?: Array<{ message: string; data?: { member?: number; linkExisting?: boolean } }> }
type Person = { id: number; firstName: string; lastName: string; email: string }
type Preview = { template: number | null; subject: string; body: string; templates: Array<{ id: number; name: string }> }
type Tier = { id: number; name: string }

const STAFF = ['superuser', 'admin', 'secretary', 'treasurer', 'events', 'volunteers']

async function call(path: string, method: 'GET' | 'POST', body?: unknown): Promise<{ ok: boolean; status: number; body: Answer & Record<string, unknown> }> {
  const res = await fetch(path, { method, credentials: 'include', headers: body === undefined ? undefined : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { ok: res.ok, status: res.status, body: (await res.json().catch(() => ({}))) as Answer & Record<string, unknown> }
}

const box = { border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: 'var(--base)', marginBottom: 'var(--base)' } as const
const field = { display: 'block', width: '100%', marginTop: 4, marginBottom: 8, padding: 6 } as const

/**
 * The inquiry's actions (staff who manage inquiries): assign, reply from a response template (the
 * words filled in and editable before sending), change the status by hand, convert to a member.
 * Each calls the inquiry's endpoint (collections/inquiries/endpoints) and reloads the page.
 */
export function InquiryActions() {
  const { id } = useDocumentInfo()
  const base = id ? `/api/inquiries/${encodeURIComponent(String(id))}` : ''
  const [status, setStatus] = useState<InquiryStatus | null>(null)
  const [staff, setStaff] = useState<Person[]>([])
  const [tiers, setTiers] = useState<Tier[]>([])
  const [preview, setPreview] = useState<Preview | null>(null)
  const [assignee, setAssignee] = useState('')
  const [note, setNote] = useState('')
  const [subject, setSubject] = useState('')
  const [body, setBody] = useState('')
  const [reason, setReason] = useState('')
  const [tier, setTier] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [canLink, setCanLink] = useState(false)
  const [busy, setBusy] = useState(false)

  const loadPreview = useCallback(
    async (template?: string) => {
      const res = await call(`${base}/reply-preview${template ? `?template=${encodeURIComponent(template)}` : ''}`, 'GET')
      if (!res.ok) return
      const p = res.body as unknown as Preview
      setPreview(p)
      setSubject(p.subject)
      setBody(p.body)
    },
    [base],
  )

  useEffect(() => {
    if (!base) return
    void (async () => {
      const doc = await call(`${base}?depth=0`, 'GET')
      setStatus((doc.body.status as InquiryStatus) ?? null)
      const people = await call(`/api/users?limit=200&depth=0&sort=firstName&where[roles][in]=${STAFF.join(',')}`, 'GET')
      setStaff(((people.body.docs as Person[] | undefined) ?? []))
      const tierList = await call('/api/tiers?limit=100&depth=0&sort=sortOrder', 'GET')
      setTiers(((tierList.body.docs as Tier[] | undefined) ?? []))
      await loadPreview()
    })()
  }, [base, loadPreview])

  if (!id || !status) return null

  const run = async (path: string, payload: unknown) => {
    setBusy(true)
    const res = await call(`${base}/${path}`, 'POST', payload)
    setBusy(false)
    const refusal = res.body.errors?.[0]
    setMessage(res.ok ? (res.body.message ?? 'Done.') : (refusal?.message ?? 'That did not work.'))
    setCanLink(res.status === 409 && Boolean(refusal?.data?.linkExisting))
    if (res.ok) setTimeout(() => window.location.reload(), 800)
  }

  const manual = nextInquiryStatuses(status, 'staff')
  return (
    <div data-hangar-component="InquiryActions" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <p>
        Status: <strong data-testid="inquiry-status">{INQUIRY_STATUS_LABELS[status]}</strong>
      </p>
      {message ? (
        <p role="status" style={{ fontWeight: 600 }}>
          {message}
        </p>
      ) : null}

      {ASSIGNABLE.includes(status) ? (
        <div style={box}>
          <label>
            Assign to
            <select aria-label="Assign to" style={field} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Choose a member of staff…</option>
              {staff.map((p) => (
                <option key={p.id} value={p.id}>
                  {`${p.firstName} ${p.lastName} (${p.email})`}
                </option>
              ))}
            </select>
          </label>
          <label>
            Note for them (optional)
            <input aria-label="Assignment note" style={field} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <Button buttonStyle="secondary" size="small" disabled={busy || !assignee} onClick={() => void run('assign', { assignee: Number(assignee), note })}>
            Assign
          </Button>
        </div>
      ) : null}

      {REPLIABLE.includes(status) ? (
        <div style={box}>
          <label>
            Response template
            <select aria-label="Response template" style={field} value={preview?.template ?? ''} onChange={(e) => void loadPreview(e.target.value)}>
              <option value="">No template</option>
              {(preview?.templates ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Subject
            <input aria-label="Reply subject" style={field} value={subject} onChange={(e) => setSubject(e.target.value)} />
          </label>
          <label>
            Reply
            <textarea aria-label="Reply" rows={8} style={field} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          <Button buttonStyle="primary" size="small" disabled={busy || !body.trim()} onClick={() => void run('reply', { template: preview?.template ?? undefined, subject, body })}>
            Send reply
          </Button>
        </div>
      ) : null}

      {CONVERTIBLE.includes(status) ? (
        <div style={box}>
          <label>
            Convert to member, with an application for
            <select aria-label="Tier" style={field} value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="">No application</option>
              {tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void run('convert', tier ? { tier: Number(tier) } : {})}>
            Convert to member
          </Button>
          {canLink ? (
            <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void run('convert', { linkExisting: true })}>
              Link to the existing account
            </Button>
          ) : null}
        </div>
      ) : null}

      {manual.length > 0 ? (
        <div style={box}>
          <label>
            Reason (needed to close or mark as spam)
            <input aria-label="Reason" style={field} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {manual.map((to) => (
            <Button key={to} buttonStyle="secondary" size="small" disabled={busy} onClick={() => void run('transition', { to, reason })}>
              {`Mark as ${INQUIRY_STATUS_LABELS[to].toLowerCase()}`}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
