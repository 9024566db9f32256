/**
 * Equal timing for accounts that exist and those that do not (SPEC §11). Payload hashes a password
 * with pbkdf2 only when it finds the account, so an unknown email answered several times faster;
 * a hash of the same cost on the unknown path closes that gap.
 */
import { pbkdf2, randomBytes } from 'node:crypto'

/** Payload's local strategy: pbkdf2-sha256, 25 000 iterations, 512 bytes (payload/dist/auth/strategies/local). */
export const PAYLOAD_PBKDF2 = { iterations: 25_000, keyLength: 512, digest: 'sha256' } as const

const DUMMY_SALT = randomBytes(32).toString('hex')

/** Spends what checking a password costs, and proves nothing. */
export function hashForNothing(password: unknown): Promise<void> {
  const text = typeof password === 'string' ? password : ''
  return new Promise((resolve) => {
    pbkdf2(text, DUMMY_SALT, PAYLOAD_PBKDF2.iterations, PAYLOAD_PBKDF2.keyLength, PAYLOAD_PBKDF2.digest, () => resolve())
  })
}
