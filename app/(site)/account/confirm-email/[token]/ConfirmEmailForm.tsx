'use client'

import Link from 'next/link'

import { PressToConfirm } from '../../../_components/PressToConfirm'
import { confirmNewEmail } from './actions'

export function ConfirmEmailForm({ token, email }: { token: string; email: string }) {
  return (
    <PressToConfirm
      token={token}
      email={email}
      action={confirmNewEmail}
      confirmed={(confirmedEmail) => (
        <p role="status" className="mt-6 rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900">
          Done: your account&apos;s email address is now {confirmedEmail}. Use it the next time you{' '}
          <Link href="/sign-in" className="underline">
            sign in
          </Link>
          .
        </p>
      )}
    />
  )
}
