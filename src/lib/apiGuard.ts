/**
 * What every request to /api/* passes before Payload sees it (issue 12, points 2, 12, 13):
 *
 * - a body is read at most up to a limit, counted while streaming (a Content-Length above it is
 *   refused before reading): 1 MB for JSON and webhooks, the upload limit plus 1 MB for
 *   multipart forms; more is 413;
 * - a body sent to POST/PATCH/PUT must be `application/json` or `multipart/form-data` (the admin
 *   panel's method-override GET also sends `application/x-www-form-urlencoded`); anything else is 415;
 * - a JSON body must parse (400), be an object (400; GraphQL also takes a batch array) and hold no
 *   NUL character (400), nor may the query string;
 * - the query string's `limit` is a whole number, clamped to 100 (0, "all", and `pagination=false`
 *   too: clamping rather than refusing keeps the admin panel's lists, whose largest page is 100,
 *   working); `page` a whole number from 1; `depth` a whole number, clamped to 3 (400 otherwise).
 *   Each of them at most once (a repeated or bracketed one is 400).
 *   These apply to what a request asks for, never to the server's own queries made while answering it;
 * - endpoints that verify a signature over the exact bytes (`custom: { rawBody: true }`, the
 *   provider webhooks) get the size limit only, and the bytes untouched.
 *
 * Refusals come out in Payload's error shape, `{ errors: [{ message }] }`.
 */
import type { SanitizedConfig } from 'payload'

import { DEFAULT_JSON_BODY_LIMIT, containsNul, mediaTypeOf } from './requestBody'

export type ApiGuardOptions = {
  /** The largest page (`limit`) a REST request may ask for; more, 0 ("all") or `pagination=false` get this many. Default 100. */
  maxLimit?: number
  /** The deepest population (`depth`) a REST request may ask for; deeper is clamped. Default 3. */
  maxDepth?: number
  /** Largest JSON (and webhook) body in bytes; `API_BODY_LIMIT_BYTES`, else 1 MB. */
  jsonLimit?: number
  /** Largest multipart body in bytes: the upload limit plus room for the other fields. */
  multipartLimit?: number
  /** GraphQL takes a batch (an array of operations) as well as one. */
  allowArray?: boolean
}

type Handler<A extends unknown[]> = (request: Request, ...args: A) => Promise<Response>

export function jsonBodyLimit(): number {
  const configured = Number(process.env.API_BODY_LIMIT_BYTES)
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_JSON_BODY_LIMIT
}

export const refuse = (message: string, status: number) => Response.json({ errors: [{ message }] }, { status })

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT'])

/** Reads a body stream up to `limit` bytes; `null` when it holds more (reading stops there). */
async function readUpTo(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const rawBodyPathsCache = new WeakMap<object, Set<string>>()

/** The paths (`/api/square/webhooks`) of root endpoints that read their body raw. */
function rawBodyPaths(config: SanitizedConfig): Set<string> {
  let paths = rawBodyPathsCache.get(config)
  if (!paths) {
    paths = new Set((config.endpoints || []).filter((endpoint) => (endpoint.custom as { rawBody?: boolean } | undefined)?.rawBody).map((endpoint) => `${config.routes.api}${endpoint.path}`))
    rawBodyPathsCache.set(config, paths)
  }
  return paths
}

const WHOLE = /^\d{1,9}$/
const PAGING = ['limit', 'page', 'depth'] as const

/** The query string with paging within bounds, or a refusal message. */
function cappedSearch(url: URL, maxLimit: number, maxDepth: number): URLSearchParams | string {
  const params = new URLSearchParams(url.search)
  // one value each: Payload reads `limit=5&limit=6` and `limit[a]=1` as a list or an object and
  // passes it to the database as it is (a 500)
  for (const name of PAGING) {
    if (params.getAll(name).length > 1 || [...params.keys()].some((key) => key.startsWith(`${name}[`))) return `${name} must be given once, as a whole number.`
  }
  let changed = false
  const limit = params.get('limit')
  if (limit !== null && limit !== '') {
    if (!WHOLE.test(limit)) return 'limit must be a whole number.'
    if (Number(limit) === 0 || Number(limit) > maxLimit) {
      params.set('limit', String(maxLimit))
      changed = true
    }
  } else if (params.get('pagination') === 'false') {
    params.set('limit', String(maxLimit))
    changed = true
  }
  const page = params.get('page')
  if (page !== null && page !== '' && (!WHOLE.test(page) || Number(page) < 1)) return 'page must be a whole number from 1.'
  const depth = params.get('depth')
  if (depth !== null && depth !== '') {
    if (!WHOLE.test(depth)) return 'depth must be a whole number.'
    if (Number(depth) > maxDepth) {
      params.set('depth', String(maxDepth))
      changed = true
    }
  }
  return changed ? params : url.searchParams
}

/**
 * Checks a request against the rules above: a refusal to send back, or the request to hand to
 * Payload (rebuilt around the bytes read, since a stream is read only once).
 */
export async function checkApiRequest(request: Request, config: SanitizedConfig, options: ApiGuardOptions = {}): Promise<Request | Response> {
  const url = new URL(request.url)
  if (url.search.includes('%00') || url.search.includes('\u0000') || url.pathname.includes('%00')) return refuse('The address contains a NUL character.', 400)
  const search = cappedSearch(url, options.maxLimit ?? 100, options.maxDepth ?? 3)
  if (typeof search === 'string') return refuse(search, 400)
  if (search !== url.searchParams) {
    url.search = search.toString()
    request = new Request(url, { body: request.body, headers: request.headers, method: request.method, signal: request.signal, duplex: 'half' } as RequestInit)
  }
  const method = request.method.toUpperCase()
  if (!WRITE_METHODS.has(method) && method !== 'DELETE') return request
  if (!request.body) return request

  const type = mediaTypeOf(request.headers)
  const raw = rawBodyPaths(config).has(url.pathname)
  const multipart = type === 'multipart/form-data'
  const limit = multipart ? (options.multipartLimit ?? (config.upload?.limits?.fileSize ?? 20 * 1024 * 1024) + 1024 * 1024) : (options.jsonLimit ?? jsonBodyLimit())
  const declared = Number(request.headers.get('content-length'))
  const tooLarge = () => refuse(`The request body is larger than ${limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${limit} bytes`}.`, 413)
  if (Number.isFinite(declared) && declared > limit) return tooLarge()

  const bytes = await readUpTo(request.body, limit)
  if (!bytes) return tooLarge()
  const rebuilt = () => new Request(request.url, { body: bytes.byteLength ? bytes : null, headers: request.headers, method: request.method, signal: request.signal, duplex: 'half' } as RequestInit)
  if (raw || !bytes.byteLength) return rebuilt()
  if (method === 'DELETE' && !type) return rebuilt()

  const methodOverride = (request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override'))?.toUpperCase() === 'GET'
  if (multipart) return rebuilt()
  if (type === 'application/x-www-form-urlencoded' && methodOverride) {
    // the admin panel's long GET: its query string travels as the body, so it gets the same caps
    const text = new TextDecoder().decode(bytes)
    if (text.includes('\u0000') || text.includes('%00')) return refuse('The request contains a NUL character.', 400)
    const capped = cappedSearch(new URL(`http://body/?${text}`), options.maxLimit ?? 100, options.maxDepth ?? 3)
    if (typeof capped === 'string') return refuse(capped, 400)
    const headers = new Headers(request.headers)
    headers.delete('content-length')
    return new Request(request.url, { body: capped.toString(), headers, method: request.method, signal: request.signal, duplex: 'half' } as RequestInit)
  }
  if (type !== 'application/json') return refuse('The request body must be sent as application/json (or multipart/form-data for uploads).', 415)

  let data: unknown
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return refuse('The request body is not valid JSON.', 400)
  }
  const isObject = data !== null && typeof data === 'object' && (!Array.isArray(data) || options.allowArray)
  if (!isObject) return refuse('The request body must be a JSON object.', 400)
  if (containsNul(data)) return refuse('The request body contains a NUL character.', 400)
  return rebuilt()
}

/** Wraps a Next.js route handler of the Payload API in `checkApiRequest`. */
export function guardApiRoute<A extends unknown[]>(handler: Handler<A>, config: Promise<SanitizedConfig> | SanitizedConfig, options: ApiGuardOptions = {}): Handler<A> {
  return async (request, ...args) => {
    const checked = await checkApiRequest(request, await config, options)
    if (checked instanceof Response) return checked
    return handler(checked, ...args)
  }
}
