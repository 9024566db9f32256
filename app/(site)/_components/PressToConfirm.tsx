'use client'

import type { ReactNode } from 'react'
import { useActionState } from 'react'

export type PressToConfirmState = { error?: string; email?: string }

/**
 * The page an emailed link opens: one button the owner of the mailbox presses. Opening the link
 * changes nothing, so a mail scanner that follows it does not use it up. Used for confirming a new
 * account's address and an address change, and for the "Sign in" of an emailed sign-in link.
 */
export function PressToConfirm({
  token,
  email,
  action,
  confirmed,
  label,
  pendingLabel = 'Confirming…',
  fields = {},
  note,
}: {
  token: string
  email: string
  action: (previous: PressToConfirmState, form: FormData) => Promise<PressToConfirmState>
  /** What to show once the address is confirmed (an action that redirects instead needs none). */
  confirmed?: (email: string) => ReactNode
  /** The button's words; "Confirm <email>" unless given. */
  label?: string
  pendingLabel?: string
  /** More hidden fields the action reads. */
  fields?: Record<string, string>
  /** Shown under the button. */
  note?: ReactNode
}) {
  const [state, formAction, pending] = useActionState<PressToConfirmState, FormData>(action, {})
  if (state.email && confirmed) return confirmed(state.email)
  return (
    <form action={formAction} className="mt-6 space-y-4">
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? pendingLabel : (label ?? `Confirm ${email}`)}
      </button>
      {note}
    </form>
  )
}
