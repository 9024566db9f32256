import { describe, expect, it } from 'vitest'

import { safeRedirectPath } from '@/lib/redirects'

describe('after sign-in redirect', () => {
  it('follows a path on this site', () => {
    expect(safeRedirectPath('/account')).toBe('/account')
    expect(safeRedirectPath('/events?month=2026-12')).toBe('/events?month=2026-12')
  })

  it('refuses anything a browser would take to another host', () => {
    for (const hostile of ['//evil.example', '/\\evil.example', 'https://evil.example', 'evil.example', '/\tx', null, 42]) {
      expect(safeRedirectPath(hostile)).toBe('/account')
    }
  })
})
