'use client'

import { useActionState } from 'react'

import type { JoinState } from '../join/actions'
import { applyAndPay, createAccount } from '../join/actions'
import { Honeypot } from './Honeypot'

const input = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'
const button = 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60'

function Field({ id, label, ...props }: { id: string; label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      <input id={id} name={id} className={input} {...props} />
    </div>
  )
}

function ErrorMessage({ state }: { state: JoinState }) {
  if (!state.error) return null
  return (
    <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
      {state.error}
    </p>
  )
}

/** Sign-up needs the privacy policy accepted; the version accepted is recorded as a consent. */
export function PolicyCheckbox({ privacyPolicyUrl }: { privacyPolicyUrl?: string | null }) {
  return (
    <label htmlFor="acceptPrivacyPolicy" className="flex items-start gap-2 text-slate-800">
      <input id="acceptPrivacyPolicy" name="acceptPrivacyPolicy" type="checkbox" required className="mt-1 h-4 w-4" />
      <span>
        I have read and accept the{' '}
        {privacyPolicyUrl ? (
          <a href={privacyPolicyUrl} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
            privacy policy
          </a>
        ) : (
          'privacy policy'
        )}
        .
      </span>
    </label>
  )
}

export function CreateAccountForm({ tierId, privacyPolicyUrl }: { tierId: string; privacyPolicyUrl?: string | null }) {
  const [state, action, pending] = useActionState<JoinState, FormData>(createAccount, {})
  return (
    <form action={action} className="space-y-4">
      <ErrorMessage state={state} />
      <input type="hidden" name="tier" value={tierId} />
      <Honeypot />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="firstName" label="First name" autoComplete="given-name" required />
        <Field id="lastName" label="Last name" autoComplete="family-name" required />
      </div>
      <Field id="email" label="Email address" type="email" autoComplete="email" required />
      <Field id="password" label="Choose a password (12 characters or more)" type="password" autoComplete="new-password" minLength={12} required />
      <PolicyCheckbox privacyPolicyUrl={privacyPolicyUrl} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? 'Creating your account…' : 'Create account and continue'}
      </button>
    </form>
  )
}

export function DetailsForm({
  tierId,
  defaults,
  requiresApproval,
  forOrganisation,
  providers,
}: {
  tierId: string
  defaults: Record<string, string>
  requiresApproval: boolean
  forOrganisation: boolean
  providers: Array<{ id: string; label: string }>
}) {
  const [state, action, pending] = useActionState<JoinState, FormData>(applyAndPay, {})
  return (
    <form action={action} className="space-y-4">
      <ErrorMessage state={state} />
      <input type="hidden" name="tier" value={tierId} />
      {forOrganisation && <Field id="organisationName" label="Organisation name" required autoComplete="organization" maxLength={120} />}
      <Field id="phone" label="Phone (optional)" type="tel" autoComplete="tel" maxLength={40} defaultValue={defaults.phone} />
      <Field id="line1" label="Address line 1 (optional)" autoComplete="address-line1" defaultValue={defaults.line1} />
      <Field id="line2" label="Address line 2 (optional)" autoComplete="address-line2" defaultValue={defaults.line2} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="town" label="Town or city (optional)" autoComplete="address-level2" defaultValue={defaults.town} />
        <Field id="county" label="County (optional)" autoComplete="address-level1" defaultValue={defaults.county} />
        <Field id="postcode" label="Postcode (optional)" autoComplete="postal-code" autoCapitalize="characters" maxLength={20} defaultValue={defaults.postcode} />
      </div>
      {!requiresApproval && providers.length > 1 && (
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-800">How would you like to pay?</legend>
          {providers.map((provider, index) => (
            <label key={provider.id} className="flex items-center gap-2">
              <input type="radio" name="provider" value={provider.id} defaultChecked={index === 0} />
              {provider.label}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={pending} className={button}>
        {pending ? 'One moment…' : requiresApproval ? 'Send my application' : 'Continue to payment'}
      </button>
    </form>
  )
}
