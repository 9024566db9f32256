/**
 * A member changes their email address (issue 15, point 1): the new address must confirm it.
 *
 * - The request stores the new address, a hash of a random token and its expiry on the account
 *   (system-only fields), and emails a confirmation link to the new address. Nothing changes yet:
 *   the member keeps signing in with the old one.
 * - Opening the link shows a "Confirm" button (a GET never confirms, so mail scanners that open
 *   links cannot); confirming sets the new address, clears the request and tells the old address
 *   that the account's email changed.
 * - A new request replaces the previous one; a link works once and for EMAIL_CHANGE_HOURS.
 * - Members cannot change `email` through the API themselves (collections/users/hooks); staff who
 *   manage people can, as they can today.
 */
import { createHash, randomBytes } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { addHours } from 'date-fns/addHours'

import type { User } from '@payload-types'

import { queueEmail, siteUrl } from '@/email/queue'
import { memberVariables } from '@/email/variables'
import { RefusedError } from '@/lib/errors'
import { lockRow } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { normaliseEmail } from '@/membership/groups'

export const EMAIL_CHANGE_HOURS = 24

/** Set on the request while Hangar itself writes the address, so the members' guard lets it through. */
export const EMAIL_CHANGE_CONTEXT = 'hangarEmailChange'

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** The member site's page a confirmation link opens (app/(site)/account/confirm-email/[token]). */
export const confirmEmailLink = (token: string) => `${siteUrl()}/account/confirm-email/${encodeURIComponent(token)}`

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Checks the new address and emails it a confirmation link; returns the address as stored. */
export async function requestEmailChange(payload: Payload, user: Pick<User, 'id' | 'email' | 'firstName' | 'lastName'>, requested: unknown): Promise<string> {
  const email = typeof requested === 'string' ? normaliseEmail(requested) : null
  if (!email || email.length > 254 || !EMAIL_PATTERN.test(email)) throw new RefusedError('Enter the new email address, e.g. name@example.org.', 400)
  if (email === normaliseEmail(user.email)) throw new RefusedError('That is already the email address of your account.', 400)
  const token = randomBytes(32).toString('base64url')
  const req = await systemRequest(payload)
  req.context[EMAIL_CHANGE_CONTEXT] = true
  await inTransaction(req, async () => {
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { pendingEmail: email, emailChangeTokenHash: hashOf(token), emailChangeExpiresAt: addHours(new Date(), EMAIL_CHANGE_HOURS).toISOString() },
      overrideAccess: true,
      depth: 0,
      req,
    })
    // to the new address: only its owner can confirm; whether it has an account is not said here
    await queueEmail(req, {
      template: 'email-change-confirm',
      to: email,
      variables: { member: memberVariables(user), newEmail: email, links: { confirmEmail: confirmEmailLink(token) } },
      related: { relationTo: 'users', value: user.id as number },
    })
  })
  return email
}

type PendingChange = { user: User; email: string }

/** The change a link names, while it is still valid; null for a used, replaced, expired or unknown link. */
export async function findEmailChange(payload: Payload, token: unknown, req?: PayloadRequest): Promise<PendingChange | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  const { docs } = await payload.find({
    collection: 'users',
    where: { and: [{ emailChangeTokenHash: { equals: hashOf(token) } }, { emailChangeExpiresAt: { greater_than: new Date().toISOString() } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })
  const user = docs[0] as (User & { pendingEmail?: string | null }) | undefined
  return user?.pendingEmail ? { user, email: user.pendingEmail } : null
}

/**
 * Confirms the change a link names: the account's email becomes the new address, the link is
 * used up, and the old address is told. Refused when the link is not valid or the address has
 * meanwhile become another account's.
 */
export async function confirmEmailChange(payload: Payload, token: unknown): Promise<{ email: string }> {
  const req = await systemRequest(payload)
  req.context[EMAIL_CHANGE_CONTEXT] = true
  return inTransaction(req, async () => {
    const found = await findEmailChange(payload, token, req)
    // two presses at once take turns: the second finds the link used up
    if (found) await lockRow(req, 'users', found.user.id)
    const change = found && (await findEmailChange(payload, token, req))
    if (!change) throw new RefusedError('This link has expired, has been used or was replaced by a newer one. Ask for a new one from your profile.', 404)
    const taken = await payload.count({ collection: 'users', where: { and: [{ email: { equals: change.email } }, { id: { not_equals: change.user.id } }] }, overrideAccess: true, req })
    if (taken.totalDocs > 0) throw new RefusedError('That email address now belongs to another account, so it cannot be used for this one.', 409)
    const previous = change.user.email
    await payload.update({
      collection: 'users',
      id: change.user.id,
      // the new address has just proved to be theirs: an account still unverified is verified now
      data: {
        email: change.email,
        pendingEmail: null,
        emailChangeTokenHash: null,
        emailChangeExpiresAt: null,
        ...(change.user.emailVerifiedAt ? {} : { emailVerifiedAt: new Date().toISOString(), emailVerificationTokenHash: null, emailVerificationExpiresAt: null }),
      },
      overrideAccess: true,
      depth: 0,
      req,
    })
    await queueEmail(req, {
      template: 'email-changed',
      to: previous,
      variables: { member: memberVariables(change.user), newEmail: change.email },
      related: { relationTo: 'users', value: change.user.id as number },
    })
    return { email: change.email }
  })
}
