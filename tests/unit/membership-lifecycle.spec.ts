import { describe, expect, it } from 'vitest'

import type { MembershipStatus, TransitionCause } from '@/membership/lifecycle'
import { MEMBERSHIP_STATUSES, checkTransition, initialStatus, nextStatuses } from '@/membership/lifecycle'

/** SPEC §3, written out by hand: every allowed transition and who may cause it. */
const ALLOWED: Record<string, TransitionCause[]> = {
  'applied→approved': ['admin'],
  'applied→rejected': ['admin'],
  'applied→cancelled': ['admin', 'member'],
  'approved→awaiting_payment': ['admin', 'system'],
  'approved→active': ['admin', 'payment'],
  'approved→cancelled': ['admin', 'member'],
  'awaiting_payment→active': ['admin', 'payment'],
  'awaiting_payment→cancelled': ['admin', 'member'],
  'active→grace': ['admin', 'job'],
  'active→cancelled': ['admin', 'member'],
  'grace→active': ['admin', 'payment'],
  'grace→lapsed': ['admin', 'job'],
  'grace→cancelled': ['admin', 'member'],
  'lapsed→active': ['admin', 'payment'],
  'lapsed→cancelled': ['admin'],
}
const CAUSES: TransitionCause[] = ['member', 'admin', 'payment', 'job', 'system']

describe('membership lifecycle', () => {
  for (const from of MEMBERSHIP_STATUSES) {
    for (const to of MEMBERSHIP_STATUSES) {
      const allowedCauses = ALLOWED[`${from}→${to}`] ?? []
      for (const cause of CAUSES) {
        const allowed = allowedCauses.includes(cause)
        it(`${from} → ${to} by ${cause}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const result = checkTransition({ from, to, cause, reason: 'because the committee said so' })
          expect(result.ok).toBe(allowed)
          if (!result.ok) {
            // the refusal names both statuses, for the 400 the API returns
            expect(result.message).toContain(`"${from}"`)
            expect(result.message).toContain(`"${to}"`)
            expect(result.code).toBe(allowedCauses.length === 0 ? 'not_allowed' : 'not_allowed_for_cause')
          }
        })
      }
    }
  }

  it('requires a reason to reject or cancel, and for an admin’s manual change', () => {
    expect(checkTransition({ from: 'applied', to: 'rejected', cause: 'admin' })).toMatchObject({ ok: false, code: 'reason_required' })
    expect(checkTransition({ from: 'applied', to: 'rejected', cause: 'admin', reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' })
    expect(checkTransition({ from: 'active', to: 'cancelled', cause: 'member' })).toMatchObject({ ok: false, code: 'reason_required' })
    expect(checkTransition({ from: 'awaiting_payment', to: 'active', cause: 'admin' })).toMatchObject({ ok: false, code: 'reason_required' })
    expect(checkTransition({ from: 'active', to: 'grace', cause: 'admin' })).toMatchObject({ ok: false, code: 'reason_required' })
  })

  it('lets an admin approve without a reason, and a payment or job act without one', () => {
    expect(checkTransition({ from: 'applied', to: 'approved', cause: 'admin' }).ok).toBe(true)
    expect(checkTransition({ from: 'approved', to: 'awaiting_payment', cause: 'system' }).ok).toBe(true)
    expect(checkTransition({ from: 'awaiting_payment', to: 'active', cause: 'payment' }).ok).toBe(true)
    expect(checkTransition({ from: 'grace', to: 'lapsed', cause: 'job' }).ok).toBe(true)
  })

  it('refuses statuses it does not know', () => {
    expect(checkTransition({ from: 'active', to: 'frozen' as MembershipStatus, cause: 'admin', reason: 'x' })).toMatchObject({
      ok: false,
      code: 'unknown_status',
    })
  })

  it('starts at applied when the tier needs approval, otherwise awaiting payment', () => {
    expect(initialStatus({ requiresApproval: true })).toBe('applied')
    expect(initialStatus({ requiresApproval: false })).toBe('awaiting_payment')
    expect(initialStatus({})).toBe('awaiting_payment')
  })

  it('lists the next steps a cause may take', () => {
    expect(nextStatuses('applied', 'admin')).toEqual(['approved', 'rejected', 'cancelled'])
    expect(nextStatuses('applied', 'member')).toEqual(['cancelled'])
    expect(nextStatuses('rejected', 'admin')).toEqual([])
  })
})
