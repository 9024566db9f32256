'use client'

import type { ReactNode } from 'react'
import { useActionState } from 'react'

export type PressToConfirmState = { error?: string; email?: string }

/**
 * The page an emailed link opens: one button the owner of the mailbox presses. Opening the link
 * changes nothing, so a mail scanner that follows it does not use it up. Used for confirming a new
 * account's address and an address change.
 */
export function PressToConfirm({
  token,
  email,
  action,
  confirmed,
}: {
  token: string
  email: string
  action: (previous: PressToConfirmState, form: FormData) => Promise<PressToConfirmState>
  /** What to show once the address is confirmed. */
  confirmed: (email: string) => ReactNode
}) {
  const [state, formAction, pending] = useActionState<PressToConfirmState, FormData>(action, {})
  if (state.email) return confirmed(state.email)
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
