/**
 * A self-registered account confirms its email address (issue 15, point 3; SPEC §11) before it
 * may apply for a membership or pay (the rule: src/access/emailVerified.ts).
 *
 * - Sign-up (REST, GraphQL or the join form: a create without a signed-in user and with access
 *   checked) stores the account unverified, with a hash of a random token and its expiry
 *   (system-only fields), and emails the link in the same transaction. Every other way an
 *   account is made (staff, the first-user set-up, the seed, the server itself) is verified.
 * - Opening the link shows a "Confirm" button (a GET never confirms: mail scanners open links);
 *   pressing it verifies the account under the account's row lock, so two presses take turns and
 *   the second finds the link used up. A link works once, for EMAIL_VERIFICATION_HOURS, and a new
 *   one replaces it.
 * - The owner can ask for a new link (throttled; the answer is the same whether one was sent);
 *   staff who manage people can send one, or mark the address verified by hand (audit trail).
 * - Confirming a change of email address proves the new address too (src/security/emailChange.ts).
 */
import { createHash, randomBytes } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { addHours } from 'date-fns/addHours'

import type { User } from '@payload-types'

import { queueEmail, siteUrl } from '@/email/queue'
import { memberVariables } from '@/email/variables'
import { RefusedError } from '@/lib/errors'
import { findLocked, lockRow } from '@/lib/findOrRefuse'
import { safeRedirectPath } from '@/lib/redirects'
import { inTransaction, systemRequest } from '@/lib/transaction'

export const EMAIL_VERIFICATION_HOURS = 48

/** Set (by collections/users/hooks/emailVerification.ts) while a visitor creates their own account. */
export const SELF_SIGN_UP_CONTEXT = 'hangarSelfSignUp'
/** Optional: the member-site page the link continues to once confirmed (the join form passes its tier's). */
export const VERIFICATION_NEXT_CONTEXT = 'hangarVerificationNext'

/** The one answer to "send me a new link", whether or not one was sent. */
export const NEW_LINK_ANSWER = `If your email address still needs confirming, we have sent a new link to it. It works for ${EMAIL_VERIFICATION_HOURS} hours.`

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new token and the fields that store it (only its hash is kept). */
export function newVerificationToken(now = new Date()): { token: string; fields: Pick<User, 'emailVerificationTokenHash' | 'emailVerificationExpiresAt'> } {
  const token = randomBytes(32).toString('base64url')
  return { token, fields: { emailVerificationTokenHash: hashOf(token), emailVerificationExpiresAt: addHours(now, EMAIL_VERIFICATION_HOURS).toISOString() } }
}

/** Where a continuation may lead: a page of the member site, or nowhere. */
export function verificationNext(value: unknown): string | undefined {
  const path = safeRedirectPath(value, '')
  return path && path.length <= 200 ? path : undefined
}

/** The member site's page a verification link opens (app/(site)/account/verify-email/[token]). */
export function verifyEmailLink(token: string, next?: string): string {
  const continueTo = verificationNext(next)
  return `${siteUrl()}/account/verify-email/${encodeURIComponent(token)}${continueTo ? `?next=${encodeURIComponent(continueTo)}` : ''}`
}

/** Queues the `verify-email` email with the link, in the caller's transaction. */
export async function queueVerificationEmail(req: PayloadRequest, user: Pick<User, 'id' | 'email' | 'firstName' | 'lastName'>, token: string, next?: string) {
  await queueEmail(req, {
    template: 'verify-email',
    to: user.email,
    variables: { member: memberVariables(user), links: { verifyEmail: verifyEmailLink(token, next) }, hours: String(EMAIL_VERIFICATION_HOURS) },
    related: { relationTo: 'users', value: user.id as number },
  })
}

/**
 * A new link for an account that still needs one: it replaces the previous one. Returns whether
 * an email was queued (not for a verified or erased account). `req` is the caller's request
 * (staff, so the audit trail names them) or a system request.
 */
export async function sendNewVerificationLink(req: PayloadRequest, id: number | string, next?: string): Promise<boolean> {
  return inTransaction(req, async () => {
    const user = await findLocked(req, 'users', id, 'There is no such person.')
    if (user.emailVerifiedAt || user.erasedAt) return false
    const { token, fields } = newVerificationToken()
    await req.payload.update({ collection: 'users', id: user.id, data: fields, overrideAccess: true, depth: 0, req })
    await queueVerificationEmail(req, user, token, next)
    return true
  })
}

/** The account a link names while it still waits to be confirmed; null for a used, replaced, expired or unknown link. */
export async function findEmailVerification(payload: Payload, token: unknown, req?: PayloadRequest): Promise<User | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  // the hash is looked up by equality in an index: comparing the token itself takes no time that depends on it
  const { docs } = await payload.find({
    collection: 'users',
    where: {
      and: [
        { emailVerificationTokenHash: { equals: hashOf(token) } },
        { emailVerificationExpiresAt: { greater_than: new Date().toISOString() } },
        { emailVerifiedAt: { exists: false } },
      ],
    },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return (docs[0] as User | undefined) ?? null
}

/**
 * The account's address is verified (in the caller's transaction, through Payload so the audit
 * trail records it), and any confirmation link still waiting is used up.
 */
export async function setEmailVerified(req: PayloadRequest, id: number | string, verifiedAt: string): Promise<void> {
  await req.payload.update({
    collection: 'users',
    id,
    data: { emailVerifiedAt: verifiedAt, emailVerificationTokenHash: null, emailVerificationExpiresAt: null },
    overrideAccess: true,
    depth: 0,
    req,
  })
}

/** Confirms the address a link names: the account is verified and the link used up. */
export async function confirmEmailVerification(payload: Payload, token: unknown): Promise<{ email: string; id: number }> {
  const req = await systemRequest(payload)
  return inTransaction(req, async () => {
    const found = await findEmailVerification(payload, token, req)
    // two presses at once take turns: the second finds the link used up
    if (found) await lockRow(req, 'users', found.id)
    const user = found && (await findEmailVerification(payload, token, req))
    if (!user) throw new RefusedError('This link has expired, has been used or was replaced by a newer one. Sign in and ask for a new one from your account page.', 404)
    await setEmailVerified(req, user.id, new Date().toISOString())
    return { email: user.email, id: user.id }
  })
}

/**
 * Staff mark an address verified by hand (they reached the person another way): `req` is theirs,
 * so the audit trail records who did it. Marking a verified account again changes nothing.
 */
export async function markEmailVerified(req: PayloadRequest, id: number | string): Promise<{ verifiedAt: string; already: boolean }> {
  return inTransaction(req, async () => {
    const user = await findLocked(req, 'users', id, 'There is no such person.')
    if (user.emailVerifiedAt) return { verifiedAt: user.emailVerifiedAt, already: true }
    if (user.erasedAt) throw new RefusedError('This person’s data has been erased.', 409)
    const verifiedAt = new Date().toISOString()
    await setEmailVerified(req, user.id, verifiedAt)
    return { verifiedAt, already: false }
  })
}
