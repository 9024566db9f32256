'use client'

import { useActionState } from 'react'

import { SIGN_IN_CODE_DIGITS } from '@/security/signInLinkDefaults'

import type { SignInLinkState } from '../sign-in/actions'
import { askForSignInLink, signInByCode } from '../sign-in/actions'
import { Honeypot } from './Honeypot'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'
const buttonClass = 'w-full rounded border border-brand-700 px-4 py-2 font-medium text-brand-900 hover:bg-brand-50 disabled:opacity-60'

function Notice({ state }: { state: SignInLinkState }) {
  if (state.error)
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
        {state.error}
      </p>
    )
  if (state.message)
    return (
      <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {state.message}
      </p>
    )
  return null
}

/** "Email me a sign-in link" (no password needed), and the code from that email typed instead of opening the link. */
export function SignInLinkForms({ next }: { next: string }) {
  const [asked, askAction, asking] = useActionState<SignInLinkState, FormData>(askForSignInLink, {})
  const [typed, codeAction, checking] = useActionState<SignInLinkState, FormData>(signInByCode, {})

  return (
    <div className="mt-8 space-y-8 border-t border-slate-200 pt-6">
      <form action={askAction} className="space-y-4" noValidate aria-labelledby="sign-in-link-heading">
        <h2 id="sign-in-link-heading" className="text-lg font-semibold text-brand-900">
          Or get a sign-in link by email
        </h2>
        <p className="text-sm text-slate-700">We email you a link and a code that work once, for a few minutes.</p>
        <Notice state={asked} />
        <input type="hidden" name="next" value={next} />
        <Honeypot id="website-link" />
        <div>
          <label htmlFor="link-email" className="block font-medium text-slate-800">
            Your account’s email
          </label>
          <input id="link-email" name="email" type="email" autoComplete="email" required defaultValue={asked.email} className={inputClass} />
        </div>
        <button type="submit" disabled={asking} className={buttonClass}>
          {asking ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </form>

      <form action={codeAction} className="space-y-4" noValidate aria-labelledby="sign-in-code-heading">
        <h2 id="sign-in-code-heading" className="text-lg font-semibold text-brand-900">
          Have a code from that email?
        </h2>
        <p className="text-sm text-slate-700">Opened the email on another device? Type the code from it here.</p>
        <Notice state={typed} />
        <input type="hidden" name="next" value={next} />
        <Honeypot id="website-code" />
        <div>
          <label htmlFor="code-email" className="block font-medium text-slate-800">
            The email it was sent to
          </label>
          <input id="code-email" name="email" type="email" autoComplete="email" required defaultValue={typed.email ?? asked.email} className={inputClass} />
        </div>
        <div>
          <label htmlFor="code" className="block font-medium text-slate-800">
            The {SIGN_IN_CODE_DIGITS}-digit code
          </label>
          <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" pattern={`[0-9 ]{${SIGN_IN_CODE_DIGITS},${SIGN_IN_CODE_DIGITS + 1}}`} required className={inputClass} />
        </div>
        <button type="submit" disabled={checking} className={buttonClass}>
          {checking ? 'Checking…' : 'Use the code'}
        </button>
      </form>
    </div>
  )
}
