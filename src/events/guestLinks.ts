/**
 * The signed links of a guest's registration (SPEC §6): a visitor without an account registers for
 * a public event with a name and an email address, and proves the address by pressing a link.
 *
 * Both links are stateless, in the style of renewal links (src/membership/renewalLinks.ts): what
 * they stand for, an expiry, and an HMAC keyed with the server's secret over both and their purpose.
 * - The confirmation link carries the registration itself (event, name, email, answers, guests,
 *   when it was asked for); nothing is stored until it is pressed, so asking changes nothing.
 * - The cancel link names the RSVP and the guest's email; it works until the event is over.
 */
import { addDays } from 'date-fns/addDays'
import { addHours } from 'date-fns/addHours'
import { min } from 'date-fns/min'

import { macMatches, purposeMac } from '@/lib/signedTokens'

import type { Answer } from './answers'

/** How long a confirmation link works (never past the event's start). */
export const GUEST_CONFIRM_HOURS = 48

export type GuestRequest = {
  event: number
  name: string
  email: string
  answers: Record<string, Answer>
  guests: number
  /** When it was asked for: a link asked for before the guest cancelled does not register them again. */
  issuedAt: Date
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000)

export function guestConfirmToken(secret: string, request: GuestRequest, eventStartsAt: Date | string): string {
  const expires = min([addHours(request.issuedAt, GUEST_CONFIRM_HOURS), new Date(eventStartsAt)])
  const body = Buffer.from(
    JSON.stringify({ e: request.event, n: request.name, m: request.email, a: request.answers, g: request.guests, i: seconds(request.issuedAt), x: seconds(expires) }),
  ).toString('base64url')
  return `${body}.${purposeMac(secret, 'event-guest', body)}`
}

/** The registration a confirmation link stands for, or null when it is malformed, forged or expired. */
export function readGuestConfirmToken(secret: string, token: unknown, now = new Date()): GuestRequest | null {
  if (typeof token !== 'string' || token.length > 12_000) return null
  const [body, given, extra] = token.split('.')
  if (!body || !given || extra !== undefined || !macMatches(given, purposeMac(secret, 'event-guest', body))) return null
  try {
    const data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>
    if (typeof data.x !== 'number' || data.x * 1000 <= now.getTime()) return null
    if (typeof data.e !== 'number' || typeof data.n !== 'string' || typeof data.m !== 'string' || typeof data.i !== 'number' || typeof data.g !== 'number') return null
    const answers = data.a && typeof data.a === 'object' && !Array.isArray(data.a) ? (data.a as Record<string, Answer>) : {}
    return { event: data.e, name: data.n, email: data.m, answers, guests: data.g, issuedAt: new Date(data.i * 1000) }
  } catch {
    return null
  }
}

const cancelMac = (secret: string, rsvp: number, email: string, expires: number) => purposeMac(secret, 'event-guest-cancel', `${rsvp}:${email.toLowerCase()}:${expires}`)

/** The guest's own link to cancel: works until a day after the event ends. */
export function guestCancelToken(secret: string, rsvp: number, email: string, eventEndsAt: Date): string {
  const expires = seconds(addDays(eventEndsAt, 1))
  return `${rsvp}.${expires.toString(36)}.${cancelMac(secret, rsvp, email, expires)}`
}

/** The RSVP a cancel link names and the email it was made for, or null when it is not a valid link. */
export function readGuestCancelToken(secret: string, token: unknown, email: (rsvp: number) => string | null, now = new Date()): number | null {
  if (typeof token !== 'string' || token.length > 100) return null
  const [idPart, expiresPart, given, extra] = token.split('.')
  if (!idPart || !expiresPart || !given || extra !== undefined || !/^\d{1,12}$/.test(idPart) || !/^[0-9a-z]{1,10}$/.test(expiresPart)) return null
  const expires = parseInt(expiresPart, 36)
  if (expires * 1000 <= now.getTime()) return null
  const rsvp = Number(idPart)
  const address = email(rsvp)
  return address && macMatches(given, cancelMac(secret, rsvp, address, expires)) ? rsvp : null
}

/** The parts of a cancel link before its RSVP's email is known (the MAC is checked with it). */
export function cancelTokenRsvp(token: unknown): number | null {
  if (typeof token !== 'string' || token.length > 100) return null
  const id = token.split('.')[0]
  return id && /^\d{1,12}$/.test(id) ? Number(id) : null
}
