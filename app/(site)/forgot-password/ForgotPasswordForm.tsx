'use client'

import { useActionState } from 'react'

import { Honeypot } from '../_components/Honeypot'
import type { ForgotPasswordState } from './actions'
import { askForPasswordReset } from './actions'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState<ForgotPasswordState, FormData>(askForPasswordReset, {})
  if (state.done) {
    return (
      <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {state.done}
      </p>
    )
  }
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <Honeypot />
      <div>
        <label htmlFor="email" className="block font-medium text-slate-800">
          Email address
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.email} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Sending…' : 'Send me a link'}
      </button>
    </form>
  )
}
