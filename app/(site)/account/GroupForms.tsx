'use client'

import { useActionState } from 'react'

import type { GroupFormState } from './actions'
import { addPerson, removePerson } from './actions'

type Props = { membership: number | string; kind: 'household' | 'organisation' }

/** "Add a seat holder" / "Add a household member": one email field, errors read out. */
export function AddPersonForm({ membership, kind, label }: Props & { label: string }) {
  const [state, action, pending] = useActionState<GroupFormState, FormData>(addPerson, {})
  const id = `add-person-${membership}`
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
      <input type="hidden" name="membership" value={membership} />
      <input type="hidden" name="kind" value={kind} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <input id={id} name="email" type="email" required autoComplete="off" className="mt-1 rounded border border-slate-400 px-3 py-1.5" />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add'}
      </button>
      {state.error && (
        <p role="alert" className="basis-full text-sm text-red-800">
          {state.error}
        </p>
      )}
      {state.added && (
        <p role="status" className="basis-full text-sm text-green-900">
          {state.added} added; we have emailed them.
        </p>
      )}
    </form>
  )
}

export function RemovePersonButton({ membership, kind, email }: Props & { email: string }) {
  const [state, action, pending] = useActionState<GroupFormState, FormData>(removePerson, {})
  return (
    <form action={action} className="inline">
      <input type="hidden" name="membership" value={membership} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="email" value={email} />
      <button type="submit" disabled={pending} className="text-sm text-red-800 underline" aria-label={`Remove ${email}`}>
        Remove
      </button>
      {state.error && (
        <span role="alert" className="ml-2 text-sm text-red-800">
          {state.error}
        </span>
      )}
    </form>
  )
}
