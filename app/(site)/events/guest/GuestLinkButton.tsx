'use client'

import { PressToConfirm } from '../../_components/PressToConfirm'
import { cancelAsGuest, confirmAsGuest } from '../guestActions'
import { GuestOutcome } from './GuestOutcome'

/** The one button of a guest's confirm or cancel link; the outcome replaces it once pressed. */
export function GuestLinkButton({ token, email, title, kind }: { token: string; email: string; title: string; kind: 'confirm' | 'cancel' }) {
  return (
    <PressToConfirm
      token={token}
      email={email}
      action={kind === 'confirm' ? confirmAsGuest : cancelAsGuest}
      label={kind === 'confirm' ? 'Confirm my registration' : 'Cancel my registration'}
      pendingLabel={kind === 'confirm' ? 'Confirming…' : 'Cancelling…'}
      confirmed={(status) => <GuestOutcome status={status} title={title} />}
    />
  )
}
