/**
 * The key that signs membership cards (SPEC §10): Ed25519, so a door scanner verifies a card with
 * the public key alone (`GET /api/cards/keys`) and holds no secret.
 *
 * `CARD_SIGNING_KEY` holds the private key, as PEM (PKCS#8, `-----BEGIN PRIVATE KEY-----`, newlines
 * may be written `\n`) or as a JWK (`{"kty":"OKP","crv":"Ed25519","d":…,"x":…}`). Without it,
 * outside production, a key is derived from PAYLOAD_SECRET so the one-command demo and the tests
 * work (and a log line says so); in production the card features answer 503 until it is set.
 */
import { createHash, createPrivateKey, createPublicKey, hkdfSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

import { APIError } from 'payload'

import { isProduction, payloadSecret } from '@/lib/env'

export const CARD_KEY_ENV = 'CARD_SIGNING_KEY'
/** After a key change: the JWK set the server published before (GET /api/cards/keys), so cards already out still verify. */
export const PREVIOUS_KEYS_ENV = 'CARD_PREVIOUS_KEYS'

/** The public half as a JSON Web Key, as a scanner imports it. */
export type CardPublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' }

export type CardKeys = {
  privateKey: KeyObject
  publicKey: KeyObject
  publicJwk: CardPublicJwk
  /** Public keys that verify cards, by key id: the signing key's and any previous ones (CARD_PREVIOUS_KEYS). */
  verifiers: ReadonlyMap<string, KeyObject>
  /** What GET /api/cards/keys publishes: the signing key first, then the previous ones. */
  published: CardPublicJwk[]
  /** Where the key came from: the environment, or derived for development. */
  source: 'environment' | 'development'
}

/** Card features cannot work on this server: 503 in Payload's error shape, with what to do. */
export class CardsUnavailableError extends APIError {
  constructor(message = `Membership cards are not available: the server has no card signing key (${CARD_KEY_ENV}).`) {
    super(message, 503, undefined, true)
    this.name = 'CardsUnavailableError'
  }
}

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** A development key: the same for every process that shares PAYLOAD_SECRET (dev server, worker, tests). */
export function developmentKey(secret: string): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'hangar', 'membership card signing key (development)', 32))
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

/** The private key written in CARD_SIGNING_KEY (PEM or JWK); throws when it is not an Ed25519 private key. */
export function parseSigningKey(text: string): KeyObject {
  const value = text.trim()
  let key: KeyObject
  try {
    key = value.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(value) as never, format: 'jwk' })
      : createPrivateKey(value.includes('\\n') ? value.replace(/\\n/g, '\n') : value)
  } catch {
    throw new Error(`${CARD_KEY_ENV} is not a private key (PEM "BEGIN PRIVATE KEY" or a JWK with "d").`)
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${CARD_KEY_ENV} must be an Ed25519 key (it is ${key.asymmetricKeyType}).`)
  return key
}

function publicJwkOf(publicKey: KeyObject): CardPublicJwk {
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x
  // a short key id (it travels in every card): the start of the key's SHA-256, base64url
  const kid = createHash('sha256').update(x).digest('base64url').slice(0, 12)
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' }
}

/** The public Ed25519 keys of a JWK set (`{ "keys": [...] }`) written in CARD_PREVIOUS_KEYS. */
export function parsePreviousKeys(text: string): KeyObject[] {
  let set: unknown
  try {
    set = JSON.parse(text)
  } catch {
    throw new Error(`${PREVIOUS_KEYS_ENV} is not JSON (it takes the JWK set GET /api/cards/keys published).`)
  }
  const keys = (set as { keys?: unknown })?.keys
  if (!Array.isArray(keys)) throw new Error(`${PREVIOUS_KEYS_ENV} must be a JWK set: { "keys": [...] }.`)
  return keys.map((jwk) => {
    const { kty, crv, x } = (jwk ?? {}) as Record<string, unknown>
    if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') throw new Error(`${PREVIOUS_KEYS_ENV} holds a key that is not an Ed25519 public key.`)
    return createPublicKey({ key: { kty, crv, x }, format: 'jwk' })
  })
}

function keysOf(privateKey: KeyObject, source: CardKeys['source'], previous: KeyObject[] = []): CardKeys {
  const publicKey = createPublicKey(privateKey)
  const publicJwk = publicJwkOf(publicKey)
  const verifiers = new Map<string, KeyObject>([[publicJwk.kid, publicKey]])
  const published = [publicJwk]
  for (const key of previous) {
    const jwk = publicJwkOf(key)
    if (verifiers.has(jwk.kid)) continue
    verifiers.set(jwk.kid, key)
    published.push(jwk)
  }
  return { privateKey, publicKey, publicJwk, verifiers, published, source }
}

type Logger = { info: (message: string) => void; warn: (message: string) => void; error: (message: string) => void }

let cached: { setting: string; keys: CardKeys | Error } | null = null
const told = new Set<string>()
function tellOnce(key: string, say: () => void) {
  if (told.has(key)) return
  told.add(key)
  say()
}

/**
 * The card keys, from the environment (read again when it changes, so a test can swap it), or
 * CardsUnavailableError when there are none to use (production without the variable, or a
 * variable that holds no Ed25519 private key).
 */
export function cardKeys(logger?: Logger): CardKeys {
  const configured = process.env[CARD_KEY_ENV]?.trim() ?? ''
  const previous = process.env[PREVIOUS_KEYS_ENV]?.trim() ?? ''
  const setting = configured ? `env:${configured}:${previous}` : `dev:${isProduction()}:${payloadSecret()}`
  if (cached?.setting !== setting) {
    let keys: CardKeys | Error
    if (configured) {
      try {
        keys = keysOf(parseSigningKey(configured), 'environment', previous ? parsePreviousKeys(previous) : [])
      } catch (error) {
        keys = error as Error
      }
    } else if (isProduction()) {
      keys = new Error(`${CARD_KEY_ENV} is not set.`)
    } else {
      keys = keysOf(developmentKey(payloadSecret()), 'development')
    }
    cached = { setting, keys }
  }
  const { keys } = cached
  if (keys instanceof Error) {
    tellOnce(setting, () => logger?.error(`Membership cards are off: ${keys.message} Set ${CARD_KEY_ENV} to an Ed25519 private key (see README).`))
    throw new CardsUnavailableError()
  }
  if (keys.source === 'development') {
    tellOnce(setting, () =>
      logger?.warn(`${CARD_KEY_ENV} is not set: membership cards are signed with a key derived from PAYLOAD_SECRET (development only; production needs ${CARD_KEY_ENV}).`),
    )
  }
  return keys
}

/** At start-up: says once which card key is in use, or that cards are off (never stops the server). */
export function announceCardKeys(logger: Logger): void {
  // `next build` starts Payload in production mode without the server's environment: nothing to say yet
  if (process.env.NEXT_PHASE === 'phase-production-build') return
  try {
    const keys = cardKeys(logger)
    if (keys.source === 'environment') {
      const others = keys.published.length - 1
      logger.info(`Membership cards are signed with ${CARD_KEY_ENV} (key id ${keys.publicJwk.kid})${others ? `; ${others} previous key(s) still verify` : ''}.`)
    }
  } catch {
    // cardKeys has said why; the card features answer 503 until it is fixed
  }
}
