/**
 * The chosen tiers of an audience as the text the read filters match (src/access/audience.ts):
 * one tier's mark never matches another tier whose id contains it.
 */
import { describe, expect, it } from 'vitest'

import { tierList } from '@/access/audience'

describe('audience tier list', () => {
  it('names each chosen tier once, between commas, from ids or populated tiers', () => {
    expect(tierList('tiers', [13, { id: 3 }, 13, '31'])).toBe(',13,3,31,')
  })

  it('matches a tier only by its whole id', () => {
    const list = tierList('tiers', [13, 31])!
    expect(list.includes(',3,')).toBe(false)
    expect(list.includes(',1,')).toBe(false)
    expect(list.includes(',13,')).toBe(true)
  })

  it('is empty unless the audience is chosen tiers with at least one tier', () => {
    expect(tierList('members', [3])).toBeNull()
    expect(tierList('public', [3])).toBeNull()
    expect(tierList('tiers', [])).toBeNull()
    expect(tierList('tiers', null)).toBeNull()
  })
})
