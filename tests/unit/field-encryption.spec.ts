/**
 * The sealing of sensitive personal fields (src/privacy/fieldEncryption.ts) without a database:
 * authenticated, bound to its field, a fresh IV per write, keys from the environment, rotation.
 */
import { randomBytes } from 'node:crypto'

import type { TextField } from 'payload'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { dateOnlyOf } from '@/lib/contactFields'
import { dataKeysFromEnv, parseDataKey, productionDataKeyProblem } from '@/privacy/encryptionKeys.mjs'
import {
  developmentDataKey,
  encryptedField,
  FieldDecryptionError,
  isSealed,
  keyring,
  keyringOf,
  needsResealing,
  openValue,
  sealedKeyId,
  sealValue,
} from '@/privacy/fieldEncryption'

const newKey = () => parseDataKey(randomBytes(32).toString('base64'))
const phone = { collection: 'users', path: 'phone' }
const env = { ...process.env }

afterEach(() => {
  process.env = { ...env }
  vi.restoreAllMocks()
})

describe('sealValue / openValue', () => {
  const ring = keyringOf(newKey())

  it('round-trips text, with a versioned envelope that names the key and holds nothing of the value', () => {
    const sealed = sealValue('+442920180155', phone, ring)
    expect(sealed).toMatch(/^enc:v1:[\w-]{10}:[\w-]{16}:[\w-]+$/)
    expect(sealedKeyId(sealed)).toBe(ring.current.id)
    expect(sealed).not.toContain('2920180155')
    expect(openValue(sealed, phone, ring)).toBe('+442920180155')
    expect(openValue('Tŷ Newydd, Heol-y-Nant', phone, ring)).toBe('Tŷ Newydd, Heol-y-Nant') // not an envelope: legacy plain text, as it is
    expect(openValue(sealValue('Tŷ Newydd', phone, ring), phone, ring)).toBe('Tŷ Newydd')
    expect(openValue(null, phone, ring)).toBeNull()
  })

  it('uses a fresh IV for every write, so equal values do not look equal', () => {
    expect(sealValue('SA2 7JU', phone, ring)).not.toBe(sealValue('SA2 7JU', phone, ring))
  })

  it('refuses a value that was altered, moved to another field or collection, or sealed under an unknown key', () => {
    const sealed = sealValue('+442920180155', phone, ring)
    // a character well inside the text: every bit of it is data (the last one may carry unused bits)
    const at = sealed.length - 6
    const altered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`
    const fail = (stored: string, context = phone, r = ring) => {
      try {
        openValue(stored, context, r)
      } catch (error) {
        expect(error).toBeInstanceOf(FieldDecryptionError)
        expect((error as Error).message).not.toContain('2920180155')
        return (error as FieldDecryptionError).reason
      }
      throw new Error('opened')
    }
    expect(fail(altered)).toBe('authentication')
    expect(fail(sealed, { collection: 'users', path: 'address.line1' })).toBe('authentication')
    expect(fail(sealed, { collection: 'events', path: 'phone' })).toBe('authentication')
    expect(fail(sealed, phone, keyringOf(newKey()))).toBe('unknown-key')
    expect(fail('enc:v1:broken')).toBe('malformed')
  })

  it('opens values under a previous key, and tells which values a rekey must seal again', () => {
    const old = keyringOf(newKey())
    const sealedOld = sealValue('1984-07-21', phone, old)
    const rotated = keyringOf(newKey(), [old.current])
    expect(openValue(sealedOld, phone, rotated)).toBe('1984-07-21')
    expect(needsResealing(sealedOld, rotated)).toBe(true)
    expect(needsResealing('plain text from before', rotated)).toBe(true)
    expect(needsResealing(sealValue('x', phone, rotated), rotated)).toBe(false)
    expect(needsResealing(null, rotated)).toBe(false)
    expect(needsResealing('', rotated)).toBe(false)
  })
})

describe('keys from the environment', () => {
  it('reads DATA_ENCRYPTION_KEY (base64 or base64url, 32 bytes) and the previous keys, naming a malformed one', () => {
    const bytes = randomBytes(32)
    expect(parseDataKey(bytes.toString('base64url')).key.equals(bytes)).toBe(true)
    expect(() => parseDataKey(randomBytes(16).toString('base64'))).toThrow(/must be 32 random bytes.*holds 16/)
    expect(() => parseDataKey('not a key!')).toThrow(/not base64/)
    const keys = dataKeysFromEnv({ DATA_ENCRYPTION_KEY: bytes.toString('base64'), DATA_ENCRYPTION_PREVIOUS_KEYS: ` ${randomBytes(32).toString('base64')} ,${randomBytes(32).toString('base64')}` })
    expect(keys.current?.id).toBe(parseDataKey(bytes.toString('base64')).id)
    expect(keys.previous).toHaveLength(2)
    expect(() => dataKeysFromEnv({ DATA_ENCRYPTION_PREVIOUS_KEYS: 'abc' })).toThrow(/DATA_ENCRYPTION_PREVIOUS_KEYS \(key 1\)/)
  })

  it('production needs a key: the pre-start check says so, and so does the server', () => {
    expect(productionDataKeyProblem({})).toMatch(/DATA_ENCRYPTION_KEY is not set.*randomBytes\(32\)/)
    expect(productionDataKeyProblem({ DATA_ENCRYPTION_KEY: 'short' })).toMatch(/must be 32 random bytes/)
    expect(productionDataKeyProblem({ DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') })).toBeNull()
    process.env = { ...env, NODE_ENV: 'production', DATA_ENCRYPTION_KEY: '' }
    expect(() => keyring()).toThrow(/DATA_ENCRYPTION_KEY must be set in production/)
  })

  it('outside production without a key, derives one from PAYLOAD_SECRET (the same in every process) and says so once', () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {})
    process.env = { ...env, NODE_ENV: 'development', DATA_ENCRYPTION_KEY: '', PAYLOAD_SECRET: 'unit-secret' }
    const ring = keyring()
    expect(ring.source).toBe('development')
    expect(ring.current.id).toBe(developmentDataKey('unit-secret').id)
    keyring()
    expect(warned.mock.calls.filter((call) => /DATA_ENCRYPTION_KEY is not set/.test(String(call[0])))).toHaveLength(1)
  })
})

describe('encryptedField', () => {
  it('marks the field, keeps it out of the list filters and wraps hooks around its own', () => {
    const own = () => undefined
    const field: TextField = encryptedField<TextField>({ name: 'line1', type: 'text', maxLength: 200, hooks: { beforeChange: [own], afterRead: [own] } })
    expect(field.custom).toEqual({ encrypted: true })
    expect(field.admin?.disableListFilter).toBe(true)
    expect(field.hooks?.beforeChange?.[0]).toBe(own) // normalise first, seal last
    expect(field.hooks?.afterRead?.at(-1)).toBe(own) // open first
  })

  it('refuses fields that cannot hold a sealed value', () => {
    expect(() => encryptedField({ name: 'dob', type: 'date' } as never)).toThrow(/only text and textarea/)
    expect(() => encryptedField({ name: 'phone', type: 'text', index: true })).toThrow(/indexed or unique/)
    expect(() => encryptedField({ name: 'tags', type: 'text', hasMany: true })).toThrow(/many values/)
  })

  it('the date of birth is a day: YYYY-MM-DD, a picker’s midnight timestamp kept as its day, impossible days refused', () => {
    expect(dateOnlyOf('1984-07-21')).toBe('1984-07-21')
    expect(dateOnlyOf('1984-07-21T00:00:00.000Z')).toBe('1984-07-21')
    expect(dateOnlyOf('1990-02-30')).toBeNull()
    expect(dateOnlyOf('21/07/1984')).toBeNull()
    expect(isSealed(dateOnlyOf('1984-07-21'))).toBe(false)
  })
})
