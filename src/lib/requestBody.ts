import type { PayloadRequest } from 'payload'

import { RefusedError } from './errors'

/** Bodies of JSON requests (every endpoint but uploads and webhooks) stop being read here. */
export const DEFAULT_JSON_BODY_LIMIT = 1024 * 1024

/** The media type of a request's body, lower case, without parameters ("application/json"). */
export function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase()
}

/** Whether a parsed JSON value holds a NUL character in any string or key (databases refuse them). */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(containsNul)
  if (value && typeof value === 'object') return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || containsNul(inner))
  return false
}

/**
 * The JSON object in a request body, or a refusal: 415 when a body is sent as anything but
 * `application/json`, 400 when it does not parse, is not an object, or holds a NUL character.
 * No body at all is `{}`. Every custom endpoint reads its body through this, so a body the
 * server did not understand is never taken as "nothing asked" (a text/plain refund request
 * was once a full refund).
 */
export async function readJsonBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  // already read by an earlier call
  if (req.data && typeof req.data === 'object' && !Array.isArray(req.data)) return req.data as Record<string, unknown>
  const text = req.body === null || req.body === undefined || req.bodyUsed ? '' : ((await req.text?.()) ?? '')
  const data = parseJsonObject(text, req.headers)
  req.data = data
  return data
}

/** The body text as a JSON object, refusing what `readJsonBody` refuses. */
export function parseJsonObject(text: string, headers: Headers): Record<string, unknown> {
  if (!text.trim()) return {}
  if (mediaTypeOf(headers) !== 'application/json') throw new RefusedError('The request body must be sent as application/json.', 415)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new RefusedError('The request body is not valid JSON.', 400)
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new RefusedError('The request body must be a JSON object.', 400)
  if (containsNul(data)) throw new RefusedError('The request body contains a NUL character.', 400)
  return data as Record<string, unknown>
}
