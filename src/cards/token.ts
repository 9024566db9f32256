/**
 * The token in a membership card's QR code: a JWT signed with Ed25519 (EdDSA) that says who holds
 * the card (`sub`: their account id, `name`, `mno`: membership number), which membership it stands
 * for (`mid`) and until when (`exp`: the membership's valid-until when the card was made). Compact
 * (about 250 characters) so the QR code stays easy to read. Its signature alone proves it was
 * issued by us; whether the membership is still current is checked against the database (verify.ts).
 */
import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose'

import type { CardKeys } from './keys'

export type CardClaims = {
  /** The card holder's account id. */
  holder: number | string
  /** The membership the card stands for (the holder's own, or an organisation's they hold a seat on). */
  membership: number | string
  membershipNumber: string | null
  name: string
  validUntil: Date
}

const idOf = (value: unknown): number | string | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null

export async function signCardToken(keys: CardKeys, claims: CardClaims): Promise<string> {
  return new SignJWT({ mid: claims.membership, mno: claims.membershipNumber ?? undefined, name: claims.name })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.publicJwk.kid })
    .setSubject(String(claims.holder))
    .setExpirationTime(Math.floor(claims.validUntil.getTime() / 1000))
    .sign(keys.privateKey)
}

/** A string shaped like a card token (three base64url parts), as opposed to an RSVP ticket (`<id>.<mac>`). */
export function looksLikeCardToken(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 2000 && CARD_TOKEN_SHAPE.test(value)
}

const CARD_TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/

/**
 * The token a scanned code carries: the token itself, or the verify link printed in the card's
 * QR code (`…/verify?token=…`).
 */
export function cardTokenFrom(scanned: unknown): string | null {
  if (typeof scanned !== 'string') return null
  const text = scanned.trim()
  if (text.length > 2500) return null
  if (CARD_TOKEN_SHAPE.test(text)) return text
  if (!/^https?:\/\//i.test(text)) return null
  try {
    const token = new URL(text).searchParams.get('token')
    return looksLikeCardToken(token) ? token : null
  } catch {
    return null
  }
}

/**
 * The claims of a token signed with these keys (the signing key or a previous one) and not expired at `now`, or null for anything
 * else (forged, tampered, signed by another key, expired, malformed). Never throws.
 */
export async function readCardToken(keys: CardKeys, token: unknown, now = new Date()): Promise<CardClaims | null> {
  if (!looksLikeCardToken(token)) return null
  try {
    const { kid } = decodeProtectedHeader(token)
    const key = typeof kid === 'string' ? keys.verifiers.get(kid) : undefined
    if (!key) return null
    const { payload } = await jwtVerify(token, key, { algorithms: ['EdDSA'], currentDate: now, requiredClaims: ['exp', 'sub'] })
    const holder = idOf(payload.sub)
    const membership = idOf(payload.mid)
    if (holder === null || membership === null || typeof payload.name !== 'string') return null
    return {
      holder,
      membership,
      membershipNumber: typeof payload.mno === 'string' ? payload.mno : null,
      name: payload.name,
      validUntil: new Date(payload.exp! * 1000),
    }
  } catch {
    return null
  }
}
