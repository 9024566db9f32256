'use client'

import { useActionState } from 'react'

import type { RsvpState } from '../actions'
import { replyToEvent } from '../actions'
import type { Prefill, Question } from './QuestionFields'
import { QuestionFields } from './QuestionFields'

/** The reply form: guests and the event's own questions; "going" or "join the waitlist". */
export function ReplyForm({ eventId, questions, waitlist, prefill = {} }: { eventId: number; questions: Question[]; waitlist: boolean; prefill?: Prefill }) {
  const [state, action, pending] = useActionState<RsvpState, FormData>(replyToEvent, {})
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="event" value={eventId} />
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="guests" className="block font-medium">
          Guests coming with you
        </label>
        <select id="guests" name="guests" defaultValue="0" className="mt-1 rounded border border-slate-400 px-2 py-1">
          {[0, 1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <QuestionFields questions={questions} prefill={prefill} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'One moment…' : waitlist ? 'Join the waitlist' : 'I’m going'}
      </button>
    </form>
  )
}
