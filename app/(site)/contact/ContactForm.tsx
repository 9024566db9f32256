'use client'

import { useActionState } from 'react'

import { INQUIRY_TYPES, INQUIRY_TYPE_LABELS } from '@/inquiries/lifecycle'

import { Honeypot } from '../_components/Honeypot'
import type { ContactState } from './actions'
import { sendInquiry } from './actions'

const inputClass = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600'

export function ContactForm({ initialType }: { initialType?: string }) {
  const [state, formAction, pending] = useActionState<ContactState, FormData>(sendInquiry, {})
  if (state.done) {
    return (
      <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
        {state.done}
      </p>
    )
  }
  const values = state.values ?? {}
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      {state.error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {state.error}
        </p>
      )}
      <Honeypot />
      <div>
        <label htmlFor="name" className="block font-medium text-slate-800">
          Your name
        </label>
        <input id="name" name="name" autoComplete="name" required maxLength={120} defaultValue={values.name} className={inputClass} />
      </div>
      <div>
        <label htmlFor="email" className="block font-medium text-slate-800">
          Email address
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required defaultValue={values.email} className={inputClass} />
      </div>
      <div>
        <label htmlFor="type" className="block font-medium text-slate-800">
          Your question is about
        </label>
        <select id="type" name="type" defaultValue={values.type || initialType || 'joining'} className={inputClass}>
          {INQUIRY_TYPES.map((type) => (
            <option key={type} value={type}>
              {INQUIRY_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="subject" className="block font-medium text-slate-800">
          Subject
        </label>
        <input id="subject" name="subject" required maxLength={200} defaultValue={values.subject} className={inputClass} />
      </div>
      <div>
        <label htmlFor="message" className="block font-medium text-slate-800">
          Your message
        </label>
        <textarea id="message" name="message" required rows={6} maxLength={5000} defaultValue={values.message} className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {pending ? 'Sending…' : 'Send'}
      </button>
    </form>
  )
}
