/**
 * Signing in without a password (issue 17; SPEC §10): "Email me a sign-in link".
 *
 * - Asking for one (the member site's sign-in page, the admin login page, or
 *   `POST /api/users/sign-in-link`) is throttled per address and per email and answered at once
 *   with SIGN_IN_LINK_ANSWER, whoever asks: the `signInLink` job (jobs/signInLink.ts) does the
 *   work, so neither the answer nor its timing tells whether the email has an account.
 * - For an account, the job stores hashes of a random link token and a short numeric code, their
 *   expiry (settings → Privacy, default DEFAULT_SIGN_IN_LINK_MINUTES) and a count of wrong codes,
 *   replacing any previous link, and emails both (template `sign-in-link`).
 * - The link opens a page with a "Sign in" button: a GET shows it and changes nothing, so a mail
 *   scanner that opens links cannot use it up; the press (a POST) consumes it. The code can be
 *   typed on the sign-in page instead, on another device, with the email address it was sent to.
 * - Link and code are one pair: using either uses up both. Each works once, until the expiry.
 *   After MAX_SIGN_IN_CODE_ATTEMPTS wrong codes the code stops working (the link still works).
 * - The code's hash is keyed with the server's secret and bound to the account's id, so a copy of
 *   the database does not give the code away by trying every number.
 * - Consuming either starts a session as a password sign-in does (src/security/session.ts), and
 *   verifies an unverified address: the link or code came to its mailbox.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { addMinutes } from 'date-fns/addMinutes'

import type { User } from '@payload-types'

import { queueEmail, siteUrl } from '@/email/queue'
import { setEmailVerified } from '@/security/emailVerification'
import { memberVariables } from '@/email/variables'
import { RefusedError } from '@/lib/errors'
import { findLocked, lockRow } from '@/lib/findOrRefuse'
import { safeRedirectPath } from '@/lib/redirects'
import { inTransaction, systemRequest } from '@/lib/transaction'

import type { StartedSession } from './session'
import { startSession } from './session'
import { recordSignIn } from './signInEvents'

import { DEFAULT_SIGN_IN_LINK_MINUTES, INVITATION_DAYS, MAX_SIGN_IN_CODE_ATTEMPTS, MAX_SIGN_IN_LINK_MINUTES, MIN_SIGN_IN_LINK_MINUTES, SIGN_IN_CODE_DIGITS } from './signInLinkDefaults'

export { DEFAULT_SIGN_IN_LINK_MINUTES, INVITATION_DAYS, MAX_SIGN_IN_CODE_ATTEMPTS, MAX_SIGN_IN_LINK_MINUTES, MIN_SIGN_IN_LINK_MINUTES, SIGN_IN_CODE_DIGITS }

/** The one answer to "email me a sign-in link", whether or not the email has an account. */
export const SIGN_IN_LINK_ANSWER = 'If that email address has an account, we have sent it a sign-in link and a code. Use either one, once, within a few minutes.'

export const LINK_NOT_VALID = 'This sign-in link has expired, has been used or was replaced by a newer one. Ask for a new one on the sign-in page.'
export const CODE_NOT_VALID = 'That code does not match, has expired or has been used. Check the email address and the code, or ask for a new one.'

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')
const codeHashOf = (secret: string, userId: number | string, code: string) => createHmac('sha256', secret).update(`sign-in-code:${userId}:${code}`).digest('hex')

/** Where a link continues once signed in: a page of this site (the admin panel's login asks for /admin), or the default. */
export function signInNext(value: unknown): string | undefined {
  const path = safeRedirectPath(value, '')
  return path && path.length <= 200 ? path : undefined
}

/** The member site's page a sign-in link opens (app/(site)/sign-in/link/[token]). */
export function signInLinkUrl(token: string, next?: string): string {
  const continueTo = signInNext(next)
  return `${siteUrl()}/sign-in/link/${encodeURIComponent(token)}${continueTo ? `?next=${encodeURIComponent(continueTo)}` : ''}`
}

/** How long links work, from settings (admins change it), within sensible bounds. */
export async function signInLinkMinutes(payload: Payload, req?: PayloadRequest): Promise<number> {
  const settings = await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req })
  const minutes = Number((settings as { signInLinkMinutes?: number | null }).signInLinkMinutes)
  if (!Number.isFinite(minutes) || minutes <= 0) return DEFAULT_SIGN_IN_LINK_MINUTES
  return Math.min(MAX_SIGN_IN_LINK_MINUTES, Math.max(MIN_SIGN_IN_LINK_MINUTES, Math.round(minutes)))
}

/** A normalised email address, or null when it cannot be one. */
export function signInEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const email = value.trim().toLowerCase()
  return email && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null
}

/** The code as typed ("123 456", "123-456"), or null when it cannot be one. */
export function signInCode(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const code = String(value).replace(/[\s-]/g, '')
  return new RegExp(`^\\d{${SIGN_IN_CODE_DIGITS}}$`).test(code) ? code : null
}

/**
 * Queues the signInLink job for an email, whoever asks: the caller answers SIGN_IN_LINK_ANSWER
 * straight away (after the throttle), so neither the answer nor its timing depends on the account.
 */
export async function requestSignInLink(payload: Payload, email: string, next?: string): Promise<void> {
  const continueTo = signInNext(next)
  await payload.jobs.queue({ task: 'signInLink', queue: 'email', input: { email, ...(continueTo ? { next: continueTo } : {}) } })
}

/**
 * The job's work: for an account that may sign in, a new link and code replace any previous pair
 * and are emailed, in one transaction. Returns whether an email was queued.
 */
export async function issueSignInLink(req: PayloadRequest, email: string, next?: string): Promise<boolean> {
  const { payload } = req
  const user = (await payload.db.findOne({ collection: 'users', where: { email: { equals: email } }, req })) as User | null
  if (!user || user.erasedAt) return false
  const minutes = await signInLinkMinutes(payload, req)
  await inTransaction(req, async () => {
    await lockRow(req, 'users', user.id)
    await issuePair(req, user, { minutes, next, template: 'sign-in-link', variables: { minutes: String(minutes) } })
  })
  return true
}

/** A new link and code for the account (replacing any previous pair), stored as hashes and emailed; inside the caller's transaction, the account's row locked. */
async function issuePair(req: PayloadRequest, user: User, options: { minutes: number; next?: string; template: 'sign-in-link' | 'invitation'; variables: Record<string, string> }): Promise<void> {
  const { payload } = req
  const token = randomBytes(32).toString('base64url')
  const code = String(randomInt(0, 10 ** SIGN_IN_CODE_DIGITS)).padStart(SIGN_IN_CODE_DIGITS, '0')
  // written directly, as Payload writes sessions: nothing here for hooks or the audit trail
  await payload.db.updateOne({
    collection: 'users',
    id: user.id,
    data: { signInTokenHash: hashOf(token), signInCodeHash: codeHashOf(payload.secret, user.id, code), signInExpiresAt: addMinutes(new Date(), options.minutes).toISOString(), signInCodeAttempts: 0 },
    req,
    returning: false,
  })
  await queueEmail(req, {
    template: options.template,
    to: user.email,
    variables: { member: memberVariables(user), links: { signIn: signInLinkUrl(token, options.next) }, code: `${code.slice(0, 3)} ${code.slice(3)}`, ...options.variables },
    related: { relationTo: 'users', value: user.id },
  })
}

/**
 * Staff invite a person to use their account (issue 17, point 5): someone they added or imported,
 * who has no password, or anyone who has not signed in for a while. The invitation is a sign-in
 * link and code that work for INVITATION_DAYS (a person may not read their email at once), sent
 * with the `invitation` template; it replaces any link the person had. `req` is the staff
 * member's, so the email is queued in their request's transaction.
 */
export async function inviteToSignIn(req: PayloadRequest, id: number): Promise<{ email: string }> {
  return inTransaction(req, async () => {
    const user = (await findLocked(req, 'users', id, 'There is no such person.')) as User
    if (user.erasedAt) throw new RefusedError('This person’s data has been erased: there is no one to invite.', 409)
    await issuePair(req, user, { minutes: INVITATION_DAYS * 24 * 60, template: 'invitation', variables: { days: String(INVITATION_DAYS) } })
    return { email: user.email }
  })
}

const usedUp = { signInTokenHash: null, signInCodeHash: null, signInExpiresAt: null, signInCodeAttempts: null }

/**
 * A link or code that worked came to the account's mailbox, which proves the address as the
 * confirmation link does: an unverified account is verified (through Payload, so the audit trail
 * records it), and any confirmation link still waiting is used up.
 */
async function addressProven(req: PayloadRequest, user: User): Promise<void> {
  if (!user.emailVerifiedAt) await setEmailVerified(req, user.id, new Date().toISOString())
}

/** The account a link names while it still works; null for a used, replaced, expired or unknown link. Reading it changes nothing. */
export async function findSignInLink(payload: Payload, token: unknown, req?: PayloadRequest): Promise<User | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  const user = (await payload.db.findOne({
    collection: 'users',
    where: { and: [{ signInTokenHash: { equals: hashOf(token) } }, { signInExpiresAt: { greater_than: new Date().toISOString() } }] },
    req,
  })) as User | null
  return user && !user.erasedAt ? user : null
}

/** The "Sign in" press behind a link: the account it names, with the link (and its code) used up. */
export async function consumeSignInLink(payload: Payload, token: unknown): Promise<User> {
  const req = await systemRequest(payload)
  return inTransaction(req, async () => {
    const found = await findSignInLink(payload, token, req)
    // two presses at once take turns: the second finds the link used up
    if (found) await lockRow(req, 'users', found.id)
    const user = found && (await findSignInLink(payload, token, req))
    if (!user) throw new RefusedError(LINK_NOT_VALID, 404)
    await payload.db.updateOne({ collection: 'users', id: user.id, data: usedUp, req, returning: false })
    await addressProven(req, user)
    return user
  })
}

export type CodeOutcome = { user: User } | { refused: true; person: number | null }

/**
 * A code typed with its email address: the account, with its code (and link) used up; or a
 * refusal, the wrong code counted against the code. The same refusal for an unknown email, a
 * wrong, used, expired or stopped code. Inputs that cannot be an email or a code are a 400.
 */
export async function consumeSignInCode(payload: Payload, emailValue: unknown, codeValue: unknown): Promise<CodeOutcome> {
  const email = signInEmail(emailValue)
  if (!email) throw new RefusedError('Enter the email address the code was sent to.', 400)
  const code = signInCode(codeValue)
  if (!code) throw new RefusedError(`Enter the ${SIGN_IN_CODE_DIGITS}-digit code from the email.`, 400)
  const req = await systemRequest(payload)
  return inTransaction(req, async (): Promise<CodeOutcome> => {
    const found = await payload.db.findOne({ collection: 'users', where: { email: { equals: email } }, req })
    if (found) await lockRow(req, 'users', found.id)
    const user = (found && (await payload.db.findOne({ collection: 'users', where: { id: { equals: found.id } }, req }))) as User | null
    // the hash is computed whatever is found, so an unknown email costs what a known one does
    const typed = Buffer.from(codeHashOf(payload.secret, user?.id ?? 0, code), 'hex')
    if (!user || user.erasedAt) return { refused: true, person: null }
    const stored = user.signInCodeHash ? Buffer.from(user.signInCodeHash, 'hex') : null
    const attempts = user.signInCodeAttempts ?? 0
    const live = stored && user.signInExpiresAt && new Date(user.signInExpiresAt) > new Date() && attempts < MAX_SIGN_IN_CODE_ATTEMPTS
    if (!live) return { refused: true, person: user.id }
    if (stored.length !== typed.length || !timingSafeEqual(stored, typed)) {
      await payload.db.updateOne({ collection: 'users', id: user.id, data: { signInCodeAttempts: attempts + 1 }, req, returning: false })
      return { refused: true, person: user.id }
    }
    await payload.db.updateOne({ collection: 'users', id: user.id, data: usedUp, req, returning: false })
    await addressProven(req, user)
    return { user }
  })
}

/**
 * The "Sign in" press of a link, from the endpoint or the member site: the link used up, a session
 * started and the sign-in recorded. A refused press names no account (only a live link does).
 */
export async function signInWithLink(payload: Payload, token: unknown, address: string): Promise<StartedSession> {
  const user = await consumeSignInLink(payload, token)
  const session = await startSession(payload, user.id)
  await recordSignIn(payload, { person: user.id, email: user.email, method: 'link', succeeded: true, address })
  return session
}

/** A typed code, from the endpoint or the member site: a session, or CODE_NOT_VALID (401); both recorded for an account. */
export async function signInWithCode(payload: Payload, email: unknown, code: unknown, address: string): Promise<StartedSession> {
  const outcome = await consumeSignInCode(payload, email, code)
  if ('refused' in outcome) {
    if (outcome.person) await recordSignIn(payload, { person: outcome.person, email: signInEmail(email), method: 'code', succeeded: false, address })
    throw new RefusedError(CODE_NOT_VALID, 401)
  }
  const session = await startSession(payload, outcome.user.id)
  await recordSignIn(payload, { person: outcome.user.id, email: outcome.user.email, method: 'code', succeeded: true, address })
  return session
}

/** Whether an account has a password (imported and invited people have none until they choose one). */
export async function accountHasPassword(payload: Payload, id: number): Promise<boolean> {
  const row = (await payload.db.findOne({ collection: 'users', where: { id: { equals: id } } })) as { hash?: string | null } | null
  return Boolean(row?.hash)
}

/**
 * An account without a password chooses one (the profile page), as its signed-in owner: no current
 * password to give, the usual strength rules, and the owner's other sessions end as on any change.
 * An account that has one changes it through "Forgotten your password?", which proves the mailbox.
 */
export async function setFirstPassword(payload: Payload, user: User, password: unknown): Promise<void> {
  if (typeof password !== 'string' || !password) throw new RefusedError('Enter the password you want.', 400)
  if (await accountHasPassword(payload, user.id)) throw new RefusedError('Your account already has a password. To change it, use “Forgotten your password?” on the sign-in page.', 409)
  await payload.update({ collection: 'users', id: user.id, data: { password }, user, overrideAccess: false, depth: 0 })
}
