/**
 * Renewing from the email (issue 17, point 4; SPEC §10).
 *
 * Renewal reminders and the "membership lapsed" email carry a personal link, `/renew/<token>`, to
 * the renew-and-pay page of that membership. The token is stateless: the membership's id, an
 * expiry, and an HMAC (keyed with the server's secret) over both and the member's id and email
 * address, so it stops working when the membership changes hands or the member changes address.
 * It works until the end of the grace period; the lapsed email's for RENEWAL_LINK_DAYS_AFTER_LAPSE.
 *
 * Opening the link (a GET) shows what is due and changes nothing, so mail scanners cannot act on
 * it. Pressing "Renew" (a POST) then:
 * - signed in as the member on this browser: goes straight to the payment;
 * - on a browser that has signed in to that account before (src/security/knownDevice.ts): signs the
 *   member in (a session as any sign-in starts, recorded as a renewal-link sign-in) and goes to the
 *   payment;
 * - anywhere else (another device, a forwarded email, someone else signed in): emails the member a
 *   sign-in code (and link) and asks for it; the code signs in and goes to the payment.
 * The link alone never signs anyone in on a browser that has not signed in to the account before.
 */

import type { Payload, PayloadRequest } from 'payload'
import { addDays } from 'date-fns/addDays'
import { max } from 'date-fns/max'

import type { Membership, Tier, User } from '@payload-types'

import { siteUrl } from '@/email/queue'
import { idOf } from '@/access/collectionAccess'
import { canPayNow } from '@/membership/lifecycle'
import type { MembershipStatus } from '@/membership/lifecycle'
import { graceEnds } from '@/membership/periods'
import { macMatches, purposeMac } from '@/lib/signedTokens'

/** How long the link in the "membership lapsed" email works (the grace period is over by then). */
export const RENEWAL_LINK_DAYS_AFTER_LAPSE = 30

export const RENEWAL_LINK_NOT_VALID = 'This renewal link has expired or no longer matches your account. Sign in to renew from your account page.'

type LinkTarget = {
  membership: Pick<Membership, 'id' | 'status' | 'periodEnd'>
  member: Pick<User, 'id' | 'email'>
  tier: Pick<Tier, 'graceDays'>
}

const macOf = (secret: string, membership: number, member: number, email: string, expires: number) =>
  purposeMac(secret, 'renewal-link', `${membership}:${member}:${email.toLowerCase()}:${expires}`)

/** Until when a link made now works: the end of the grace period, or some weeks after a lapse. */
export function renewalLinkExpiry(target: LinkTarget, now = new Date()): Date {
  const { membership, tier } = target
  const graceEnd = membership.periodEnd ? graceEnds({ period: 'rolling', graceDays: tier.graceDays }, membership.periodEnd) : now
  return membership.status === 'lapsed' ? max([graceEnd, addDays(now, RENEWAL_LINK_DAYS_AFTER_LAPSE)]) : graceEnd
}

export function renewalLinkToken(payload: Payload, target: LinkTarget, now = new Date()): string {
  const expires = Math.floor(renewalLinkExpiry(target, now).getTime() / 1000)
  return `${target.membership.id}.${expires.toString(36)}.${macOf(payload.secret, target.membership.id, target.member.id, target.member.email, expires)}`
}

/** The personal link for an email about this membership. */
export function renewalLinkUrl(payload: Payload, target: LinkTarget, now = new Date()): string {
  return `${siteUrl()}/renew/${renewalLinkToken(payload, target, now)}`
}

export type Renewal = { membership: Membership; member: User; tier: Tier; expiresAt: Date; payable: boolean; token: string }

/**
 * What a link names, while it works: the membership, its member and tier, and whether it can be
 * paid for now. Null for a malformed, forged or expired link, or one whose membership has since
 * changed hands or whose member has changed address or been erased. Reading it changes nothing.
 */
export async function findRenewal(payload: Payload, token: unknown, req?: PayloadRequest, now = new Date()): Promise<Renewal | null> {
  if (typeof token !== 'string' || token.length > 100) return null
  const [idPart, expiresPart, given, extra] = token.split('.')
  if (!idPart || !expiresPart || !given || extra !== undefined || !/^\d{1,10}$/.test(idPart) || !/^[0-9a-z]{1,10}$/.test(expiresPart)) return null
  const expires = parseInt(expiresPart, 36)
  if (expires * 1000 <= now.getTime()) return null
  const membership = (await payload.db.findOne({ collection: 'memberships', where: { id: { equals: Number(idPart) } }, req })) as Membership | null
  const memberId = membership && idOf(membership.member)
  if (!membership || typeof memberId !== 'number') return null
  const [member, tier] = await Promise.all([
    payload.db.findOne({ collection: 'users', where: { id: { equals: memberId } }, req }) as Promise<User | null>,
    payload.db.findOne({ collection: 'tiers', where: { id: { equals: idOf(membership.tier) } }, req }) as Promise<Tier | null>,
  ])
  if (!member || member.erasedAt || !tier) return null
  if (!macMatches(given, macOf(payload.secret, membership.id, member.id, member.email, expires))) return null
  return { membership, member, tier, expiresAt: new Date(expires * 1000), payable: canPayNow(membership.status as MembershipStatus, membership.periodEnd, now), token }
}

/** An email address shown to whoever holds the link, as "a•••@example.org". */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '•••'
  return `${email[0]}•••${email.slice(at)}`
}

