'use client'

import Link from 'next/link'
import { useActionState } from 'react'

import type { ResetPasswordState } from './actions'
import { chooseNewPassword } from './actions'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<ResetPasswordState, FormData>(chooseNewPassword, {})
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
          {state.expired && (
            <>
              {' '}
              <Link href="/forgot-password" className="underline">
                Ask for a new link
              </Link>
            </>
          )}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="password" className="block font-medium text-slate-800">
          New password (12 characters or more)
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={12} required className={inputClass} />
      </div>
      <div>
        <label htmlFor="confirm" className="block font-medium text-slate-800">
          New password again
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={12} required className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save my new password'}
      </button>
    </form>
  )
}
