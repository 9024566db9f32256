/**
 * The security headers of every response (SPEC §11), as pure functions: next.config.ts sets the
 * fixed ones on every path, proxy.ts sets the Content Security Policy of each page with a fresh
 * nonce. Unit-tested in tests/unit/security-headers.spec.ts.
 */

export type Header = { key: string; value: string }

/** Whether the site is served over https (then browsers are told to keep to https: HSTS). */
export function isHttps(serverUrl: string | undefined): boolean {
  return /^https:\/\//i.test(serverUrl?.trim() ?? '')
}

/**
 * Headers for every response, pages and API alike. Next.js fixes these at build time, so
 * nothing here depends on the environment the server starts with.
 */
export function baseSecurityHeaders(): Header[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // nothing on the site needs these; payment is left to the card form's own origin (Square)
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=(), interest-cohort=()' },
    { key: 'X-Frame-Options', value: 'DENY' },
  ]
}

/**
 * HSTS when the site is served over https (SERVER_URL), read when the server runs: a browser
 * that saw it once keeps to https for two years. Never over plain http, where it would be ignored
 * at best and lock out a misconfigured site at worst.
 */
export function strictTransportSecurity(serverUrl: string | undefined): Header | null {
  return isHttps(serverUrl) ? { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' } : null
}

/**
 * Square's Web Payments SDK (the card form on the pay page), production and sandbox: the script,
 * the card fields it frames, the calls it makes, its styles and fonts, and the 3-D Secure
 * challenge it may frame (Cardinal Commerce).
 */
export const SQUARE_SOURCES = {
  script: ['https://web.squarecdn.com', 'https://sandbox.web.squarecdn.com', 'https://js.squareup.com', 'https://js.squareupsandbox.com'],
  connect: ['https://*.squareup.com', 'https://*.squareupsandbox.com', 'https://*.squarecdn.com', 'https://o160250.ingest.sentry.io'],
  frame: ['https://*.squarecdn.com', 'https://*.squareup.com', 'https://*.squareupsandbox.com', 'https://*.cardinalcommerce.com'],
  style: ['https://*.squarecdn.com'],
  font: ['https://*.squarecdn.com', 'https://d1g145x70srn7h.cloudfront.net'],
  img: ['https://*.squarecdn.com'],
}

/** Stripe Checkout is a page of Stripe's the member is sent to (a form's redirect). */
const STRIPE_CHECKOUT = 'https://checkout.stripe.com'

/** The admin panel's JSON/code editor (Monaco) loads from this CDN. */
const MONACO_CDN = 'https://cdn.jsdelivr.net'

type PolicyOptions = { nonce: string; dev: boolean; https: boolean }

function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => (sources.length ? `${name} ${sources.join(' ')}` : name))
    .join('; ')
}

/**
 * The member site's policy. Scripts run only with this response's nonce (Next.js puts it on its
 * own scripts) and what they load ('strict-dynamic', which is how the Square SDK script the card
 * form adds is allowed; the hosts are for browsers without it). Inline styles are allowed: they
 * cannot run code, and Square's card fields use them.
 */
export function siteContentSecurityPolicy({ nonce, dev, https }: PolicyOptions): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...SQUARE_SOURCES.script, ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'", ...SQUARE_SOURCES.style],
    'img-src': ["'self'", 'data:', 'blob:', ...SQUARE_SOURCES.img],
    'font-src': ["'self'", 'data:', ...SQUARE_SOURCES.font],
    'connect-src': ["'self'", ...SQUARE_SOURCES.connect, ...(dev ? ['ws:', 'wss:'] : [])],
    'frame-src': ["'self'", ...SQUARE_SOURCES.frame],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", STRIPE_CHECKOUT],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  })
}

/**
 * The admin panel's policy: Payload's own scripts with the nonce as on the site, its inline
 * styles, image previews from blob: and data: URLs, and the code editor from its CDN (with the
 * web workers it starts from blob: URLs).
 */
export function adminContentSecurityPolicy({ nonce, dev, https }: PolicyOptions): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", MONACO_CDN, ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'", MONACO_CDN],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:', MONACO_CDN],
    'connect-src': ["'self'", MONACO_CDN, ...(dev ? ['ws:', 'wss:'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  })
}

/** The policy for a page path: the admin panel's under /admin, the member site's elsewhere. */
export function contentSecurityPolicyFor(pathname: string, options: PolicyOptions): string {
  return pathname === '/admin' || pathname.startsWith('/admin/') ? adminContentSecurityPolicy(options) : siteContentSecurityPolicy(options)
}

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  const bytes = new Uint8Array(18)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}
