'use client'

import { useActionState } from 'react'

import type { RsvpState } from '../actions'
import { replyToEvent } from '../actions'

type Question = { key: string; label: string; kind: string; choices?: string[] | null; required?: boolean | null; help?: string | null }
type Prefill = Record<string, string | number | boolean>

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-1.5'

/** A question's label, "(optional)" when it is, and its help text tied to the field for screen readers. */
function Label({ q, htmlFor }: { q: Question; htmlFor?: string }) {
  const text = `${q.label}${q.required ? '' : ' (optional)'}`
  return (
    <>
      {htmlFor ? (
        <label htmlFor={htmlFor} className="block font-medium">
          {text}
        </label>
      ) : (
        <legend className="font-medium">{text}</legend>
      )}
      {q.help && (
        <p id={`help-${q.key}`} className="text-sm text-slate-600">
          {q.help}
        </p>
      )}
    </>
  )
}

/** One question, as the kind of field its answer is; prefilled from the member's earlier answers and profile. */
function QuestionField({ q, value }: { q: Question; value: string | number | boolean | undefined }) {
  const id = `answer-${q.key}`
  const name = `answer:${q.key}`
  const describedBy = q.help ? `help-${q.key}` : undefined
  const required = Boolean(q.required)
  if (q.kind === 'yes_no') {
    return (
      <fieldset aria-describedby={describedBy}>
        <Label q={q} />
        <label className="mr-4">
          <input type="radio" name={name} value="yes" required={required} defaultChecked={value === true} /> Yes
        </label>
        <label>
          <input type="radio" name={name} value="no" defaultChecked={value === false} /> No
        </label>
      </fieldset>
    )
  }
  const common = { id, name, required, 'aria-describedby': describedBy }
  return (
    <div>
      <Label q={q} htmlFor={id} />
      {q.kind === 'choice' ? (
        <select {...common} defaultValue={typeof value === 'string' ? value : ''} className="mt-1 block rounded border border-slate-400 px-2 py-1">
          <option value="">Choose…</option>
          {(q.choices ?? []).map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : q.kind === 'number' ? (
        <input {...common} type="number" step="any" inputMode="decimal" defaultValue={typeof value === 'number' ? value : undefined} className={inputClass} />
      ) : q.kind === 'date' ? (
        <input {...common} type="date" defaultValue={typeof value === 'string' ? value : undefined} className={inputClass} />
      ) : (
        <input {...common} type="text" maxLength={1000} defaultValue={typeof value === 'string' ? value : undefined} className={inputClass} />
      )}
    </div>
  )
}

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
      {questions.map((q) => (
        <QuestionField key={q.key} q={q} value={prefill[q.key]} />
      ))}
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'One moment…' : waitlist ? 'Join the waitlist' : 'I’m going'}
      </button>
    </form>
  )
}
