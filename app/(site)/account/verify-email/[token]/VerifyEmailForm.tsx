'use client'

import Link from 'next/link'

import { PressToConfirm } from '../../../_components/PressToConfirm'
import { confirmEmailAddress } from '../actions'

export function VerifyEmailForm({ token, email, next, signedIn }: { token: string; email: string; next: string; signedIn: boolean }) {
  const continueTo = signedIn ? next : `/sign-in?next=${encodeURIComponent(next)}`
  return (
    <PressToConfirm
      token={token}
      email={email}
      action={confirmEmailAddress}
      confirmed={(confirmedEmail) => (
        <div className="mt-6 space-y-4">
          <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
            Thank you: {confirmedEmail} is confirmed. You can now apply for a membership and pay.
          </p>
          <Link href={continueTo} className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
            {next.startsWith('/join/') ? 'Continue joining' : signedIn ? 'Go to my account' : 'Sign in'}
          </Link>
        </div>
      )}
    />
  )
}
