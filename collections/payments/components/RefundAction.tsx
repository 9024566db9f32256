'use client'

import { Button, useAuth, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import type { Payment } from '@payload-types'

import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { formatMoney, majorToMinor } from '@/lib/money'
import { refundableAmount } from '@/payments/refunds'

type Outcome = { ok: boolean; text: string }

/**
 * The Refund action on a payment (SPEC §3), for those the matrix lets refund (the treasurer,
 * admins): the whole remainder or part of it, with the reason, sent to
 * POST /api/payments/:id/refund (which checks everything again). Shows what the provider did:
 * the refund's id and status, or its refusal.
 */
export function RefundAction() {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const router = useRouter()
  const [payment, setPayment] = useState<Payment | null>(null)
  const [whole, setWhole] = useState(true)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState(false)
  const allowed = Boolean(user) && reachesAll('payments', user as Actor, 'update')

  useEffect(() => {
    if (!id || !allowed) return
    let current = true
    fetch(`/api/payments/${id}?depth=0`, { credentials: 'include' })
      .then((res) => (res.ok ? (res.json() as Promise<Payment>) : null))
      .then((doc) => {
        if (current && doc) setPayment(doc)
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [id, allowed])

  if (!id || !allowed || !payment) return null
  const left = refundableAmount(payment)
  const refundable = (payment.status === 'succeeded' || payment.status === 'partially_refunded') && left > 0
  const money = (minor: number) => formatMoney({ amount: minor, currency: payment.currency })

  async function refund() {
    setOutcome(null)
    const minor = whole ? left : majorToMinor(amount)
    if (minor === null) return setOutcome({ ok: false, text: 'Give the amount to refund, e.g. 12.50.' })
    if (minor > left) return setOutcome({ ok: false, text: `Only ${money(left)} is left to refund.` })
    if (!reason.trim()) return setOutcome({ ok: false, text: 'Give the reason for the refund.' })
    setBusy(true)
    const res = await fetch(`/api/payments/${id}/refund`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(whole ? { reason: reason.trim() } : { amount: minor, reason: reason.trim() }),
    })
    const body = (await res.json().catch(() => null)) as { doc?: Payment; message?: string; errors?: { message: string }[] } | null
    setBusy(false)
    if (!res.ok || !body?.doc) {
      setOutcome({ ok: false, text: body?.errors?.[0]?.message ?? `The refund failed (${res.status}).` })
      return
    }
    const entry = body.doc.refunds?.at(-1)
    const provider = entry?.providerRefundId ? ` Provider refund ${entry.providerRefundId}: ${entry.status}.` : ' Recorded by hand (no provider refund).'
    setOutcome({ ok: true, text: `${money(entry?.amount ?? minor)} refunded.${provider} The payment is now ${body.doc.status.replace('_', ' ')}.` })
    setPayment(body.doc)
    setAmount('')
    setReason('')
    router.refresh()
  }

  return (
    <div className="refund-action" style={{ marginBottom: 'var(--base)' }} data-hangar-component="RefundAction">
      <h4 style={{ marginBottom: 8 }}>Refund</h4>
      {refundable ? (
        <>
          <p style={{ marginBottom: 8 }}>{money(left)} can still be refunded.</p>
          <fieldset style={{ border: 0, padding: 0, marginBottom: 8 }}>
            <label style={{ display: 'block' }}>
              <input type="radio" name="refund-extent" checked={whole} onChange={() => setWhole(true)} /> Full ({money(left)})
            </label>
            <label style={{ display: 'block' }}>
              <input type="radio" name="refund-extent" checked={!whole} onChange={() => setWhole(false)} /> Part
            </label>
          </fieldset>
          {!whole && (
            <label style={{ display: 'block', marginBottom: 8 }}>
              Amount ({payment.currency})
              <input name="refund-amount" inputMode="decimal" placeholder="12.50" value={amount} onChange={(e) => setAmount(e.target.value)} style={{ display: 'block', width: '100%' }} />
            </label>
          )}
          <label style={{ display: 'block', marginBottom: 8 }}>
            Reason (required)
            <input name="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} style={{ display: 'block', width: '100%' }} />
          </label>
          <Button buttonStyle="secondary" size="small" disabled={busy} onClick={refund}>
            {busy ? 'Refunding…' : 'Refund'}
          </Button>
        </>
      ) : (
        <p>Nothing can be refunded on this payment.</p>
      )}
      {outcome && (
        <p role={outcome.ok ? 'status' : 'alert'} style={{ marginTop: 8, color: outcome.ok ? undefined : 'var(--theme-error-750)' }}>
          {outcome.text}
        </p>
      )}
    </div>
  )
}
