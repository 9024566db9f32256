/**
 * The pure parts of membership cards: until when a card is good, the signed token (made, read,
 * refused), what a scanned code carries, and where the signing key comes from.
 */
import { generateKeyPairSync } from 'node:crypto'

import jsQR from 'jsqr'
import { afterEach, describe, expect, it } from 'vitest'

import { CARD_KEY_ENV, CardsUnavailableError, PREVIOUS_KEYS_ENV, cardKeys, developmentKey, parsePreviousKeys, parseSigningKey } from '@/cards/keys'
import { cardTokenFrom, looksLikeCardToken, readCardToken, signCardToken } from '@/cards/token'
import { renderCardPdf } from '@/cards/cardPdf'
import { cardValidUntil, verdictMessage } from '@/cards/validity'

import { makePng } from '../fixtures/images'
import { pdfQrImage, pdfText } from '../fixtures/pdf'

const now = new Date('2026-06-15T12:00:00Z')
const env = { ...process.env }

afterEach(() => {
  process.env = { ...env }
})

describe('cardValidUntil', () => {
  const tier = { graceDays: 30 }
  it('is the period end while active, the grace end in grace', () => {
    expect(cardValidUntil({ status: 'active', periodEnd: '2027-03-31T00:00:00.000Z' }, tier, now)).toEqual(new Date('2027-03-31T00:00:00.000Z'))
    expect(cardValidUntil({ status: 'grace', periodEnd: '2026-06-01T00:00:00.000Z' }, tier, now)).toEqual(new Date('2026-07-01T00:00:00.000Z'))
  })
  it('counts an active membership past its end (before the daily job runs) as in grace', () => {
    expect(cardValidUntil({ status: 'active', periodEnd: '2026-06-10T00:00:00.000Z' }, tier, now)).toEqual(new Date('2026-07-10T00:00:00.000Z'))
  })
  it('gives no card for any other status, no period, or grace already over', () => {
    for (const status of ['applied', 'approved', 'awaiting_payment', 'lapsed', 'cancelled', 'rejected']) {
      expect(cardValidUntil({ status, periodEnd: '2027-03-31T00:00:00.000Z' }, tier, now), status).toBeNull()
    }
    expect(cardValidUntil({ status: 'active', periodEnd: null }, tier, now)).toBeNull()
    expect(cardValidUntil({ status: 'grace', periodEnd: '2026-05-01T00:00:00.000Z' }, tier, now)).toBeNull()
    expect(cardValidUntil({ status: 'grace', periodEnd: '2026-06-10T00:00:00.000Z' }, { graceDays: 0 }, now)).toBeNull()
  })
  it('says "Valid member until <date>" or "Not valid"', () => {
    expect(verdictMessage(new Date('2027-03-31T00:00:00.000Z'))).toBe('Valid member until 31 March 2027')
    expect(verdictMessage(null)).toBe('Not valid')
  })
})

describe('card tokens', () => {
  const claims = { holder: 7, membership: 12, membershipNumber: 'SAC-000012', name: 'Ada Lovelace', validUntil: new Date('2027-03-31T00:00:00.000Z') }
  const keys = () => cardKeys()

  it('round-trips who and until when, and is small enough for a QR code', async () => {
    const token = await signCardToken(keys(), claims)
    expect(token.length).toBeLessThan(300)
    expect(await readCardToken(keys(), token, now)).toEqual(claims)
  })

  it('refuses a token after its expiry, a changed payload, another key, and things that are not tokens', async () => {
    const token = await signCardToken(keys(), claims)
    expect(await readCardToken(keys(), token, new Date('2027-03-31T00:00:01.000Z'))).toBeNull()
    const [header, body, signature] = token.split('.')
    const changed = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('"sub":"7"', '"sub":"8"')).toString('base64url')
    expect(await readCardToken(keys(), [header, changed, signature].join('.'), now)).toBeNull()
    process.env[CARD_KEY_ENV] = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    expect(await readCardToken(keys(), token, now)).toBeNull()
    for (const junk of [undefined, 42, '', 'abc', 'a.b.c', `${'a'.repeat(2001)}.b.c`]) expect(await readCardToken(keys(), junk, now)).toBeNull()
  })

  it('finds the token in what a scanner reads: the token itself or the card’s verify link', () => {
    const token = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJl'
    expect(cardTokenFrom(token)).toBe(token)
    expect(cardTokenFrom(` https://members.example.org/verify?token=${token}\n`)).toBe(token)
    expect(cardTokenFrom('12.Zm9vYmFy')).toBeNull() // an RSVP ticket
    expect(cardTokenFrom('https://members.example.org/verify')).toBeNull()
    expect(cardTokenFrom('javascript:alert(1)')).toBeNull()
    expect(looksLikeCardToken('12.abc')).toBe(false)
  })
})

describe('the signing key', () => {
  it('outside production without CARD_SIGNING_KEY, is derived from PAYLOAD_SECRET (the same in every process) and says so', () => {
    delete process.env[CARD_KEY_ENV]
    process.env.PAYLOAD_SECRET = 'secret-one'
    const warnings: string[] = []
    const logger = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} }
    const first = cardKeys(logger)
    expect(first.source).toBe('development')
    expect(cardKeys(logger).publicJwk).toEqual(first.publicJwk)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/CARD_SIGNING_KEY is not set/)
    process.env.PAYLOAD_SECRET = 'secret-two'
    expect(cardKeys().publicJwk.x).not.toBe(first.publicJwk.x)
    expect(developmentKey('secret-one').export({ format: 'jwk' })).toEqual(developmentKey('secret-one').export({ format: 'jwk' }))
  })

  it('in production without CARD_SIGNING_KEY, turns cards off with a 503 rather than signing with a guessable key', () => {
    delete process.env[CARD_KEY_ENV]
    ;(process.env as Record<string, string>).NODE_ENV = 'production'
    process.env.PAYLOAD_SECRET = 'a-production-secret'
    const errors: string[] = []
    expect(() => cardKeys({ info: () => {}, warn: () => {}, error: (m) => errors.push(m) })).toThrow(CardsUnavailableError)
    try {
      cardKeys()
    } catch (error) {
      expect((error as CardsUnavailableError).status).toBe(503)
    }
    expect(errors[0]).toMatch(/CARD_SIGNING_KEY is not set/)
  })

  it('reads a PEM key (also with \\n written out) or a JWK, and refuses keys that are not Ed25519 private keys', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    for (const text of [pem, pem.replace(/\n/g, '\\n'), JSON.stringify(privateKey.export({ format: 'jwk' }))]) {
      process.env[CARD_KEY_ENV] = text
      expect(cardKeys().publicJwk.x).toBe(x)
      expect(cardKeys().source).toBe('environment')
    }
    expect(() => parseSigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(/Ed25519/)
    expect(() => parseSigningKey(JSON.stringify(publicKey.export({ format: 'jwk' })))).toThrow(/not a private key/)
    expect(() => parseSigningKey('not a key')).toThrow(/not a private key/)
    process.env[CARD_KEY_ENV] = 'not a key'
    expect(() => cardKeys()).toThrow(CardsUnavailableError)
  })

  it('reads previous keys from a JWK set, and refuses anything else', async () => {
    const old = generateKeyPairSync('ed25519')
    const oldJwk = old.publicKey.export({ format: 'jwk' })
    expect(parsePreviousKeys(JSON.stringify({ keys: [{ ...oldJwk, kid: 'x', alg: 'EdDSA', use: 'sig' }] }))).toHaveLength(1)
    expect(() => parsePreviousKeys('{')).toThrow(/not JSON/)
    expect(() => parsePreviousKeys('[]')).toThrow(/JWK set/)
    expect(() => parsePreviousKeys(JSON.stringify({ keys: [generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' })] }))).toThrow(/Ed25519/)

    process.env[CARD_KEY_ENV] = old.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    const claims = { holder: 7, membership: 12, membershipNumber: null, name: 'Ada', validUntil: new Date('2027-03-31T00:00:00.000Z') }
    const token = await signCardToken(cardKeys(), claims)
    process.env[CARD_KEY_ENV] = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    process.env[PREVIOUS_KEYS_ENV] = JSON.stringify({ keys: [oldJwk] })
    expect(cardKeys().published).toHaveLength(2)
    expect(await readCardToken(cardKeys(), token, now)).toEqual(claims)
    process.env[PREVIOUS_KEYS_ENV] = 'not json'
    expect(() => cardKeys()).toThrow(CardsUnavailableError)
  })
})

describe('the card PDF', () => {
  const card = {
    membership: 12,
    membershipNumber: 'SAC-000012',
    tierName: 'Syndicate',
    organisationName: 'G-ABCD Flying Group Ltd',
    via: 'seat' as const,
    holderName: 'Ada Lovelace',
    validUntil: new Date('2027-03-31T00:00:00.000Z'),
  }
  const link = 'https://members.example.org/verify?token=eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJl'

  it('shows the card’s details, and its QR code reads back as the verify link', async () => {
    const pdf = await renderCardPdf({ organisationName: 'Severn Aero Club', card, link })
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ')
    for (const shown of ['Severn Aero Club', 'Ada Lovelace', 'Syndicate, seat of G-ABCD Flying Group Ltd', 'SAC-000012', '31 March 2027']) expect(text).toContain(shown)
    const image = pdfQrImage(pdf)!
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(link)
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('/Subtype /Image')
  })

  it('carries the holder’s photo when there is one, and still goes out when the photo cannot be read', async () => {
    const withPhoto = await renderCardPdf({ organisationName: 'Severn Aero Club', card, link, photo: await makePng(64, 64) })
    expect(Buffer.from(withPhoto).toString('latin1')).toContain('/Subtype /Image')
    const image = pdfQrImage(withPhoto)!
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(link)
    const broken = await renderCardPdf({ organisationName: 'Severn Aero Club', card, link, photo: Buffer.from('not an image') })
    expect(await pdfText(broken)).toContain('Ada Lovelace')
  })
})
