'use client'

import Link from 'next/link'
import { useActionState } from 'react'

import type { ConfirmEmailState } from './actions'
import { confirmNewEmail } from './actions'

export function ConfirmEmailForm({ token, email }: { token: string; email: string }) {
  const [state, formAction, pending] = useActionState<ConfirmEmailState, FormData>(confirmNewEmail, {})
  if (state.email) {
    return (
      <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        Done: your account&apos;s email address is now {state.email}. Use it the next time you{' '}
        <Link href="/sign-in" className="underline">
          sign in
        </Link>
        .
      </p>
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
