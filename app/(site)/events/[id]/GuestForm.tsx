'use client'

import { useActionState } from 'react'

import { Honeypot } from '../../_components/Honeypot'
import type { GuestFormState } from '../guestActions'
import { registerAsGuest } from '../guestActions'
import type { Question } from './QuestionFields'
import { GuestsField, QuestionFields } from './QuestionFields'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-1.5'

/** A visitor registers for a public event with their name and email; the emailed link confirms it. */
export function GuestForm({ eventId, questions, waitlist }: { eventId: number; questions: Question[]; waitlist: boolean }) {
  const [state, action, pending] = useActionState<GuestFormState, FormData>(registerAsGuest, {})
  if (state.done) {
    return (
      <p role="status" data-testid="guest-check-email" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {state.done}
      </p>
    )
  }
  const values = state.values ?? {}
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="event" value={eventId} />
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <Honeypot />
      <label className="block font-medium">
        Your name
        <input name="name" required autoComplete="name" maxLength={120} defaultValue={values.name ?? ''} className={inputClass} />
      </label>
      <label className="block font-medium">
        Your email
        <input name="email" type="email" required autoComplete="email" defaultValue={values.email ?? ''} className={inputClass} />
      </label>
      <GuestsField defaultValue={values.guests ?? '0'} />
      <QuestionFields questions={questions} values={values} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'One moment…' : waitlist ? 'Join the waitlist by email' : 'Register by email'}
      </button>
      <p className="text-sm text-slate-600">We email you a link to confirm; your place is taken when you press it.</p>
    </form>
  )
}
