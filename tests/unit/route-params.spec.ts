import { describe, expect, it } from 'vitest'

import { decodedPathToken } from '@/lib/routeParams'

describe('a token from an emailed link’s path', () => {
  it('is decoded as sent', () => {
    expect(decodedPathToken('abc-DEF_123')).toBe('abc-DEF_123')
    expect(decodedPathToken('a%2Bb')).toBe('a+b')
  })

  it('names no link when the path is not valid percent-encoding, rather than failing', () => {
    expect(decodedPathToken('%E0%A4%A')).toBe('')
    expect(decodedPathToken('%')).toBe('')
  })
})
