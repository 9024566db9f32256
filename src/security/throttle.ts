/**
 * Throttling of sign-in and the public forms (SPEC §11): per client address and per account,
 * answered with 429 and `Retry-After`. On Postgres the counters live in one table that every web
 * instance shares (schema `hangar_throttle`, created at runtime); on SQLite (one process) in memory.
 *
 * Every throttled form has its limits here, in THROTTLE_RULES; a form added later adds its row
 * and calls `guardPublicForm` (src/security/publicForm.ts).
 *
 * Sign-in counts per account *and address* together, so a flood of wrong passwords from one
 * address stops that address only: the owner still signs in from their own. A success clears it.
 */
import { createHash } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { APIError } from 'payload'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

type Limit = { points: number; duration: number }

const MINUTE = 60
const HOUR = 60 * MINUTE

export const THROTTLE_RULES = {
  /** account = email + address: five attempts in a row without a success, then wait */
  signIn: { address: { points: 30, duration: 15 * MINUTE }, account: { points: 5, duration: 15 * MINUTE } },
  register: { address: { points: 10, duration: HOUR }, account: { points: 3, duration: HOUR } },
  forgotPassword: { address: { points: 10, duration: HOUR }, account: { points: 3, duration: HOUR } },
  /** account = the reset token */
  resetPassword: { address: { points: 10, duration: 15 * MINUTE }, account: { points: 5, duration: 15 * MINUTE } },
  unlock: { address: { points: 30, duration: 15 * MINUTE }, account: { points: 5, duration: 15 * MINUTE } },
  /** account = the member asking (a new link each time) or the confirmation token pressed */
  emailChange: { address: { points: 20, duration: HOUR }, account: { points: 5, duration: HOUR } },
  /** account = the verification token pressed (src/security/emailVerification.ts) */
  verifyEmail: { address: { points: 30, duration: 15 * MINUTE }, account: { points: 5, duration: 15 * MINUTE } },
  /** account = the signed-in person asking for a new verification link */
  verifyEmailResend: { address: { points: 20, duration: HOUR }, account: { points: 3, duration: HOUR } },
  /** "email me a sign-in link" (src/security/signInLink.ts); account = the email asked for */
  signInLink: { address: { points: 20, duration: HOUR }, account: { points: 3, duration: 15 * MINUTE } },
  /** the "Sign in" press of a link (account = the token) or a typed code (account = the email) */
  signInLinkUse: { address: { points: 30, duration: 15 * MINUTE }, account: { points: 10, duration: 15 * MINUTE } },
  /** the public card check (endpoint and page): a door's busy minute, per address; account = the token */
  cardVerify: { address: { points: 120, duration: MINUTE }, account: { points: 30, duration: MINUTE } },
  /** the public contact form (src/inquiries/intake.ts): 10 an hour per address (seed 001); account = the email */
  inquiry: { address: { points: 10, duration: HOUR }, account: { points: 10, duration: HOUR } },
  /** a visitor registering for a public event (src/events/guests.ts); account = the email */
  eventGuest: { address: { points: 10, duration: HOUR }, account: { points: 3, duration: HOUR } },
  /** the press of a guest's confirm or cancel link; account = the token */
  eventGuestLink: { address: { points: 30, duration: 15 * MINUTE }, account: { points: 10, duration: 15 * MINUTE } },
} as const satisfies Record<string, { address: Limit; account: Limit }>

export type ThrottledForm = keyof typeof THROTTLE_RULES
export type ThrottleKeys = { address: string; account?: string | null }

export const THROTTLE_SCHEMA = 'hangar_throttle'
export const THROTTLE_TABLE = 'limits'

/** A request over its limit: 429 in Payload's error shape; `retryAfter` in whole seconds. */
export class TooManyRequests extends APIError {
  retryAfter: number
  constructor(retryAfterMs: number) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000))
    const minutes = Math.ceil(retryAfter / 60)
    super(`Too many attempts. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`, 429, undefined, true)
    this.retryAfter = retryAfter
  }
}

type Limiters = Record<ThrottledForm, { address: RateLimiterAbstract; account: RateLimiterAbstract }>

const limitersByPayload = new WeakMap<Payload, Promise<Limiters>>()

function postgresPool(payload: Payload): unknown {
  return (payload.db as unknown as { pool?: unknown }).pool
}

async function createTable(pool: { query: (sql: string) => Promise<unknown> }) {
  // Several instances may start together: "if not exists" can still race, so try twice.
  for (let attempt = 0; ; attempt++) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${THROTTLE_SCHEMA}"`)
      await pool.query(
        `CREATE TABLE IF NOT EXISTS "${THROTTLE_SCHEMA}"."${THROTTLE_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
      )
      return
    } catch (error) {
      if (attempt >= 1) throw error
    }
  }
}

async function buildLimiters(payload: Payload): Promise<Limiters> {
  const pool = postgresPool(payload) // only the Postgres adapter has one
  if (pool) await createTable(pool as { query: (sql: string) => Promise<unknown> })
  const make = (keyPrefix: string, limit: Limit): RateLimiterAbstract =>
    pool
      ? new RateLimiterPostgres({
          storeClient: pool,
          schemaName: THROTTLE_SCHEMA,
          tableName: THROTTLE_TABLE,
          tableCreated: true,
          clearExpiredByTimeout: false,
          keyPrefix,
          points: limit.points,
          duration: limit.duration,
        })
      : new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.duration })
  const entries = Object.entries(THROTTLE_RULES).map(([form, rules]) => [
    form,
    { address: make(`${form}:address`, rules.address), account: make(`${form}:account`, rules.account) },
  ])
  return Object.fromEntries(entries) as Limiters
}

function limitersFor(payload: Payload): Promise<Limiters> {
  let limiters = limitersByPayload.get(payload)
  if (!limiters) {
    limiters = buildLimiters(payload)
    limiters.catch(() => limitersByPayload.delete(payload))
    limitersByPayload.set(payload, limiters)
  }
  return limiters
}

/** Keys are hashed: the table holds no email address or IP in clear. */
function keyOf(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase()).digest('base64url')
}

function accountKey(form: ThrottledForm, keys: ThrottleKeys): string | undefined {
  if (!keys.account) return undefined
  return form === 'signIn' ? keyOf(`${keys.account}|${keys.address}`) : keyOf(keys.account)
}

/**
 * Counts one attempt against the address and the account; throws TooManyRequests when either is
 * over its limit. Counting happens before the attempt, so parallel requests cannot slip past.
 */
export async function consumeThrottle(payload: Payload, form: ThrottledForm, keys: ThrottleKeys): Promise<void> {
  const limiters = (await limitersFor(payload))[form]
  const account = accountKey(form, keys)
  try {
    await Promise.all([
      limiters.address.consume(keyOf(keys.address)),
      account ? limiters.account.consume(account) : Promise.resolve(undefined),
    ])
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new TooManyRequests(error.msBeforeNext)
    throw error
  }
}

/** A successful sign-in: the account's run of failures from this address ends, and the attempt is not counted. */
export async function forgiveSignIn(payload: Payload, keys: ThrottleKeys): Promise<void> {
  const limiters = (await limitersFor(payload)).signIn
  const account = accountKey('signIn', keys)
  await Promise.all([account ? limiters.account.delete(account) : undefined, limiters.address.reward(keyOf(keys.address), 1)])
}

/** Lets a throttled REST answer carry Retry-After (Payload's error handler adds req.responseHeaders). */
export function setRetryAfter(req: PayloadRequest, error: TooManyRequests): void {
  const headers = req.responseHeaders ?? new Headers()
  headers.set('Retry-After', String(error.retryAfter))
  req.responseHeaders = headers
}

/** A 429 answer in Payload's error shape, for handlers that answer themselves. */
export function tooManyRequestsResponse(error: TooManyRequests): Response {
  return Response.json({ errors: [{ message: error.message }] }, { status: 429, headers: { 'Retry-After': String(error.retryAfter) } })
}
