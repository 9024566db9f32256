/**
 * The "Renew" press on the page a renewal link opened (src/membership/renewalLinks.ts says what
 * the link is and who it signs in where).
 */
import type { Payload } from 'payload'

import type { User } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { systemRequest } from '@/lib/transaction'
import { startCheckout } from '@/payments/checkout'
import { checkoutDestination, paymentProvider, registeredProviders } from '@/payments/provider'
import { requestAddress } from '@/security/clientAddress'
import { setEmailVerified } from '@/security/emailVerification'
import { guardPublicForm } from '@/security/publicForm'
import type { StartedSession } from '@/security/session'
import { startSession } from '@/security/session'
import { recordSignIn } from '@/security/signInEvents'
import { CODE_NOT_VALID, issueSignInLink, signInWithCode } from '@/security/signInLink'

import { RENEWAL_LINK_NOT_VALID, findRenewal, maskedEmail } from './renewalLinks'

export type RenewPress = {
  token: unknown
  provider: unknown
  /** The code from the email, when the member was asked for one. */
  code?: unknown
  /** Who this browser is signed in as, and which account it has signed in to before. */
  signedIn?: User | null
  knownDevice?: number | null
  headers: Pick<Headers, 'get'>
  /** The submitted form or body, for the honeypot of the code form. */
  data?: unknown
}

export type RenewOutcome =
  | { outcome: 'checkout'; next: string; payment: number | string; session?: StartedSession }
  | { outcome: 'code-sent'; sentTo: string }

/**
 * "Renew" pressed on the page a renewal link opened (the member site's button and
 * `POST /api/memberships/renew-by-link`). Throttled as the sign-in link is: presses per link,
 * codes per account, emailed codes per account (429). Refusals: 404 for a link that does not
 * work, 409 for a membership that cannot be paid for now, 400 for an unknown provider, 401 for a
 * code that does not match.
 */
export async function pressRenew(payload: Payload, press: RenewPress): Promise<RenewOutcome> {
  const renewal = await findRenewal(payload, press.token)
  if (!renewal) throw new RefusedError(RENEWAL_LINK_NOT_VALID, 404)
  if (!renewal.payable) throw new RefusedError('This membership has nothing to pay for now: it has been renewed already, or it can no longer be renewed online. See your account page.', 409)
  const provider = paymentProvider(press.provider)
  if (!provider) throw new RefusedError(`Say how you want to pay (provider): one of ${registeredProviders().join(', ')}.`, 400)
  if (!(await provider.isEnabled(payload))) throw new RefusedError(`${provider.label} is not available.`, 400)

  const { member } = renewal
  const address = requestAddress(press.headers)
  const withCode = press.code !== undefined && press.code !== null && press.code !== ''
  // the code form has the honeypot: a bot that fills it is told what a wrong code is told
  const verdict = await guardPublicForm(payload, { form: 'signInLinkUse', headers: press.headers, account: withCode ? member.email : renewal.token, data: withCode ? press.data : undefined })
  if (verdict === 'trapped') throw new RefusedError(CODE_NOT_VALID, 401)
  let user: User
  let session: StartedSession | undefined
  if (withCode) {
    // the code from the email this press asked for; it proves the mailbox as any sign-in code does
    session = await signInWithCode(payload, member.email, press.code, address)
    user = session.user
  } else if (press.signedIn?.id === member.id) {
    user = press.signedIn
  } else if (press.knownDevice === member.id) {
    session = await startSession(payload, member.id)
    await recordSignIn(payload, { person: member.id, email: member.email, method: 'renewal-link', succeeded: true, address })
    user = session.user
  } else {
    await guardPublicForm(payload, { form: 'signInLink', headers: press.headers, account: member.email })
    await issueSignInLink(await systemRequest(payload), member.email, `/renew/${renewal.token}`)
    return { outcome: 'code-sent', sentTo: maskedEmail(member.email) }
  }
  if (user.id !== member.id) throw new RefusedError(CODE_NOT_VALID, 401)
  // the link came to this address: it is proven as the confirmation link proves it
  if (!user.emailVerifiedAt) {
    const at = new Date().toISOString()
    await setEmailVerified(await systemRequest(payload), user.id, at)
    user = { ...user, emailVerifiedAt: at }
  }
  const { next, payment } = await startCheckout(await systemRequest(payload, user), { membership: renewal.membership.id, provider: provider.id })
  return { outcome: 'checkout', next: checkoutDestination(next), payment: payment.id, session }
}
