import { describe, expect, it } from 'vitest'

import type { ConsentState } from '@/privacy/consents'
import { DEFAULT_PRIVACY_POLICY_VERSION, currentPolicyVersion, policyStatus } from '@/privacy/consents'

const state = (privacy: ConsentState['privacy_policy']): ConsentState => ({ privacy_policy: privacy, marketing: null, directory: null })
const accepted = (policyVersion: string, granted = true) => ({ granted, policyVersion, givenAt: '2026-01-01T00:00:00.000Z', source: 'sign-up' as const })

describe('privacy policy standing', () => {
  it('uses the default version until an admin sets one', () => {
    expect(currentPolicyVersion(null)).toBe(DEFAULT_PRIVACY_POLICY_VERSION)
    expect(currentPolicyVersion({ privacyPolicyVersion: '  ' })).toBe(DEFAULT_PRIVACY_POLICY_VERSION)
    expect(currentPolicyVersion({ privacyPolicyVersion: ' 2026-03 ' })).toBe('2026-03')
  })

  it('is accepted for the current version, outdated for an earlier one, never without an acceptance', () => {
    expect(policyStatus(state(accepted('2')), '2')).toBe('accepted')
    expect(policyStatus(state(accepted('1')), '2')).toBe('outdated')
    expect(policyStatus(state(null), '2')).toBe('never')
    expect(policyStatus(state(accepted('2', false)), '2')).toBe('never')
  })
})
