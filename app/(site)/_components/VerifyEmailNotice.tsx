'use client'

import { useActionState } from 'react'

import type { NewLinkState } from '../account/verify-email/actions'
import { askForNewLink } from '../account/verify-email/actions'

/**
 * For a signed-in person who registered themself and has not confirmed their email address yet:
 * what to do, and a button for a new link (throttled; the answer is the same either way).
 */
export function VerifyEmailNotice({ email, next, children }: { email: string; next?: string; children?: React.ReactNode }) {
  const [state, action, pending] = useActionState<NewLinkState, FormData>(askForNewLink, {})
  return (
    <section id="verify-email" aria-labelledby="verify-email-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
      <h2 id="verify-email-heading" className="text-lg font-semibold">
        Check your email
      </h2>
      <p className="mt-2">
        We sent a link to <strong>{email}</strong>. Open it and press “Confirm” to confirm your email address.
        {children ? <> {children}</> : ' Until then you cannot apply for a membership or pay.'}
      </p>
      <p className="mt-2 text-sm">Nothing there? Look in your spam folder, or ask for a new link (the old one stops working).</p>
      <form action={action} className="mt-3 flex flex-wrap items-center gap-3">
        {next && <input type="hidden" name="next" value={next} />}
        <button type="submit" disabled={pending} className="rounded border border-amber-700 bg-white px-4 py-2 font-medium text-amber-950 hover:bg-amber-100 disabled:opacity-60">
          {pending ? 'Sending…' : 'Send me a new link'}
        </button>
        {state.message && (
          <span role="status" className="text-sm">
            {state.message}
          </span>
        )}
        {state.error && (
          <span role="alert" className="text-sm font-medium text-red-800">
            {state.error}
          </span>
        )}
      </form>
    </section>
  )
}
