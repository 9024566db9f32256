/** The audit trail's record of a change (src/audit/diff.ts): what changed, never a secret, personal values left out. */
import { describe, expect, it } from 'vitest'

import { auditChanges, PERSON_SETTINGS } from '@/audit/diff'

describe('audit changes', () => {
  it('lists changed fields with their values, nested fields by path, relationships by id', () => {
    const before = { id: 1, status: 'pending', amount: 2500, membership: { id: 7, title: 'x', status: 'active' }, refunds: [], updatedAt: 'a' }
    const after = { id: 1, status: 'succeeded', amount: 2500, membership: 7, refunds: [{ amount: 500 }], updatedAt: 'b' }
    expect(auditChanges(before, after)).toEqual([
      { field: 'refunds', before: [], after: [{ amount: 500 }] },
      { field: 'status', before: 'pending', after: 'succeeded' },
    ])
  })

  it('never records secrets, and records personal details as changed without their values', () => {
    const before = { hash: 'h1', salt: 's1', apiKey: 'k1', sessions: [{ id: 'a' }], phone: '+441', address: { town: 'Oxford' }, roles: ['member'] }
    const after = { hash: 'h2', salt: 's2', apiKey: 'k2', sessions: [], phone: '+442', address: { town: 'Cardiff' }, roles: ['member', 'events'] }
    const changes = auditChanges(before, after, { passwordChanged: true })
    expect(changes).toEqual([
      { field: 'address.town', redacted: true },
      { field: 'phone', redacted: true },
      { field: 'roles', before: ['member'], after: ['member', 'events'] },
      { field: 'password', redacted: true },
    ])
    expect(JSON.stringify(changes)).not.toMatch(/h1|h2|s1|k1|k2|Oxford|Cardiff|\+44/)
  })

  it('of a person keeps only their settings’ values', () => {
    const changes = auditChanges({ firstName: 'Ann', email: 'a@x.org', directory: { showName: false } }, { firstName: 'Anne', email: 'b@x.org', directory: { showName: true } }, { keepValue: (f) => PERSON_SETTINGS.test(f) })
    expect(changes).toEqual([
      { field: 'directory.showName', before: false, after: true },
      { field: 'email', redacted: true },
      { field: 'firstName', redacted: true },
    ])
  })

  it('records nothing when nothing changed', () => {
    expect(auditChanges({ a: 1, updatedAt: 'x' }, { a: 1, updatedAt: 'y' })).toEqual([])
  })
})
