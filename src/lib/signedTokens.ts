/**
 * Short signed tokens for links that must work without a session (a calendar app's feed, the
 * QR code on an RSVP): `<purpose-free id>.<HMAC>`. Not guessable, not forgeable without
 * PAYLOAD_SECRET, and tied to their purpose so a feed token cannot check anyone in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import { payloadSecret } from './env'

const mac = (purpose: string, id: string) => createHmac('sha256', payloadSecret()).update(`${purpose}:${id}`).digest('base64url').slice(0, 32)

export function signToken(purpose: 'ical' | 'checkin', id: number | string): string {
  return `${id}.${mac(purpose, String(id))}`
}

/** The id a token was made for, or null when it is not a valid token for that purpose. */
export function verifyToken(purpose: 'ical' | 'checkin', token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null
  const dot = token.lastIndexOf('.')
  if (dot <= 0) return null
  const id = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(mac(purpose, id))
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
}
