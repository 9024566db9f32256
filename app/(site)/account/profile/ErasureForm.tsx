'use client'

import { useActionState } from 'react'

import type { ErasureFormState } from './actions'
import { askForErasure, withdrawErasure } from './actions'

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/**
 * Asking for erasure (src/privacy/erasure.ts): what it means, then a typed confirmation. While the
 * request waits the member sees when it will be carried out and can withdraw it.
 */
export function ErasureForm({ requestedAt, dueAt, delayDays }: { requestedAt: string | null; dueAt: string | null; delayDays: number }) {
  const [state, formAction, pending] = useActionState<ErasureFormState, FormData>(askForErasure, {})
  const [withdrawn, withdrawAction, withdrawing] = useActionState<ErasureFormState, FormData>(withdrawErasure, {})
  const waiting = withdrawn.withdrawn ? null : (state.requestedAt ?? requestedAt)
  const due = state.dueAt ?? dueAt
  if (waiting) {
    return (
      <form action={withdrawAction} className="mt-4 space-y-4">
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          You asked on {day(waiting)} for your personal data to be erased. An administrator will confirm it{due ? `, or it will be done on ${day(due)}` : ''}.
        </p>
        <button type="submit" disabled={withdrawing} className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60">
          {withdrawing ? 'Withdrawing…' : 'Withdraw my request'}
        </button>
      </form>
    )
  }
  return (
    <form action={formAction} className="mt-4 space-y-4">
      <p className="text-slate-700">You can ask us to erase your personal data. Once it is done:</p>
      <ul className="list-disc space-y-1 pl-6 text-slate-700">
        <li>your name, email address, phone, address, photo, answers to event questions, availability and certificates are removed for good;</li>
        <li>you can no longer sign in, and we send you no more emails;</li>
        <li>records of your payments and memberships stay, under an anonymous reference, because we must keep financial records.</li>
      </ul>
      <p className="text-slate-700">
        An administrator confirms the request, or it is carried out {delayDays === 0 ? 'the next day' : `${delayDays} days after you ask`}. Until then you can withdraw it here.
      </p>
      {withdrawn.withdrawn && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Your request is withdrawn; nothing was erased.
        </p>
      )}
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <label className="block">
        <span className="font-semibold text-slate-900">Type ERASE to confirm</span>
        <input name="confirm" autoComplete="off" className="mt-1 block w-48 rounded border border-slate-300 px-3 py-2" />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60">
        {pending ? 'Sending…' : 'Ask for my data to be erased'}
      </button>
    </form>
  )
}
