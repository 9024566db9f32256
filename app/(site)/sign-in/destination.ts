import type { Payload } from 'payload'

import type { User } from '@payload-types'

import { systemRequest } from '@/lib/transaction'
import { privacyStandingOf } from '@/privacy/consents'

/** Where to go once signed in: a raised privacy policy version is accepted first (the account page asks), then on. */
export async function destinationAfterSignIn(payload: Payload, user: User | null | undefined, destination: string): Promise<string> {
  const standing = user ? await privacyStandingOf(await systemRequest(payload, user), user.id).catch(() => null) : null
  return standing?.status === 'outdated' ? `/account?next=${encodeURIComponent(destination)}` : destination
}
