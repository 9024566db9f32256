'use client'

import { useActionState } from 'react'

import type { RsvpState } from '../actions'
import { replyToEvent } from '../actions'
import type { Prefill, Question } from './QuestionFields'
import { GuestsField, QuestionFields } from './QuestionFields'

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
      <GuestsField />
      <QuestionFields questions={questions} prefill={prefill} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'One moment…' : waitlist ? 'Join the waitlist' : 'I’m going'}
      </button>
    </form>
  )
}
