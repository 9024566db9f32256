import { describe, expect, it } from 'vitest'

import type { InquiryCause, InquiryStatus } from '@/inquiries/lifecycle'
import {
  INQUIRY_CAUSES,
  INQUIRY_STATUSES,
  checkInquiryTransition,
  followUpAfter,
  isOverdue,
  nextInquiryStatuses,
  statusAfterAssignment,
  statusAfterVisitorMessage,
} from '@/inquiries/lifecycle'

/** SPEC §14, written out by hand: every allowed transition and what may cause it. */
const ALLOWED: Record<string, InquiryCause[]> = {
  'new→assigned': ['assign'],
  'new→awaiting_reply': ['staff'],
  'new→responded': ['reply'],
  'new→converted': ['convert'],
  'new→closed_no_response': ['staff'],
  'new→spam': ['staff'],
  'assigned→awaiting_reply': ['staff'],
  'assigned→responded': ['reply'],
  'assigned→converted': ['convert'],
  'assigned→closed_no_response': ['staff'],
  'assigned→spam': ['staff'],
  'awaiting_reply→responded': ['reply'],
  'awaiting_reply→converted': ['convert'],
  'awaiting_reply→closed_no_response': ['staff'],
  'awaiting_reply→spam': ['staff'],
  'responded→awaiting_reply': ['visitor', 'staff'],
  'responded→converted': ['convert'],
  'responded→closed_no_response': ['staff'],
  'responded→spam': ['staff'],
  'closed_no_response→awaiting_reply': ['visitor', 'staff'],
  'spam→new': ['staff'],
}

describe('inquiry status flow', () => {
  for (const from of INQUIRY_STATUSES) {
    for (const to of INQUIRY_STATUSES) {
      const allowed = ALLOWED[`${from}→${to}`] ?? []
      for (const cause of INQUIRY_CAUSES) {
        const expected = allowed.includes(cause)
        it(`${from} → ${to} by ${cause}: ${expected ? 'allowed' : 'refused'}`, () => {
          const check = checkInquiryTransition({ from, to, cause, reason: 'because' })
          expect(check.ok).toBe(expected)
          if (!check.ok) expect(check.message).toMatch(/inquiry/i)
        })
      }
    }
  }

  it('converted is final', () => {
    for (const cause of INQUIRY_CAUSES) expect(nextInquiryStatuses('converted', cause)).toEqual([])
  })

  it('closing or marking spam by hand needs a reason', () => {
    expect(checkInquiryTransition({ from: 'assigned', to: 'spam', cause: 'staff' })).toMatchObject({ ok: false, code: 'reason_required' })
    expect(checkInquiryTransition({ from: 'responded', to: 'closed_no_response', cause: 'staff', reason: '  ' })).toMatchObject({ ok: false, code: 'reason_required' })
    expect(checkInquiryTransition({ from: 'responded', to: 'closed_no_response', cause: 'staff', reason: 'No answer in 3 weeks' }).ok).toBe(true)
  })

  it('refuses unknown statuses by name', () => {
    const check = checkInquiryTransition({ from: 'new', to: 'archived' as InquiryStatus, cause: 'staff' })
    expect(check).toMatchObject({ ok: false, code: 'unknown_status' })
  })

  it('an assignment moves a new inquiry to assigned and leaves a reassigned one where it is', () => {
    expect(statusAfterAssignment('new')).toBe('assigned')
    expect(statusAfterAssignment('assigned')).toBe('assigned')
    expect(statusAfterAssignment('responded')).toBe('responded')
    expect(statusAfterAssignment('converted')).toBeNull()
    expect(statusAfterAssignment('spam')).toBeNull()
  })

  it('the visitor writing again puts an answered or closed inquiry back in our court', () => {
    expect(statusAfterVisitorMessage('responded')).toBe('awaiting_reply')
    expect(statusAfterVisitorMessage('closed_no_response')).toBe('awaiting_reply')
    expect(statusAfterVisitorMessage('assigned')).toBe('assigned')
  })
})

describe('follow-up dates', () => {
  const now = new Date('2026-12-01T10:00:00Z')

  it('a wait starts the clock; a continuing wait keeps it; an answer stops it', () => {
    const started = followUpAfter({ from: null, to: 'new', followUpDue: null, followUpReminderSentAt: null }, now, 5)
    expect(started).toEqual({ followUpDue: '2026-12-06T10:00:00.000Z', followUpReminderSentAt: null })
    const later = new Date('2026-12-03T10:00:00Z')
    expect(followUpAfter({ from: 'new', to: 'assigned', ...started }, later, 5).followUpDue).toBe('2026-12-06T10:00:00.000Z')
    expect(followUpAfter({ from: 'assigned', to: 'responded', ...started }, later, 5).followUpDue).toBeNull()
  })

  it('a new wait after an answer starts a new clock and a new reminder', () => {
    const next = followUpAfter({ from: 'responded', to: 'awaiting_reply', followUpDue: null, followUpReminderSentAt: '2026-11-20T00:00:00Z' }, now, 3)
    expect(next).toEqual({ followUpDue: '2026-12-04T10:00:00.000Z', followUpReminderSentAt: null })
  })

  it('is overdue only while waiting for us past the date', () => {
    expect(isOverdue({ status: 'assigned', followUpDue: '2026-12-01T09:00:00Z' }, now)).toBe(true)
    expect(isOverdue({ status: 'assigned', followUpDue: '2026-12-01T11:00:00Z' }, now)).toBe(false)
    expect(isOverdue({ status: 'responded', followUpDue: '2026-11-01T00:00:00Z' }, now)).toBe(false)
  })
})
