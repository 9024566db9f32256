'use client'

import { useActionState } from 'react'

import { Honeypot } from '../../_components/Honeypot'
import type { RenewState } from './actions'
import { renewFromLink } from './actions'

/**
 * The "Renew" press (one button per way to pay). On a browser that is not the member's, the press
 * emails a code and this form then asks for it.
 */
export function RenewForm({ token, providers, price }: { token: string; providers: Array<{ id: string; label: string }>; price: string }) {
  const [state, formAction, pending] = useActionState<RenewState, FormData>(renewFromLink, {})
  return (
    <form action={formAction} className="mt-6 space-y-4">
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      {state.codeSentTo ? (
        <>
          <p role="status" className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800">
            This browser has not signed in to your account before, so we have emailed a sign-in code to {state.codeSentTo}. Type it here to renew.
          </p>
          <input type="hidden" name="provider" value={state.provider ?? ''} />
          <label className="block">
            <span className="text-sm font-medium text-slate-800">Code from the email</span>
            <input
              name="code"
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 \-]*"
              maxLength={9}
              className="mt-1 w-full rounded border border-slate-300 px-3 py-2 tracking-widest"
            />
          </label>
          <Honeypot />
          <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
            {pending ? 'Checking…' : 'Sign in and renew'}
          </button>
        </>
      ) : (
        <div className="flex flex-wrap gap-2">
          {providers.map((provider, i) => (
            <button
              key={provider.id}
              type="submit"
              name="provider"
              value={provider.id}
              disabled={pending}
              className={
                i === 0
                  ? 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60'
                  : 'rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60'
              }
            >
              Renew ({price}){providers.length > 1 ? `: ${provider.label}` : ''}
            </button>
          ))}
        </div>
      )}
    </form>
  )
}
