'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

type Card = { attach: (selector: string) => Promise<void>; tokenize: () => Promise<{ status: string; token?: string; errors?: Array<{ message: string }> }> }
type SquareGlobal = { payments: (applicationId: string, locationId: string) => { card: () => Promise<Card> } }

const LOAD_TIMEOUT_MS = 15_000

/** Loads Square's script once per page. */
function loadSdk(url: string): Promise<SquareGlobal> {
  const existing = (window as unknown as { Square?: SquareGlobal }).Square
  if (existing) return Promise.resolve(existing)
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = url
    script.async = true
    const timer = window.setTimeout(() => reject(new Error('timeout')), LOAD_TIMEOUT_MS)
    script.onload = () => {
      window.clearTimeout(timer)
      const square = (window as unknown as { Square?: SquareGlobal }).Square
      if (square) resolve(square)
      else reject(new Error('Square did not start'))
    }
    script.onerror = () => {
      window.clearTimeout(timer)
      reject(new Error('blocked'))
    }
    document.head.appendChild(script)
  })
}

/**
 * Square's Web Payments SDK card form, loaded from Square by the browser. The card number goes
 * to Square, which returns a one-time token; our server charges that token for the amount in
 * the ledger. Without the SDK (offline, blocked by an extension) the page says so.
 */
export function SquareCardForm({ paymentId, applicationId, locationId, sdkUrl }: { paymentId: number; applicationId: string; locationId: string; sdkUrl: string }) {
  const router = useRouter()
  const card = useRef<Card | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'paying' | 'unavailable'>('loading')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    loadSdk(sdkUrl)
      .then(async (square) => {
        const form = await square.payments(applicationId, locationId).card()
        await form.attach('#square-card')
        if (cancelled) return
        card.current = form
        setState('ready')
      })
      .catch(() => !cancelled && setState('unavailable'))
    return () => {
      cancelled = true
    }
  }, [applicationId, locationId, sdkUrl])

  async function pay(event: React.FormEvent) {
    event.preventDefault()
    if (!card.current || state === 'paying') return
    setState('paying')
    setError(null)
    try {
      const result = await card.current.tokenize()
      if (result.status !== 'OK' || !result.token) {
        setError(result.errors?.[0]?.message ?? 'Check the card details and try again.')
        setState('ready')
        return
      }
      const res = await fetch(`/api/payments/square/${paymentId}/pay`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sourceId: result.token }),
      })
      const body = await res.json().catch(() => ({}))
      if (res.ok) {
        router.push(`/pay/receipt/${paymentId}`)
        return
      }
      setError(body.errors?.[0]?.message ?? 'The payment did not go through. Please try again.')
      setState(res.status === 402 ? 'unavailable' : 'ready')
    } catch {
      setError('The payment could not be sent. Check your connection and try again.')
      setState('ready')
    }
  }

  if (state === 'unavailable' && !error) {
    return (
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
        The card form could not be loaded from Square. Check your internet connection or any content blocker and reload this page, or{' '}
        <a href="/account" className="font-medium underline">
          choose another way to pay
        </a>
        .
      </p>
    )
  }
  return (
    <form onSubmit={pay} className="space-y-4" aria-busy={state !== 'ready'}>
      <div id="square-card" className="min-h-24" aria-label="Card details" />
      {state === 'loading' && <p className="text-slate-600">Loading the secure card form…</p>}
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}{' '}
          {state === 'unavailable' && (
            <a href="/account" className="font-medium underline">
              Back to your account
            </a>
          )}
        </p>
      )}
      {state !== 'unavailable' && (
        <button type="submit" disabled={state !== 'ready'} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
          {state === 'paying' ? 'Paying…' : 'Pay now'}
        </button>
      )}
    </form>
  )
}
