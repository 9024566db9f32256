/**
 * Short signed tokens for links that must work without a session (a calendar app's feed, the
 * QR code on an RSVP): `<purpose-free id>.<HMAC>`. Not guessable, not forgeable without
 * PAYLOAD_SECRET, and tied to their purpose so a feed token cannot check anyone in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import { payloadSecret } from './env'

/**
 * The MAC every signed link here carries (these tokens, renewal links, guest registration links):
 * HMAC-SHA256 with the secret over `<purpose>:<body>`, 32 base64url characters.
 */
export const purposeMac = (secret: string, purpose: string, body: string) => createHmac('sha256', secret).update(`${purpose}:${body}`).digest('base64url').slice(0, 32)

/** Whether a MAC given in a link is the expected one, compared in constant time. */
export function macMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const mac = (purpose: string, id: string) => purposeMac(payloadSecret(), purpose, id)

export function signToken(purpose: 'ical' | 'checkin', id: number | string): string {
  return `${id}.${mac(purpose, String(id))}`
}

/** The id a token was made for, or null when it is not a valid token for that purpose. */
export function verifyToken(purpose: 'ical' | 'checkin', token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null
  const dot = token.lastIndexOf('.')
  if (dot <= 0) return null
  const id = token.slice(0, dot)
  return macMatches(token.slice(dot + 1), mac(purpose, id)) ? id : null
}
