/**
 * Encryption at rest of sensitive personal fields (SPEC §11, issue 15 point 10): phone numbers,
 * addresses, dates of birth (and any custom member field marked sensitive). The database holds
 * only sealed values; Payload opens them on every read, so REST, GraphQL, the Local API, the admin
 * panel, `select`, populated relationships, exports and emails see plain text as before.
 *
 * A stored value is an envelope, `enc:v1:<keyId>:<iv>:<ciphertext+tag>` (base64url parts): AES-256-GCM
 * with a random 96-bit IV per write, and the collection and field path as additional authenticated
 * data, so a value altered in the table, or copied into another field or collection, fails to open.
 * Keys come from the environment (src/privacy/encryptionKeys.mjs): DATA_ENCRYPTION_KEY seals,
 * DATA_ENCRYPTION_PREVIOUS_KEYS still open values sealed before a rotation; `npm run data:rekey`
 * (scripts/rekey.ts) moves every value to the current key.
 *
 * The API:
 * - `encryptedField(field)` declares a text / textarea field encrypted: it seals in the field's
 *   beforeChange (after the field's own hooks, e.g. phone normalisation), opens in afterRead, checks
 *   the plain value in `validate`, and marks the field (`custom.encrypted`) so that the query guard
 *   refuses a `where` or `sort` on it with 400 (a random IV makes both meaningless).
 * - `sealValue(plaintext, context)` / `openValue(stored, context)` for code that reads or writes
 *   below Payload; `context` is `{ collection, path }` with the dotted field path (no row indexes).
 * - `siblingPlaintext(args, name)` for a field's hook or validation that reads an encrypted sibling.
 *
 * Values that are not envelopes (stored before encryption) are read as they are and sealed at the
 * next write (or by `npm run data:rekey`). A value that cannot be opened (its key is not configured,
 * or it fails authentication) reads as UNAVAILABLE_VALUE and is logged once per key and reason;
 * saving the document with that placeholder keeps the stored value, so nothing is lost.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

import type { Field, FieldHook, PayloadRequest, TextareaField, TextField } from 'payload'
import { validations } from 'payload/shared'

import { isProduction, payloadSecret } from '@/lib/env'
import { UNAVAILABLE_VALUE } from './unavailableValue'
import { DATA_KEY_ENV, dataKeyId, dataKeysFromEnv, GENERATE_DATA_KEY, PREVIOUS_DATA_KEYS_ENV } from './encryptionKeys.mjs'

export type DataKey = { id: string; key: Buffer }
export type Keyring = {
  /** seals every new value */
  current: DataKey
  /** every key that opens values, the current one included, by id */
  readers: ReadonlyMap<string, DataKey>
  /** where the current key came from */
  source: 'environment' | 'development'
}
/** What a sealed value is bound to: the collection (or global) and the field's dotted path. */
export type SealContext = { collection: string; path: string }

const PREFIX = 'enc:v1:'
const IV_BYTES = 12
const TAG_BYTES = 16
export { UNAVAILABLE_VALUE }

export type DecryptionFailure = 'unknown-key' | 'authentication' | 'malformed'

/** A sealed value that cannot be opened. Its message names the field and the key id, never a value. */
export class FieldDecryptionError extends Error {
  constructor(
    readonly reason: DecryptionFailure,
    readonly context: SealContext,
    readonly keyId: string | null,
  ) {
    super(
      reason === 'unknown-key'
        ? `${context.collection}.${context.path}: the value was sealed with key id ${keyId}, which this server does not have (set it in ${PREVIOUS_DATA_KEYS_ENV}).`
        : reason === 'authentication'
          ? `${context.collection}.${context.path}: the value with key id ${keyId} failed authentication (altered, moved from another field, or a different key with the same id).`
          : `${context.collection}.${context.path}: the stored value is not a well-formed encrypted value.`,
    )
    this.name = 'FieldDecryptionError'
  }
}

const DEVELOPMENT_NOTE = `${DATA_KEY_ENV} is not set: phone numbers, addresses and dates of birth are encrypted with a key derived from PAYLOAD_SECRET (development only; production needs ${DATA_KEY_ENV}, made with ${GENERATE_DATA_KEY}).`

/** The key used outside production when none is set: the same in every process sharing PAYLOAD_SECRET (dev server, worker, scripts). */
export function developmentDataKey(secret: string): DataKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'hangar', 'personal data encryption key (development)', 32))
  return { id: dataKeyId(key), key }
}

/** A keyring from explicit keys (tests, the rekey script's checks). */
export function keyringOf(current: DataKey, previous: DataKey[] = [], source: Keyring['source'] = 'environment'): Keyring {
  const readers = new Map<string, DataKey>()
  for (const key of [current, ...previous]) if (!readers.has(key.id)) readers.set(key.id, key)
  return { current, readers, source }
}

let cached: { setting: string; keyring: Keyring } | null = null
const told = new Set<string>()
function tellOnce(key: string, tell: () => void) {
  if (told.has(key)) return
  told.add(key)
  tell()
}

/**
 * The keys of this process, from the environment (read again when it changes). Throws with a
 * clear message when a key is malformed, or in production when DATA_ENCRYPTION_KEY is unset.
 */
export function keyring(): Keyring {
  const setting = `${process.env[DATA_KEY_ENV] ?? ''}|${process.env[PREVIOUS_DATA_KEYS_ENV] ?? ''}|${process.env.NODE_ENV ?? ''}|${process.env.PAYLOAD_SECRET ?? ''}`
  if (cached?.setting === setting) return cached.keyring
  const { current, previous } = dataKeysFromEnv()
  let ring: Keyring
  if (current) ring = keyringOf(current, previous)
  else if (isProduction() && process.env.NEXT_PHASE !== 'phase-production-build') {
    throw new Error(`${DATA_KEY_ENV} must be set in production: personal fields are stored encrypted with it. Make one with ${GENERATE_DATA_KEY}.`)
  } else {
    ring = keyringOf(developmentDataKey(payloadSecret()), previous, 'development')
    tellOnce('development', () => console.warn(`[hangar] ${DEVELOPMENT_NOTE}`))
  }
  cached = { setting, keyring: ring }
  return ring
}

/** Start-up line: which key seals, how many still open; throws (so the server does not start) when production has none. */
export function announceDataKeys(logger: { info: (message: string) => void }): void {
  const ring = keyring()
  if (ring.source === 'environment') {
    const others = ring.readers.size - 1
    logger.info(`Personal fields are encrypted with ${DATA_KEY_ENV} (key id ${ring.current.id})${others ? `; ${others} previous key(s) still read` : ''}.`)
  }
}

const aadOf = (context: SealContext) => Buffer.from(`hangar:${PREFIX}${context.collection}:${context.path}`, 'utf8')

/** Whether a stored value is an envelope (as opposed to legacy plain text, null or another type). */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX)
}

/** The id of the key that sealed a stored value, or null for a value that is not sealed. */
export function sealedKeyId(value: unknown): string | null {
  if (!isSealed(value)) return null
  return value.slice(PREFIX.length).split(':')[0] || null
}

/** Seals a plain value for storage in `context`'s field. */
export function sealValue(plaintext: string, context: SealContext, ring: Keyring = keyring()): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aadOf(context))
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return `${PREFIX}${ring.current.id}:${iv.toString('base64url')}:${sealed.toString('base64url')}`
}

/**
 * The plain value of a stored one: an envelope is opened (throws FieldDecryptionError when it
 * cannot be), anything else (legacy plain text, null) is returned as it is.
 */
export function openValue<T>(stored: T, context: SealContext, ring: Keyring = keyring()): T | string {
  if (!isSealed(stored)) return stored
  const parts = stored.slice(PREFIX.length).split(':')
  if (parts.length !== 3) throw new FieldDecryptionError('malformed', context, null)
  const [keyId, ivText, sealedText] = parts as [string, string, string]
  const key = ring.readers.get(keyId)
  if (!key) throw new FieldDecryptionError('unknown-key', context, keyId)
  const iv = Buffer.from(ivText, 'base64url')
  const sealed = Buffer.from(sealedText, 'base64url')
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new FieldDecryptionError('malformed', context, keyId)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(aadOf(context))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8')
  } catch {
    throw new FieldDecryptionError('authentication', context, keyId)
  }
}

/**
 * Whether a stored value should be sealed again under the current key (`npm run data:rekey`):
 * legacy plain text, or an envelope under another key. Null, empty and other types need nothing.
 */
export function needsResealing(stored: unknown, ring: Keyring = keyring()): boolean {
  if (typeof stored !== 'string' || stored === '') return false
  return sealedKeyId(stored) !== ring.current.id
}

/** Logs a value that cannot be opened, once per field, key and reason (a wrong key would otherwise log every row). */
export function reportUnreadable(error: FieldDecryptionError, logger?: { error: (message: string) => void }): void {
  tellOnce(`${error.context.collection}.${error.context.path}:${error.keyId}:${error.reason}`, () =>
    (logger ?? console).error(`Personal data cannot be decrypted: ${error.message} It is shown as unavailable until the key is configured.`),
  )
}

/** The dotted path of a field without array row indexes: what a sealed value is bound to. */
export function fieldPathOf(path: ReadonlyArray<string | number> | string | undefined): string {
  const segments = typeof path === 'string' ? path.split('.') : [...(path ?? [])]
  return segments
    .map(String)
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.')
}

type Where = { collection?: { slug: string } | null; global?: { slug: string } | null; collectionSlug?: string; path?: ReadonlyArray<string | number> }
const ownerOf = (args: Where): string => args.collection?.slug ?? args.collectionSlug ?? args.global?.slug ?? 'unknown'

/** Opens for reading; a value that cannot be opened reads as UNAVAILABLE_VALUE (logged once). */
function openForReading(value: unknown, context: SealContext, req?: PayloadRequest): unknown {
  try {
    return openValue(value, context)
  } catch (error) {
    if (!(error instanceof FieldDecryptionError)) throw error
    reportUnreadable(error, req?.payload?.logger)
    return UNAVAILABLE_VALUE
  }
}

/**
 * The plain value of the sibling field `name` of the field whose hook or validation is running
 * (e.g. the address's country, read by the postcode's checks): siblings are sealed in parallel, so
 * the sibling may already hold its envelope. Undefined when it cannot be opened.
 */
export function siblingPlaintext(args: Where & { siblingData?: Record<string, unknown> | Partial<unknown> }, name: string): unknown {
  const value = (args.siblingData as Record<string, unknown> | undefined)?.[name]
  if (!isSealed(value)) return value
  const path = [...fieldPathOf(args.path).split('.').filter(Boolean).slice(0, -1), name].join('.')
  try {
    return openValue(value, { collection: ownerOf(args), path })
  } catch {
    return undefined
  }
}

const sealOnChange: FieldHook = (args) => {
  const { value, field, siblingDocWithLocales } = args
  if (typeof value !== 'string' || value === '') return value
  const stored = field.name ? siblingDocWithLocales?.[field.name] : undefined
  // what was read is written back unchanged: a value that could not be opened (its placeholder),
  // or the stored envelope itself, stays as stored
  if (isSealed(stored) && (value === UNAVAILABLE_VALUE || value === stored)) return stored
  return sealValue(value, { collection: ownerOf(args), path: fieldPathOf(args.path) })
}

const openOnRead: FieldHook = (args) => {
  const { value } = args
  if (!isSealed(value)) return value
  return openForReading(value, { collection: ownerOf(args), path: fieldPathOf(args.path) }, args.req)
}

type EncryptableField = TextField | TextareaField

/** Whether a field is declared encrypted (by `encryptedField`). */
export function isEncryptedField(field: Field | { custom?: Record<string, unknown> } | undefined): boolean {
  return Boolean(field && 'custom' in field && (field.custom as { encrypted?: unknown } | undefined)?.encrypted === true)
}

/**
 * Declares a text or textarea field encrypted at rest (see the top of this file). Its own
 * `validate` (or Payload's default for the type) and hooks see plain text; the column holds the
 * envelope, so a `maxLength` applies to the plain value and the column must be unbounded text.
 */
export function encryptedField<F extends EncryptableField>(field: F): F {
  const type: string = field.type
  if (type !== 'text' && type !== 'textarea') throw new Error(`encryptedField: ${field.name} is a ${type} field; only text and textarea fields can hold a sealed value.`)
  if ('hasMany' in field && field.hasMany) throw new Error(`encryptedField: ${field.name} has many values; seal a single text value.`)
  if (field.index || field.unique) throw new Error(`encryptedField: ${field.name} is indexed or unique, which an encrypted value cannot be (every write has a new IV).`)
  const validateOwn = (field.validate ?? ((value: unknown, options: unknown) => (validations[field.type] as (v: unknown, o: unknown) => true | string)(value, { ...field, ...(options as object) }))) as (
    value: unknown,
    options: unknown,
  ) => true | string | Promise<true | string>
  const validate = (value: unknown, options: Where & { req?: PayloadRequest }) => {
    if (!isSealed(value)) return validateOwn(value, options)
    const context = { collection: ownerOf(options), path: fieldPathOf(options.path) }
    let plain: unknown
    try {
      plain = openValue(value, context)
    } catch {
      return true // the stored value kept as it is (see sealOnChange): nothing new to check
    }
    return validateOwn(plain, options)
  }
  return {
    ...field,
    custom: { ...field.custom, encrypted: true },
    // a filter on a sealed column matches nothing useful: the admin panel does not offer one
    admin: { ...field.admin, disableListFilter: true },
    validate,
    hooks: {
      ...field.hooks,
      beforeChange: [...(field.hooks?.beforeChange ?? []), sealOnChange],
      afterRead: [openOnRead, ...(field.hooks?.afterRead ?? [])],
    },
  } as F
}

/** Every encrypted field of a collection's (or global's) fields, as dotted paths, through groups, rows, collapsibles and named tabs. */
export function encryptedPathsOf(fields: ReadonlyArray<Field>, prefix = ''): string[] {
  const found: string[] = []
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) found.push(...encryptedPathsOf(tab.fields, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix))
    } else if (field.type === 'group' || field.type === 'row' || field.type === 'collapsible') {
      const named = 'name' in field && field.name
      found.push(...encryptedPathsOf(field.fields, named ? `${prefix}${field.name}.` : prefix))
    } else if (field.type === 'array' || field.type === 'blocks') {
      const inside = field.type === 'array' ? encryptedPathsOf(field.fields) : field.blocks.flatMap((block) => encryptedPathsOf(block.fields))
      // rows have their own tables; `npm run data:rekey` walks the document's own columns only
      if (inside.length) throw new Error(`Encrypted fields inside ${field.type} ${prefix}${field.name} are not supported by the rekey script (scripts/rekey.ts).`)
    } else if ('name' in field && isEncryptedField(field)) {
      found.push(`${prefix}${field.name}`)
    }
  }
  return found
}
