/**
 * "A self-registered account verifies its email address before it can apply or pay" (issue 15,
 * point 3; SPEC §11). Accounts that staff, the seed or the first-user set-up create are verified
 * from the start; one a visitor creates is not until its owner opens the emailed link
 * (src/security/emailVerification.ts).
 *
 * The rule is about the person acting for themself: applying for their own membership, paying
 * for it. Staff acting for a member (an admin making a membership for someone, a treasurer
 * recording a payment) are not held up by that member's address.
 */
import { RefusedError } from '@/lib/errors'

import type { Actor } from './subjects'

export type VerifiableActor = NonNullable<Actor> & { emailVerifiedAt?: string | null }

/** The refusal's `data.reason`, so a client can offer "send the link again" instead of an error. */
export const EMAIL_NOT_VERIFIED = 'email-not-verified'

export const VERIFY_EMAIL_FIRST =
  'Please confirm your email address first: open the link we emailed you when you registered (or ask for a new one from your account page), then try again.'

/** Whether the signed-in person still has to confirm their email address. */
export function mustVerifyEmail(actor: VerifiableActor | null | undefined): boolean {
  return Boolean(actor) && !actor!.emailVerifiedAt
}

/** Refuses (403, nothing changed) a person who applies or pays for themself before confirming their address. */
export function refuseUnverified(actor: VerifiableActor | null | undefined): void {
  if (mustVerifyEmail(actor)) throw new RefusedError(VERIFY_EMAIL_FIRST, 403, { reason: EMAIL_NOT_VERIFIED })
}
