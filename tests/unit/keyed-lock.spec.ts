import { describe, expect, it } from 'vitest'

import { acquireKey, keysInUse, withKey } from '@/lib/keyedLock'

describe('keyed locks (SQLite serialisation)', () => {
  it('runs work on one key one at a time, in arrival order, and other keys alongside', async () => {
    const order: string[] = []
    const step = (name: string, ms: number) => async () => {
      order.push(`${name}:start`)
      await new Promise((resolve) => setTimeout(resolve, ms))
      order.push(`${name}:end`)
    }
    await Promise.all([withKey('payments:1', step('a', 20)), withKey('payments:1', step('b', 1)), withKey('payments:2', step('c', 1))])
    expect(order.indexOf('a:end')).toBeLessThan(order.indexOf('b:start'))
    expect(order.indexOf('c:end')).toBeLessThan(order.indexOf('a:end'))
  })

  it('forgets a key once its last holder releases it, so the map does not grow', async () => {
    const before = keysInUse()
    const releases = await Promise.all(Array.from({ length: 100 }, (_, i) => acquireKey(`memberships:${i}`)))
    expect(keysInUse()).toBe(before + 100)
    releases.forEach((release) => release())
    await Promise.all(Array.from({ length: 50 }, (_, i) => withKey(`shifts:${i % 5}`, async () => undefined)))
    expect(keysInUse()).toBe(before)
  })
})
