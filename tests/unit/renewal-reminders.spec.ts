import { describe, expect, it } from 'vitest'

import type { MembershipStatus } from '@/membership/lifecycle'
import {
  DEFAULT_REMINDER_OFFSETS,
  LAST_STEP_CATCH_UP_DAYS,
  dueStepRanges,
  dueWindow,
  normaliseOffsets,
  planReminder,
  previewReminders,
  reminderWhen,
  stepKey,
} from '@/membership/reminders'

const schedule = { offsets: DEFAULT_REMINDER_OFFSETS, maxPerPeriod: 5 }
const END = '2027-03-31T00:00:00.000Z'
const on = (iso: string) => new Date(`${iso}T09:30:00.000Z`)
const plan = (today: string, sent: string[] = [], status: MembershipStatus = 'active', overrides = {}) =>
  planReminder({ status, periodEnd: END, today: on(today), schedule: { ...schedule, ...overrides }, sent })

describe('renewal reminder planning', () => {
  it('sends each step on its day: 30, 14 and 7 days before, on the day, 7 days after', () => {
    expect(plan('2027-03-01')).toMatchObject({ step: 'before-30', offset: -30 })
    expect(plan('2027-03-17', ['before-30'])).toMatchObject({ step: 'before-14' })
    expect(plan('2027-03-24', ['before-30', 'before-14'])).toMatchObject({ step: 'before-7' })
    expect(plan('2027-03-31', ['before-30', 'before-14', 'before-7'], 'active')).toMatchObject({ step: 'on-the-day' })
    expect(plan('2027-04-07', ['before-30', 'before-14', 'before-7', 'on-the-day'], 'grace')).toMatchObject({ step: 'after-7' })
  })

  it('sends nothing before the first step, and nothing twice for a step', () => {
    expect(plan('2027-02-28')).toBeNull()
    expect(plan('2027-03-01', ['before-30'])).toBeNull()
    expect(plan('2027-03-16', ['before-30'])).toBeNull() // between steps
  })

  it('a missed run catches up with the latest due step only', () => {
    // nothing ran from 1 March to 25 March: the 7-day reminder goes, the 30- and 14-day ones never will
    expect(plan('2027-03-25')).toMatchObject({ step: 'before-7', dueOn: new Date('2027-03-24T00:00:00.000Z') })
    expect(plan('2027-03-26', ['before-7'])).toBeNull()
  })

  it('gives nothing to renewed, cancelled, lapsed, new or unpaid memberships', () => {
    // renewed: the period end moved a year on, so no step is due
    expect(planReminder({ status: 'active', periodEnd: '2028-03-31T00:00:00.000Z', today: on('2027-03-25'), schedule, sent: [] })).toBeNull()
    for (const status of ['cancelled', 'lapsed', 'applied', 'awaiting_payment', 'rejected', 'approved'] as MembershipStatus[]) {
      expect(plan('2027-03-25', [], status), status).toBeNull()
    }
    expect(planReminder({ status: 'active', periodEnd: null, today: on('2027-03-25'), schedule, sent: [] })).toBeNull()
  })

  it('stops at the per-period maximum', () => {
    expect(plan('2027-03-24', ['before-30', 'before-14'], 'active', { maxPerPeriod: 2 })).toBeNull()
    expect(plan('2027-03-24', ['before-30'], 'active', { maxPerPeriod: 2 })).toMatchObject({ step: 'before-7' })
    expect(plan('2027-03-01', [], 'active', { maxPerPeriod: 0 })).toBeNull()
  })

  it('does not catch up the last step for ever: lapsed past it, the member gets nothing', () => {
    expect(plan(`2027-04-${7 + LAST_STEP_CATCH_UP_DAYS}`, [], 'grace')).toMatchObject({ step: 'after-7' })
    expect(plan(`2027-04-${8 + LAST_STEP_CATCH_UP_DAYS}`, [], 'grace')).toBeNull()
  })

  it('follows the offsets from settings, whatever their order, ignoring junk', () => {
    expect(normaliseOffsets([7, -30, 0, -30, 1.5, 'x', 1000])).toEqual([-30, 0, 7])
    expect(plan('2027-03-21', [], 'active', { offsets: [-10, 3] })).toMatchObject({ step: 'before-10' })
    expect(plan('2027-03-21', [], 'active', { offsets: [] })).toBeNull()
  })

  it('names steps and the time left in words', () => {
    expect([-30, 0, 7].map(stepKey)).toEqual(['before-30', 'on-the-day', 'after-7'])
    expect(reminderWhen(END, on('2027-03-01'))).toBe('in 30 days')
    expect(reminderWhen(END, on('2027-03-30'))).toBe('tomorrow')
    expect(reminderWhen(END, on('2027-03-31'))).toBe('today')
    expect(reminderWhen(END, on('2027-04-07'))).toBe('7 days ago')
  })

  it('the database window contains every period end that can have a step due', () => {
    const today = on('2027-03-25')
    const { from, to } = dueWindow(today, schedule)
    expect(from.toISOString()).toBe('2027-03-04T00:00:00.000Z') // 7 + 14 days back
    expect(to.toISOString()).toBe('2027-04-25T00:00:00.000Z') // up to 30 days ahead (exclusive bound)
    for (let d = -60; d <= 60; d += 1) {
      const end = new Date(Date.UTC(2027, 2, 25 + d))
      const due = planReminder({ status: 'grace', periodEnd: end, today, schedule, sent: [] })
      if (due) expect(end >= from && end < to, end.toISOString()).toBe(true)
    }
  })
})

describe('the daily run\'s selection', () => {
  it('puts each period end in the range of exactly the step planReminder would send', () => {
    const schedules = [schedule, { offsets: [-10, 3], maxPerPeriod: 5 }, { offsets: [0], maxPerPeriod: 5 }, { offsets: [14, -60, -1], maxPerPeriod: 5 }]
    for (const s of schedules) {
      const today = on('2027-03-25')
      const ranges = dueStepRanges(today, s)
      for (let hours = -120 * 24; hours <= 120 * 24; hours += 5) {
        const end = new Date(Date.UTC(2027, 2, 25) + hours * 3_600_000)
        const planned = planReminder({ status: 'active', periodEnd: end, today, schedule: s, sent: [] })
        const matching = ranges.filter((range) => end >= range.from && end < range.to)
        expect(matching.map((range) => range.step), `${s.offsets.join()} ${end.toISOString()}`).toEqual(planned ? [planned.step] : [])
      }
    }
    expect(dueStepRanges(on('2027-03-25'), { offsets: [], maxPerPeriod: 5 })).toEqual([])
  })
})

describe('reminder preview', () => {
  it('lists who gets which reminder on which day, counting the earlier days of the preview', () => {
    const entries = previewReminders(
      [
        { id: 1, status: 'active', periodEnd: END, sent: [] },
        { id: 2, status: 'active', periodEnd: '2027-04-10T00:00:00.000Z', sent: ['before-30'] },
        { id: 3, status: 'cancelled', periodEnd: END, sent: [] },
      ],
      on('2027-03-20'),
      8,
      schedule,
    )
    expect(entries.map((e) => [e.on.toISOString().slice(0, 10), e.membership, e.step])).toEqual([
      ['2027-03-20', 1, 'before-14'], // caught up: the 30-day one was missed
      ['2027-03-24', 1, 'before-7'],
      ['2027-03-27', 2, 'before-14'],
    ])
  })
})
