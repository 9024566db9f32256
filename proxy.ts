import type { NextRequest } from 'next/server'
import { NextResponse } from 'next/server'

import { readsWholeAccount, WHOLE_ACCOUNT_HEADER } from './src/lib/accountRoutes'
import { contentSecurityPolicyFor, isHttps, newNonce, strictTransportSecurity } from './src/lib/securityHeaders'

/**
 * Gives every page (member site and admin panel) a Content Security Policy with a fresh nonce.
 * Next.js reads the nonce from the request's policy and puts it on the scripts it renders, so
 * only the page's own scripts run. It also tells the page how much of the signed-in account to
 * read (src/lib/accountRoutes.ts). The API, static files and prefetches are not pages; the fixed
 * headers (nosniff, frame options, ...) come from next.config.ts for every path.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce()
  const policy = contentSecurityPolicyFor(request.nextUrl.pathname, {
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: isHttps(process.env.SERVER_URL),
  })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-nonce', nonce)
  requestHeaders.set('Content-Security-Policy', policy)
  // whatever the browser sent, the path decides how much of the account its sign-in reads
  requestHeaders.set(WHOLE_ACCOUNT_HEADER, readsWholeAccount(request.nextUrl.pathname) ? '1' : '0')
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  const hsts = strictTransportSecurity(process.env.SERVER_URL)
  if (hsts) response.headers.set(hsts.key, hsts.value)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
