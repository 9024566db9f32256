/**
 * The keys that seal sensitive personal fields at rest (src/privacy/fieldEncryption.ts), read from
 * the environment in plain JavaScript so that the production pre-start check
 * (scripts/assert-migrated.mjs) refuses a missing or malformed key on Node alone, before booting.
 *
 * - `DATA_ENCRYPTION_KEY`: 32 random bytes, base64 (or base64url). Seals every new value.
 * - `DATA_ENCRYPTION_PREVIOUS_KEYS`: earlier keys, comma-separated, that still open values sealed
 *   under them until `npm run data:rekey` has moved everything to the current key.
 *
 * A key is named in each stored value by its id: the start of a SHA-256 of the key, which says
 * which key sealed a value without saying anything about the key.
 */
import { createHash } from 'node:crypto'

export const DATA_KEY_ENV = 'DATA_ENCRYPTION_KEY'
export const PREVIOUS_DATA_KEYS_ENV = 'DATA_ENCRYPTION_PREVIOUS_KEYS'
export const DATA_KEY_BYTES = 32
/** What the README and the error messages tell an operator to run. */
export const GENERATE_DATA_KEY = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`

/** @typedef {{ id: string, key: Buffer }} DataKey */

/** @param {Buffer} key @returns {string} */
export function dataKeyId(key) {
  return createHash('sha256').update('hangar data encryption key id\0').update(key).digest('base64url').slice(0, 10)
}

/**
 * @param {string} text
 * @param {string} [name] the variable it came from, for the message
 * @returns {DataKey}
 */
export function parseDataKey(text, name = DATA_KEY_ENV) {
  const value = text.trim()
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    throw new Error(`${name} is not base64. Make a key with: ${GENERATE_DATA_KEY}`)
  }
  const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
  if (key.length !== DATA_KEY_BYTES) {
    throw new Error(`${name} must be ${DATA_KEY_BYTES} random bytes in base64 (it holds ${key.length}). Make a key with: ${GENERATE_DATA_KEY}`)
  }
  return { id: dataKeyId(key), key }
}

/**
 * The keys written in the environment; `current` is null when DATA_ENCRYPTION_KEY is unset.
 * Throws, naming the variable, when one is malformed.
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ current: DataKey | null, previous: DataKey[] }}
 */
export function dataKeysFromEnv(env = process.env) {
  const text = env[DATA_KEY_ENV]?.trim()
  const current = text ? parseDataKey(text) : null
  const previous = (env[PREVIOUS_DATA_KEYS_ENV] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item, index) => parseDataKey(item, `${PREVIOUS_DATA_KEYS_ENV} (key ${index + 1})`))
  return { current, previous }
}

/**
 * Why production cannot start with these settings, or null when it can.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | null}
 */
export function productionDataKeyProblem(env = process.env) {
  try {
    const { current } = dataKeysFromEnv(env)
    if (!current) {
      return `${DATA_KEY_ENV} is not set: phone numbers, addresses and dates of birth are stored encrypted with it. Make one with ${GENERATE_DATA_KEY} and keep it safe (without it the data cannot be read).`
    }
    return null
  } catch (error) {
    return /** @type {Error} */ (error).message
  }
}
