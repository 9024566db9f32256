/**
 * What every public form does before its work (SPEC §11): drop bots that fill the honeypot, and
 * throttle per address and per account. Used by the REST endpoints of the users collection and
 * by the member site's server actions; a public form added later calls `guardPublicForm` with a
 * row of its own in THROTTLE_RULES.
 */
import type { Payload } from 'payload'

import { requestAddress } from './clientAddress'
import { HONEYPOT_FIELD } from './honeypotField'
import type { ThrottledForm } from './throttle'
import { consumeThrottle } from './throttle'

/**
 * The honeypot: a text field named `website`, hidden from people (off-screen, not tabbable,
 * autocomplete off) so only a bot fills it in. A filled one is answered as if it succeeded.
 */
export { HONEYPOT_FIELD }

export function honeypotFilled(data: unknown): boolean {
  if (data instanceof FormData) return String(data.get(HONEYPOT_FIELD) ?? '').trim() !== ''
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[HONEYPOT_FIELD] : undefined
  return value != null && String(value).trim() !== ''
}

export type PublicFormVerdict = 'proceed' | 'trapped'

/**
 * Honeypot first (a trapped bot costs nothing, not even a throttle slot), then the throttle,
 * which throws TooManyRequests (429) when the address or the account is over its limit.
 */
export async function guardPublicForm(
  payload: Payload,
  args: { form: ThrottledForm; headers: Pick<Headers, 'get'> | null | undefined; account?: string | null; data?: unknown },
): Promise<PublicFormVerdict> {
  if (args.data !== undefined && honeypotFilled(args.data)) return 'trapped'
  await consumeThrottle(payload, args.form, { address: requestAddress(args.headers), account: normaliseAccount(args.account) })
  return 'proceed'
}

export function normaliseAccount(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined
}

/** The JSON (or multipart `_payload`) body of a request, read without using it up; {} when there is none. */
export async function peekBody(request: { headers: Pick<Headers, 'get'>; clone?: () => Request }): Promise<Record<string, unknown>> {
  if (!request.clone) return {}
  const contentType = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase()
  try {
    if (contentType === 'application/json') {
      const text = await request.clone().text()
      const parsed: unknown = text ? JSON.parse(text) : {}
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
    }
    if (contentType.startsWith('multipart/')) {
      const form = await request.clone().formData()
      const json = form.get('_payload')
      const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : {}
      const data = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
      return form.has(HONEYPOT_FIELD) ? { ...data, [HONEYPOT_FIELD]: form.get(HONEYPOT_FIELD) } : data
    }
  } catch {
    // unparsable: Payload's own handler answers 400
  }
  return {}
}
