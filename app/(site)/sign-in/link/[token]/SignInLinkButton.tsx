'use client'

import { PressToConfirm } from '../../../_components/PressToConfirm'
import { signInByLink } from '../../actions'

/** The one press that uses the link up: opening the page did not, so a mail scanner cannot. */
export function SignInLinkButton({ token, next, email }: { token: string; next: string; email: string }) {
  return (
    <PressToConfirm
      token={token}
      email={email}
      action={signInByLink}
      label="Sign in"
      pendingLabel="Signing in…"
      fields={{ next }}
      note={<p className="text-sm text-slate-600">as {email}</p>}
    />
  )
}
