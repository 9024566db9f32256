/**
 * Raw requests through the route modules the app serves (app/(payload)/api/...), so whatever
 * wraps Payload's handlers there (body limits, content types) is exercised too. Unlike `rest`,
 * the body is sent exactly as given, with the content type given (or none).
 */
import * as graphqlRoute from '../../../app/(payload)/api/graphql/route'
import * as restRoute from '../../../app/(payload)/api/[...slug]/route'

export type RawMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
export type RawOptions = {
  body?: BodyInit | null
  contentType?: string
  token?: string
  headers?: Record<string, string>
}
export type RawResult = { status: number; body: any; text: string; headers: Headers }

async function read(response: Response): Promise<RawResult> {
  const type = response.headers.get('content-type') ?? ''
  const text = type.startsWith('application/json') || type.startsWith('text/') ? await response.text() : `[${(await response.arrayBuffer()).byteLength} bytes]`
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, text, headers: response.headers }
}

function buildRequest(method: RawMethod, url: URL, options: RawOptions): Request {
  const headers = new Headers(options.headers)
  if (options.contentType) headers.set('Content-Type', options.contentType)
  if (options.token) headers.set('Authorization', `JWT ${options.token}`)
  const hasBody = options.body !== undefined && options.body !== null && method !== 'GET'
  return new Request(url, { method, headers, body: hasBody ? options.body : undefined, ...(hasBody && options.body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit)
}

/** A request to /api`path` (with its query string) through app/(payload)/api/[...slug]/route.ts. */
export async function send(method: RawMethod, path: string, options: RawOptions = {}): Promise<RawResult> {
  const url = new URL(`/api${path}`, 'http://localhost:3000')
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean).map(decodeURIComponent)
  const handler = restRoute[method]
  const response = await handler(buildRequest(method, url, options), { params: Promise.resolve({ slug }) })
  return read(response)
}

/** A POST to /api/graphql through app/(payload)/api/graphql/route.ts. */
export async function sendGraphQL(options: RawOptions): Promise<RawResult> {
  const url = new URL('/api/graphql', 'http://localhost:3000')
  const response = await graphqlRoute.POST(buildRequest('POST', url, options))
  return read(response)
}

/** A JSON GraphQL request. */
export function graphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<RawResult> {
  return sendGraphQL({ body: JSON.stringify({ query, variables }), contentType: 'application/json', token })
}
