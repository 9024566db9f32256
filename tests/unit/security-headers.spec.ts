import { describe, expect, it } from 'vitest'

import {
  adminContentSecurityPolicy,
  baseSecurityHeaders,
  contentSecurityPolicyFor,
  newNonce,
  siteContentSecurityPolicy,
  strictTransportSecurity,
} from '@/lib/securityHeaders'

/** A policy as a map of directive → sources. */
const parse = (policy: string) =>
  Object.fromEntries(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/)
      return [name!, sources]
    }),
  ) as Record<string, string[]>

const production = { nonce: 'abc123', dev: false, https: true }

describe('security headers', () => {
  it('every response: nosniff, a strict referrer, no camera or microphone, never framed', () => {
    const headers = Object.fromEntries(baseSecurityHeaders().map(({ key, value }) => [key, value]))
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/)
    expect(headers['Permissions-Policy']).toMatch(/microphone=\(\)/)
    expect(headers['Permissions-Policy']).toMatch(/geolocation=\(\)/)
    expect(headers['X-Frame-Options']).toBe('DENY')
  })

  it('HSTS only when SERVER_URL is https', () => {
    expect(strictTransportSecurity('https://members.alliance.example')).toEqual({ key: 'Strict-Transport-Security', value: expect.stringMatching(/^max-age=\d{7,}/) })
    expect(strictTransportSecurity('http://localhost:3000')).toBeNull()
    expect(strictTransportSecurity(undefined)).toBeNull()
  })

  it("member site: scripts only with the response's nonce (and what they load), no plugins, never framed", () => {
    const csp = parse(siteContentSecurityPolicy(production))
    expect(csp['script-src']).toEqual(expect.arrayContaining(["'self'", "'nonce-abc123'", "'strict-dynamic'"]))
    expect(csp['script-src']).not.toContain("'unsafe-inline'")
    expect(csp['script-src']).not.toContain("'unsafe-eval'")
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'self'"])
    expect(csp).toHaveProperty('upgrade-insecure-requests')
    expect(parse(siteContentSecurityPolicy({ ...production, https: false }))).not.toHaveProperty('upgrade-insecure-requests')
  })

  it("member site: Square's card form may load its SDK, frame its fields and call its servers, production and sandbox", () => {
    const csp = parse(siteContentSecurityPolicy(production))
    expect(csp['script-src']).toEqual(expect.arrayContaining(['https://web.squarecdn.com', 'https://sandbox.web.squarecdn.com']))
    expect(csp['frame-src']).toEqual(expect.arrayContaining(['https://*.squarecdn.com', 'https://*.squareup.com', 'https://*.squareupsandbox.com']))
    expect(csp['connect-src']).toEqual(expect.arrayContaining(['https://*.squareup.com', 'https://*.squareupsandbox.com']))
    expect(csp['form-action']).toContain('https://checkout.stripe.com')
  })

  it('development adds eval (React debugging) and the hot-reload socket; production does not', () => {
    const dev = parse(siteContentSecurityPolicy({ ...production, dev: true }))
    expect(dev['script-src']).toContain("'unsafe-eval'")
    expect(dev['connect-src']).toContain('ws:')
  })

  it('the admin panel gets its own policy: nonce scripts, its code editor, blob previews; /administrator is not the admin', () => {
    const admin = parse(adminContentSecurityPolicy(production))
    expect(admin['script-src']).toContain("'nonce-abc123'")
    expect(admin['img-src']).toContain('blob:')
    expect(admin['frame-ancestors']).toEqual(["'none'"])
    expect(contentSecurityPolicyFor('/admin', production)).toBe(adminContentSecurityPolicy(production))
    expect(contentSecurityPolicyFor('/admin/collections/users', production)).toBe(adminContentSecurityPolicy(production))
    expect(contentSecurityPolicyFor('/administrator', production)).toBe(siteContentSecurityPolicy(production))
    expect(contentSecurityPolicyFor('/join/1', production)).toBe(siteContentSecurityPolicy(production))
  })

  it('a fresh nonce each time, long enough not to be guessed', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()))
    expect(nonces.size).toBe(50)
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/)
  })
})
