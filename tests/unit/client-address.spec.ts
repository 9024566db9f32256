import { describe, expect, it } from 'vitest'

import { UNKNOWN_ADDRESS, clientAddress, requestAddress, trustedProxyHops } from '@/security/clientAddress'

describe('the client address used for throttling', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ socketAddress: '198.51.100.7', forwardedFor: '203.0.113.1' })).toBe('198.51.100.7')
    expect(clientAddress({ socketAddress: '198.51.100.7', forwardedFor: '203.0.113.1', trustProxy: 'false' })).toBe('198.51.100.7')
  })

  it('behind one trusted proxy is the address that proxy saw, not what the client wrote before it', () => {
    // the client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the real client 203.0.113.9
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '1.1.1.1, 203.0.113.9', trustProxy: 'true' })).toBe('203.0.113.9')
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '203.0.113.9', trustProxy: '1' })).toBe('203.0.113.9')
  })

  it('counts several trusted proxies from the right', () => {
    expect(clientAddress({ socketAddress: '10.0.0.3', forwardedFor: '6.6.6.6, 203.0.113.9, 10.0.0.2', trustProxy: '2' })).toBe('203.0.113.9')
    // fewer entries than proxies: the leftmost there is
    expect(clientAddress({ socketAddress: '10.0.0.3', forwardedFor: '203.0.113.9', trustProxy: '5' })).toBe('203.0.113.9')
  })

  it('falls back to the socket when a trusted proxy sent no X-Forwarded-For', () => {
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: null, trustProxy: 'true' })).toBe('10.0.0.2')
  })

  it('normalises IPv4-mapped IPv6, ports and brackets, and says unknown when there is nothing', () => {
    expect(clientAddress({ socketAddress: '::ffff:192.0.2.4' })).toBe('192.0.2.4')
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '192.0.2.4:5120', trustProxy: 'true' })).toBe('192.0.2.4')
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '[2001:DB8::1]:443', trustProxy: 'true' })).toBe('2001:db8::1')
    expect(clientAddress({})).toBe(UNKNOWN_ADDRESS)
    expect(requestAddress(null)).toBe(UNKNOWN_ADDRESS)
  })

  it('reads TRUST_PROXY as off, true or a number of proxies', () => {
    expect(trustedProxyHops(undefined)).toBe(0)
    expect(trustedProxyHops('')).toBe(0)
    expect(trustedProxyHops('false')).toBe(0)
    expect(trustedProxyHops('true')).toBe(1)
    expect(trustedProxyHops('3')).toBe(3)
    expect(trustedProxyHops('nonsense')).toBe(0)
  })

  it('reads the socket address the server stamped on the request', () => {
    const headers = new Headers({ 'x-hangar-peer-address': '::ffff:198.51.100.7', 'x-forwarded-for': '1.1.1.1' })
    expect(requestAddress(headers, undefined)).toBe('198.51.100.7')
    expect(requestAddress(headers, 'true')).toBe('1.1.1.1')
  })
})
