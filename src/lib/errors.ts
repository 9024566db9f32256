import type { AfterErrorHook } from 'payload'
import { APIError } from 'payload'

/**
 * A request a person made that Hangar refuses (400 bad request, 401 not signed in, 402 card
 * declined, 403 forbidden, 409 conflict, 502 a provider unreachable): the message is shown to
 * them as it is, and the server logs it as info, not as an error. `data` travels with it.
 */
export class RefusedError extends APIError {
  constructor(message: string, status: 400 | 401 | 402 | 403 | 404 | 409 | 413 | 415 | 422 | 502 = 403, data?: Record<string, unknown>) {
    super(message, status, data, true)
    this.name = 'RefusedError'
  }
}

/**
 * What a page's form shows for a refusal (any 4xx, a rate limit included), or null for a fault the
 * form must not explain away (it is rethrown and logged).
 */
export function refusalMessage(error: unknown, fallback = 'That did not work.'): string | null {
  const refused = error as { status?: number; message?: string } | null
  return refused?.status && refused.status >= 400 && refused.status < 500 ? refused.message || fallback : null
}

/** Error names logged at info level: refusals and failed sign-ins are expected, not faults. */
export const EXPECTED_ERROR_LOG_LEVELS = {
  RefusedError: 'info',
  AuthenticationError: 'info',
  LockedAuth: 'info',
  UnauthorizedError: 'info',
  TooManyRequests: 'info',
} as const

/**
 * Whether a write failed on a unique index (Payload's "Value must be unique", Postgres's
 * duplicate key, SQLite's UNIQUE constraint): the sign that a concurrent request got there first.
 */
export function isUniqueViolation(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { data?: unknown })?.data ?? '')} ${String((error as { cause?: unknown })?.cause ?? '')}`
  return /unique|duplicate key|already exists|UNIQUE constraint/i.test(text)
}

/**
 * Keeps the details of a refused request in the response. Payload puts a validation error's
 * reasons (`data`, e.g. "Invalid PDF file." for `file`) beside its message by checking
 * `instanceof ValidationError`, which the production bundle can fail (payloadcms/payload#7140),
 * leaving only "The following field is invalid: file". Any 4xx error that carries data gets it
 * back, so production answers exactly as development does. Server errors are left alone.
 */
export const keepErrorDetails: AfterErrorHook = ({ error, result }) => {
  const { status = 500, message, data } = error as { status?: number; message?: string; data?: unknown }
  const first = result?.errors?.[0]
  if (status < 400 || status >= 500 || !data || typeof data !== 'object' || !first || first.data !== undefined || result!.errors!.length !== 1) return undefined
  const name = 'errors' in data ? 'ValidationError' : 'APIError'
  return { response: { ...result, errors: [{ name, data: data as Record<string, unknown>, message: first.message ?? message }] } }
}

/** What Payload's formatter answers for an error it cannot name (payload/dist/utilities/formatErrors.js). */
const UNKNOWN_ERROR = 'An unknown error occurred.'

/**
 * Keeps the message of a refusal thrown as a plain `APIError` (4xx). Payload's formatter shows an
 * error's message only when the error has a name; in the production bundle `APIError` is an
 * anonymous class whose name is empty, so the person got "An unknown error occurred." in place of
 * the reason (a filter refused by the query guard, say). Development was unaffected.
 */
export const keepRefusalMessages: AfterErrorHook = ({ error, result }) => {
  const { status = 500, message } = error as { status?: number; message?: unknown }
  const first = result?.errors?.[0]
  if (status < 400 || status >= 500 || typeof message !== 'string' || !message || !first || result!.errors!.length !== 1) return undefined
  if (first.message !== UNKNOWN_ERROR || first.data !== undefined) return undefined
  return { response: { ...result, errors: [{ message }] } }
}
/**
 * Turns a unique-index refusal on a field that stands for a conflict into a 409 with that
 * field's message. A check-then-insert (e.g. "no open membership of this tier yet") can be
 * passed by two requests at once; the unique index then refuses the second, and Payload reports
 * it as a 400 naming the internal column ("The following field is invalid: openKey"). A field
 * marks itself with `custom: { uniqueConflict: 'message for the person' }`; a collection whose
 * unique indexes span several fields (one RSVP per member per event) says it in its own `custom`,
 * as a message or a function of the request.
 */
export const explainUniqueConflicts: AfterErrorHook = ({ collection, error, req }) => {
  const { status, data } = error as { status?: number; data?: { errors?: Array<{ message?: string; path?: string }> } }
  if (!collection || status !== 400 || !Array.isArray(data?.errors)) return undefined
  const uniqueMessage = req?.t ? req.t('error:valueMustBeUnique') : 'Value must be unique'
  const acrossFields = (collection.custom as { uniqueConflict?: unknown } | undefined)?.uniqueConflict
  for (const reason of data.errors) {
    if (!reason?.path || (reason.message !== uniqueMessage && !/unique/i.test(reason.message ?? ''))) continue
    const field = collection.flattenedFields.find((f) => f.name === reason.path)
    // a path that names no field is a column, or columns, of an index across fields
    const said = field ? (field.custom as { uniqueConflict?: unknown } | undefined)?.uniqueConflict : acrossFields
    const message = typeof said === 'function' ? (said as (req: unknown) => unknown)(req) : said
    if (typeof message === 'string') return { status: 409, response: { errors: [{ name: 'ConflictError', message }] } }
  }
  return undefined
}

/**
 * A body that does not parse, read by code that calls `JSON.parse` itself, throws a SyntaxError,
 * which Payload answers as a 500. It is the client's error: 400, in Payload's error shape. (The
 * API guard refuses such bodies before Payload sees them; this covers whatever reads a body
 * another way.)
 */
export const malformedInputIs400: AfterErrorHook = ({ error, result }) => {
  if (!(error instanceof SyntaxError) || (error as { status?: number }).status) return undefined
  return { response: { ...result, errors: [{ message: 'The request body is not valid JSON.' }] }, status: 400 }
}
