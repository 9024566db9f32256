import type { Metadata } from 'next'
import Link from 'next/link'

import { getPayloadClient } from '@/lib/payload'
import { findEmailChange } from '@/security/emailChange'

import { ConfirmEmailForm } from './ConfirmEmailForm'
import { decodedPathToken } from '@/lib/routeParams'

export const metadata: Metadata = { title: 'Confirm your new email address', referrer: 'no-referrer' }

/** Opening the link only shows what would change: mail scanners open links, so confirming takes a press. */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodedPathToken((await params).token)
  const change = await findEmailChange(await getPayloadClient(), token)
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Confirm your new email address</h1>
      {change ? (
        <>
          <p className="mt-2 text-slate-700">
            Press the button to make <strong>{change.email}</strong> the email address you sign in with and where our emails go.
          </p>
          <ConfirmEmailForm token={token} email={change.email} />
        </>
      ) : (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          This link has expired, has been used or was replaced by a newer one.{' '}
          <Link href="/account/profile" className="underline">
            Ask for a new one from your profile
          </Link>
          .
        </p>
      )}
    </div>
  )
}
