'use client'

import Link from 'next/link'
import { useActionState } from 'react'

import type { VerifyEmailState } from '../actions'
import { confirmEmailAddress } from '../actions'

export function VerifyEmailForm({ token, email, next, signedIn }: { token: string; email: string; next: string; signedIn: boolean }) {
  const [state, formAction, pending] = useActionState<VerifyEmailState, FormData>(confirmEmailAddress, {})
  if (state.email) {
    const continueTo = signedIn ? next : `/sign-in?next=${encodeURIComponent(next)}`
    return (
      <div className="mt-6 space-y-4">
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Thank you: {state.email} is confirmed. You can now apply for a membership and pay.
        </p>
        <Link href={continueTo} className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          {next.startsWith('/join/') ? 'Continue joining' : signedIn ? 'Go to my account' : 'Sign in'}
        </Link>
      </div>
    )
  }
  return (
    <form action={formAction} className="mt-6 space-y-4">
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Confirming…' : `Confirm ${email}`}
      </button>
    </form>
  )
}
