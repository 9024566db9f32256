/**
 * A session for an account that proved who it is without a password (an emailed link or code,
 * src/security/signInLink.ts): what Payload's login operation does after checking a password
 * (payload/dist/auth/operations/login.js), step for step: a session added to the account, the
 * account's beforeLogin hooks (an erased account is refused there), a JWT signed with the same
 * fields, secret and lifetime, the afterLogin hooks. The token goes in the same HTTP-only cookie
 * (`payloadSessionCookie`), so REST, GraphQL, the admin panel and the member site treat it as a
 * password sign-in, and signing out or a password change ends it as it ends any other.
 */
import type { Payload, PayloadRequest } from 'payload'
import { getFieldsToSign, jwtSign } from 'payload'
import { addSessionToUser, generatePayloadCookie } from 'payload/shared'

import type { User } from '@payload-types'

import { inTransaction, systemRequest } from '@/lib/transaction'

export type StartedSession = { token: string; exp: number; user: User }

export async function startSession(payload: Payload, userId: number, from?: PayloadRequest): Promise<StartedSession> {
  const collection = payload.collections.users.config
  const req = from ?? (await systemRequest(payload))
  return inTransaction(req, async () => {
    let user = (await payload.db.findOne({ collection: 'users', where: { id: { equals: userId } }, req })) as (User & { collection?: string; _strategy?: string }) | null
    if (!user) throw new Error(`No account ${userId} to start a session for`)
    user.collection = 'users'
    user._strategy = 'local-jwt'
    const { sid } = await addSessionToUser({ collectionConfig: collection, payload, req, user: user as never })
    const fieldsToSign = getFieldsToSign({ collectionConfig: collection, email: user.email, sid, user: user as never })
    for (const hook of collection.hooks?.beforeLogin ?? []) {
      user = ((await hook({ collection, context: req.context, req, user })) as typeof user) || user
    }
    const { exp, token } = await jwtSign({ fieldsToSign, secret: payload.secret, tokenExpiration: collection.auth.tokenExpiration })
    for (const hook of collection.hooks?.afterLogin ?? []) {
      user = ((await hook({ collection, context: req.context, req, token, user })) as typeof user) || user
    }
    return { exp, token, user: user as User }
  })
}

/** The session cookie as Payload sets it on a password sign-in (name, HTTP-only, SameSite, Secure, lifetime). */
export function payloadSessionCookie(payload: Payload, token: string): string {
  return generatePayloadCookie({ collectionAuthConfig: payload.collections.users.config.auth, cookiePrefix: payload.config.cookiePrefix, token }) as string
}

/** The same cookie as an object, for `cookies().set` in a server action. */
export function payloadSessionCookieObject(payload: Payload, token: string) {
  const auth = payload.collections.users.config.auth
  const cookie = generatePayloadCookie({ collectionAuthConfig: auth, cookiePrefix: payload.config.cookiePrefix, token, returnCookieAsObject: true }) as unknown as {
    name: string
    value?: string
    expires?: string
  }
  return {
    name: cookie.name,
    value: cookie.value ?? token,
    options: {
      domain: auth.cookies.domain,
      expires: cookie.expires ? new Date(cookie.expires) : undefined,
      httpOnly: true,
      path: '/',
      sameSite: (typeof auth.cookies.sameSite === 'string' ? auth.cookies.sameSite.toLowerCase() : 'lax') as 'lax' | 'strict' | 'none',
      secure: auth.cookies.secure || false,
    },
  }
}
