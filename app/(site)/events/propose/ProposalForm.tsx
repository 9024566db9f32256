'use client'

import { useActionState } from 'react'

import type { ProposalState } from './actions'
import { proposeEvent } from './actions'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-1.5'

export type ProposalValues = { edit?: string; title?: string; type?: string; startsAt?: string; endsAt?: string; location?: string; summary?: string; description?: string }

/** The proposal form: a new proposal, or a rejected one being changed (`edit`). */
export function ProposalForm({ types, initial = {} }: { types: Array<{ value: string; label: string }>; initial?: ProposalValues }) {
  const [state, action, pending] = useActionState<ProposalState, FormData>(proposeEvent, {})
  const values: ProposalValues = { ...initial, ...(state.values ?? {}) }
  return (
    <form action={action} className="space-y-4" data-testid="proposal-form">
      {values.edit && <input type="hidden" name="edit" value={values.edit} />}
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <label className="block font-medium">
        Title
        <input name="title" required maxLength={160} defaultValue={values.title ?? ''} className={inputClass} />
      </label>
      <label className="block font-medium">
        Type
        <select name="type" defaultValue={values.type ?? 'meeting'} className="mt-1 block rounded border border-slate-400 px-2 py-1">
          {types.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block font-medium">
          Starts
          <input name="startsAt" type="datetime-local" required defaultValue={values.startsAt ?? ''} className={inputClass} />
        </label>
        <label className="block font-medium">
          Ends (optional)
          <input name="endsAt" type="datetime-local" defaultValue={values.endsAt ?? ''} className={inputClass} />
        </label>
      </div>
      <label className="block font-medium">
        Location
        <input name="location" maxLength={200} defaultValue={values.location ?? ''} className={inputClass} />
      </label>
      <label className="block font-medium">
        Summary
        <textarea name="summary" maxLength={500} rows={2} defaultValue={values.summary ?? ''} className={inputClass} />
      </label>
      <label className="block font-medium">
        Description (optional)
        <textarea name="description" rows={6} defaultValue={values.description ?? ''} className={inputClass} />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Sending…' : values.edit ? 'Resubmit the proposal' : 'Send the proposal'}
      </button>
    </form>
  )
}
