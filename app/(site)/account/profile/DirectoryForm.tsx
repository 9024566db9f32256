'use client'

import { useActionState } from 'react'

import type { DirectoryField } from '@/members/directoryFields'
import { DIRECTORY_FIELD_LABELS, DIRECTORY_FIELDS } from '@/members/directoryFields'

import type { DirectoryFormState } from './actions'
import { saveDirectoryChoices } from './actions'

/** One checkbox per field; those the admins locked are shown switched off and cannot be chosen. */
type CustomChoice = { key: string; label: string; locked: boolean }

export function DirectoryForm({ shown, locked, customFields = [], customShown = [] }: { shown: DirectoryField[]; locked: DirectoryField[]; customFields?: CustomChoice[]; customShown?: string[] }) {
  const [state, formAction, pending] = useActionState<DirectoryFormState, FormData>(saveDirectoryChoices, {})
  return (
    <form action={formAction} className="mt-4 space-y-4">
      <p className="text-slate-700">Members with a current membership can find you in the member directory. Choose what they see: nothing is shown until you tick it.</p>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      {state.saved && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Your directory choices are saved.
        </p>
      )}
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-900">Show in the directory</legend>
        {DIRECTORY_FIELDS.map((field) => {
          const isLocked = locked.includes(field)
          return (
            <label key={field} className="flex items-center gap-2">
              <input type="checkbox" name={field} defaultChecked={!isLocked && shown.includes(field)} disabled={isLocked} className="h-4 w-4" />
              {DIRECTORY_FIELD_LABELS[field]}
              {isLocked && <span className="text-sm text-slate-600">(not shown in this directory)</span>}
            </label>
          )
        })}
        {customFields.map((field) => (
          <label key={field.key} className="flex items-center gap-2">
            <input type="checkbox" name={`custom.${field.key}`} defaultChecked={!field.locked && customShown.includes(field.key)} disabled={field.locked} className="h-4 w-4" />
            {field.label}
            {field.locked && <span className="text-sm text-slate-600">(not shown in this directory)</span>}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save my directory choices'}
      </button>
    </form>
  )
}
