'use client'

import { useActionState } from 'react'

import type { SignInLinkState } from '../../actions'
import { signInByLink } from '../../actions'

/** The one press that uses the link up: opening the page did not, so a mail scanner cannot. */
export function SignInLinkButton({ token, next, email }: { token: string; next: string; email: string }) {
  const [state, formAction, pending] = useActionState<SignInLinkState, FormData>(signInByLink, {})
  return (
    <form action={formAction} className="mt-6 space-y-4">
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="next" value={next} />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="text-sm text-slate-600">as {email}</p>
    </form>
  )
}
