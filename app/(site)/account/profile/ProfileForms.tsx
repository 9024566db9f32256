'use client'

import { useActionState } from 'react'

import type { User } from '@payload-types'
import { UNAVAILABLE_VALUE } from '@/privacy/unavailableValue'

import type { EmailFormState, ProfileFormState } from './actions'
import { askToChangeEmail, saveProfile } from './actions'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'
const buttonClass = 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60'

type FieldProps = { name: string; label: string; value?: string | null; autoComplete?: string; type?: string; required?: boolean; error?: string; path?: string; min?: string }

function Field({ name, label, value, autoComplete, type: wanted = 'text', required, error, min }: FieldProps) {
  // a value the server cannot decrypt is shown as such, and sent back as it is, which keeps it
  // (a date input would show it empty and send it back blank, clearing it)
  const type = value === UNAVAILABLE_VALUE ? 'text' : wanted
  const errorId = `${name}-error`
  return (
    <div>
      <label htmlFor={name} className="block font-medium text-slate-800">
        {label}
        {required ? '' : ' (optional)'}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={value ?? ''}
        autoComplete={autoComplete}
        required={required}
        min={type === 'date' ? min : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={inputClass}
      />
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  )
}

export function ProfileForm({ user }: { user: User }) {
  const [state, formAction, pending] = useActionState<ProfileFormState, FormData>(saveProfile, {})
  const error = (path: string) => state.fields?.[path]
  const address = user.address ?? {}
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      {state.saved && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Your details are saved.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="firstName" label="First name" value={user.firstName} autoComplete="given-name" required error={error('firstName')} />
        <Field name="lastName" label="Last name" value={user.lastName} autoComplete="family-name" required error={error('lastName')} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="phone" label="Phone" type="tel" value={user.phone} autoComplete="tel" error={error('phone')} />
        <Field name="dateOfBirth" label="Date of birth" type="date" value={user.dateOfBirth} autoComplete="bday" min="1900-01-01" error={error('dateOfBirth')} />
      </div>
      <fieldset className="space-y-4">
        <legend className="font-semibold text-slate-900">Address</legend>
        <Field name="line1" label="Address line 1" value={address.line1} autoComplete="address-line1" error={error('address.line1')} />
        <Field name="line2" label="Address line 2" value={address.line2} autoComplete="address-line2" error={error('address.line2')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="town" label="Town or city" value={address.town} autoComplete="address-level2" error={error('address.town')} />
          <Field name="county" label="County" value={address.county} autoComplete="address-level1" error={error('address.county')} />
          <Field name="postcode" label="Postcode" value={address.postcode} autoComplete="postal-code" error={error('address.postcode')} />
          <Field name="country" label="Country" value={address.country} autoComplete="country-name" error={error('address.country')} />
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Saving…' : 'Save my details'}
      </button>
    </form>
  )
}

export function EmailChangeForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<EmailFormState, FormData>(askToChangeEmail, {})
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      <p className="text-slate-700">
        You sign in with <strong>{email}</strong>. To use another address, enter it here: we send a link to it, and the change is made when you open
        the link and confirm.
      </p>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      {state.sentTo && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          We have sent a link to {state.sentTo}. Open it within 24 hours to confirm the new address; until then you keep signing in with {email}.
        </p>
      )}
      <div>
        <label htmlFor="new-email" className="block font-medium text-slate-800">
          New email address
        </label>
        <input id="new-email" name="email" type="email" autoComplete="email" required className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Sending…' : 'Send me a confirmation link'}
      </button>
    </form>
  )
}
