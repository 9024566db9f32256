'use client'

import { useActionState } from 'react'

import type { User } from '@payload-types'
import { UNAVAILABLE_VALUE } from '@/privacy/unavailableValue'

import type { CustomValue } from '@/members/customFieldRules'
import type { ProfileField } from '@/members/customFields'

import type { EmailFormState, PasswordFormState, ProfileFormState } from './actions'
import { askToChangeEmail, chooseFirstPassword, saveProfile } from './actions'

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

/** One custom member field: an input when the member fills it in, the value as text when the staff do. */
function CustomField({ field, value, error }: { field: ProfileField; value: CustomValue | undefined; error?: string }) {
  const id = `custom-${field.key}`
  const name = `custom.${field.key}`
  const errorId = `${id}-error`
  const helpId = `${id}-help`
  const described = [field.helpText ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  const help = field.helpText ? (
    <p id={helpId} className="mt-1 text-sm text-slate-600">
      {field.helpText}
    </p>
  ) : null
  const problem = error ? (
    <p id={errorId} className="mt-1 text-sm text-red-800">
      {error}
    </p>
  ) : null
  if (!field.editable) {
    const shown = value === undefined ? 'Not filled in yet' : field.type === 'checkbox' ? (value ? 'Yes' : 'No') : field.type === 'choice' ? (field.options?.find((o) => o.value === value)?.label ?? String(value)) : String(value)
    return (
      <div>
        <p className="font-medium text-slate-800">{field.label}</p>
        <p className="mt-1 whitespace-pre-line text-slate-700">{shown}</p>
        <p className="mt-1 text-sm text-slate-600">Filled in by the staff.{field.helpText ? ` ${field.helpText}` : ''}</p>
      </div>
    )
  }
  if (field.type === 'checkbox') {
    return (
      <div>
        <label className="flex items-center gap-2 font-medium text-slate-800">
          <input id={id} name={name} type="checkbox" defaultChecked={value === true} aria-describedby={described} aria-invalid={error ? true : undefined} className="h-4 w-4" />
          {field.label}
        </label>
        {help}
        {problem}
      </div>
    )
  }
  const common = {
    id,
    name,
    required: field.required ?? false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    className: inputClass,
  }
  const text = value === undefined ? '' : String(value)
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {field.label}
        {field.required ? '' : ' (optional)'}
      </label>
      {field.type === 'textarea' ? (
        <textarea {...common} rows={4} defaultValue={text} maxLength={5000} />
      ) : field.type === 'choice' ? (
        <select {...common} defaultValue={text}>
          <option value="">{field.required ? 'Choose…' : 'Not given'}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'} step={field.type === 'number' ? 'any' : undefined} defaultValue={text} maxLength={field.type === 'text' ? 500 : undefined} />
      )}
      {help}
      {problem}
    </div>
  )
}

type ProfileUser = Pick<User, 'firstName' | 'lastName' | 'phone' | 'address' | 'dateOfBirth'>

export function ProfileForm({ user, customFields = [], customValues = {} }: { user: ProfileUser; customFields?: ProfileField[]; customValues?: Record<string, CustomValue> }) {
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
      {customFields.length > 0 && (
        <fieldset className="space-y-4">
          <legend className="font-semibold text-slate-900">More about you</legend>
          {customFields.map((field) => (
            <CustomField key={field.key} field={field} value={customValues[field.key]} error={error(`customFields.${field.key}`)} />
          ))}
        </fieldset>
      )}
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

/** For an account without a password (it signs in by emailed link): choose one, without a current password. */
export function FirstPasswordForm() {
  const [state, formAction, pending] = useActionState<PasswordFormState, FormData>(chooseFirstPassword, {})
  if (state.saved)
    return (
      <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        Your password is set. You can sign in with it, or keep using emailed sign-in links.
      </p>
    )
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      <p className="text-slate-700">Your account has no password: you sign in with a link emailed to you. If you would rather use a password too, choose one here (at least 12 characters).</p>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="new-password" className="block font-medium text-slate-800">
          New password
        </label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={12} className={inputClass} />
      </div>
      <div>
        <label htmlFor="confirm-password" className="block font-medium text-slate-800">
          The same password again
        </label>
        <input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required minLength={12} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Saving…' : 'Set my password'}
      </button>
    </form>
  )
}
