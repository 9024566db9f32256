/**
 * What every page of the member site reads first, without Next.js (so tests and benchmarks can
 * hold a page to its statement budget with the same code): the signed-in user and the settings.
 */
import type { Payload } from 'payload'
import { executeAuthStrategies } from 'payload'

import type { Setting, User } from '@payload-types'

import type { SignedIn } from '../../collections/users/signedInStrategy'
import { signedInStrategy } from '../../collections/users/signedInStrategy'

/**
 * The user the request's cookie or Authorization header signs in, with their whole account, or null. Payload's own
 * `payload.auth` also works out the user's permissions on every collection, which runs every
 * collection's read access (for a member, the audience checks of events, notices and documents):
 * a page needs only the user.
 */
export async function userFromHeaders(payload: Payload, headers: Headers): Promise<User | null> {
  // pages show the profile, so they sign in with Payload's strategies as they are (the API key's,
  // then the token's, reading the whole account), without the narrow read API requests use first
  const wholeAccount = Object.create(payload, {
    authStrategies: { value: payload.authStrategies.filter((strategy) => strategy.name !== signedInStrategy.name) },
  }) as Payload
  const { user } = await executeAuthStrategies({ headers, payload: wholeAccount })
  return (user as User | null) ?? null
}

/**
 * The person the request's cookie or Authorization header signs in, as API requests read them
 * (collections/users/signedInStrategy.ts: who they are, roles, sessions, the verification and
 * erasure dates), or null. Pages that show the profile use `userFromHeaders`.
 */
export async function signedInFromHeaders(payload: Payload, headers: Headers): Promise<SignedIn | null> {
  const { user } = await executeAuthStrategies({ headers, payload })
  return (user as unknown as SignedIn | null) ?? null
}

/** The settings global, as the system, in one statement. */
export async function readSettings(payload: Payload): Promise<Setting> {
  return payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true })
}
