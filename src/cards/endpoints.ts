import type { Endpoint } from 'payload'

import { RefusedError } from '@/lib/errors'
import { guardPublicForm } from '@/security/publicForm'
import { TooManyRequests, setRetryAfter } from '@/security/throttle'

import { verifyCard } from './cards'
import { cardKeys } from './keys'
import { verdictMessage } from './validity'

/**
 * `GET /api/cards/keys`: the public key that signs membership cards, as a JWK set, so a door
 * scanner verifies cards offline with no secret (its `kid` names the key a card was signed with):
 * the signing key, then the previous keys that still verify (CARD_PREVIOUS_KEYS).
 */
export const cardKeysEndpoint: Endpoint = {
  path: '/cards/keys',
  method: 'get',
  handler: async (req) => {
    const { published } = cardKeys(req.payload.logger)
    return Response.json({ keys: published }, { headers: { 'Cache-Control': 'public, max-age=300' } })
  },
}

/**
 * `GET /api/cards/verify?token=…`: `{ valid: true, validUntil, message: "Valid member until …" }`
 * or `{ valid: false, message: "Not valid" }`, both 200, and nothing else about the holder. The
 * token is checked against the database too, so a lapsed or cancelled membership's card is not
 * valid at once. Throttled per address (THROTTLE_RULES.cardVerify); 400 without a token.
 */
export const cardVerifyEndpoint: Endpoint = {
  path: '/cards/verify',
  method: 'get',
  handler: async (req) => {
    const token = req.searchParams.get('token')
    if (!token) throw new RefusedError('Give the card’s token (token).', 400)
    try {
      await guardPublicForm(req.payload, { form: 'cardVerify', headers: req.headers, account: token.slice(-43) })
    } catch (error) {
      if (error instanceof TooManyRequests) setRetryAfter(req, error)
      throw error
    }
    const verdict = await verifyCard(req, token)
    const validUntil = verdict.valid ? verdict.validUntil : null
    return Response.json(
      { valid: verdict.valid, ...(validUntil ? { validUntil: validUntil.toISOString() } : {}), message: verdictMessage(validUntil) },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  },
}

export const cardEndpoints: Endpoint[] = [cardKeysEndpoint, cardVerifyEndpoint]
