import type { Payload } from 'payload'
import { getPayload } from 'payload'

import type { User } from '@payload-types'

import { confirmEmailVerification } from '@/security/emailVerification'

/** Boots Payload on this file's database (see setup.ts). */
export async function bootPayload(): Promise<Payload> {
  const { default: config } = await import('@payload-config')
  return getPayload({ config })
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
export type RestOptions = { body?: unknown; token?: string; apiKey?: string; headers?: Record<string, string> }
export type RestResult = { status: number; body: any; headers: Headers }

/**
 * A request through the same Next.js route handlers the app serves at /api/* (the route module,
 * with its guard: src/lib/apiGuard.ts), without a network hop. `path` is what follows /api,
 * with its query string.
 */
export async function rest(method: Method, path: string, options: RestOptions = {}): Promise<RestResult> {
  const handlers = await import('../../../app/(payload)/api/[...slug]/route')
  const url = new URL(`/api${path}`, 'http://localhost:3000')
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  const headers = new Headers(options.headers)
  const multipart = options.body instanceof FormData
  if (options.body !== undefined && !multipart) headers.set('Content-Type', 'application/json')
  if (options.token) headers.set('Authorization', `JWT ${options.token}`)
  if (options.apiKey) headers.set('Authorization', `users API-Key ${options.apiKey}`)
  const request = new Request(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
  })
  const response = await handlers[method](request, { params: Promise.resolve({ slug }) })
  const text = (response.headers.get('content-type') ?? '').startsWith('application/pdf') ? `[${(await response.arrayBuffer()).byteLength} bytes]` : await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers }
}

let counter = 0
export const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}.${++counter}@example.org`

export const PASSWORD = 'correct-horse-battery'

/** Creates an account directly (as the system) and signs it in; returns the user and a JWT. */
export async function createUser(
  payload: Payload,
  roles: User['roles'],
  overrides: Partial<User> = {},
): Promise<{ user: User; token: string }> {
  const email = overrides.email ?? uniqueEmail(roles?.[0] ?? 'member')
  const user = (await payload.create({
    collection: 'users',
    data: { firstName: 'Test', lastName: roles?.join('-') ?? 'member', ...overrides, email, password: PASSWORD, roles },
  })) as User
  const { token } = await payload.login({ collection: 'users', data: { email, password: PASSWORD } })
  return { user, token: token! }
}

/** Runs the email queue as the worker would (tests do not run jobs on timers). */
export async function sendQueuedEmails(payload: Payload) {
  return payload.jobs.run({ queue: 'email', limit: 200 })
}

/** The token of the newest email-verification link sent to `email`, as its owner reads it. */
export async function verificationTokenFor(payload: Payload, email: string): Promise<string | undefined> {
  const { docs } = await payload.find({
    collection: 'notifications',
    where: { and: [{ recipient: { equals: email } }, { template: { equals: 'verify-email' } }] },
    sort: '-createdAt',
    limit: 1,
    depth: 0,
  })
  return /\/account\/verify-email\/([A-Za-z0-9_-]+)/.exec(docs[0]?.text ?? '')?.[1]
}

/**
 * A self-registered account confirms its address with the link emailed to it (as its owner would
 * on the member site), so it may apply and pay (src/security/emailVerification.ts).
 */
export async function confirmSignUpEmail(payload: Payload, email: string): Promise<void> {
  const token = await verificationTokenFor(payload, email)
  if (!token) throw new Error(`No email-verification link was sent to ${email}`)
  await confirmEmailVerification(payload, token)
}
