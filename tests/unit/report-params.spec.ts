import { describe, expect, it } from 'vitest'

import { monthsOf, parseReportQuery } from '@/reports/params'

const now = new Date('2026-12-06T09:30:00.000Z')
const parse = (query: string) => parseReportQuery(new URLSearchParams(query), now)

describe('the query of a report', () => {
  it('covers the last twelve calendar months to today when no range is given', () => {
    const parsed = parse('')
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.query).toMatchObject({ fromDay: '2026-01-01', toDay: '2026-12-06', days: 30, format: 'json', tier: null, at: null, limit: 50, page: 1 })
    expect(parsed.query.until.toISOString()).toBe('2026-12-07T00:00:00.000Z')
    expect(monthsOf(parsed.query)).toHaveLength(12)
  })

  it('takes "to" as a whole day, and a moment as it is', () => {
    const day = parse('from=2023-01-01&to=2023-12-31')
    const moment = parse('from=2023-01-01T00:00:00Z&to=2023-03-15T12:00:00Z')
    if (!day.ok || !moment.ok) throw new Error('refused')
    expect(day.query.until.toISOString()).toBe('2024-01-01T00:00:00.000Z')
    expect(monthsOf(day.query)).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'])
    expect(monthsOf(moment.query)).toEqual(['2023-01', '2023-02', '2023-03'])
  })

  it('counts members at the end of a past day, and now for today or later', () => {
    const past = parse('at=2023-03-31')
    const future = parse('at=2027-01-01')
    if (!past.ok || !future.ok) throw new Error('refused')
    expect(past.query.at?.toISOString()).toBe('2023-04-01T00:00:00.000Z')
    expect(future.query.at).toBeNull()
  })

  it.each([
    ['from=31/12/2023', /"from" is not a date/],
    ['to=2023-02-29', /"to" is not a date/],
    ['at=soon', /"at" is not a date/],
    ['from=2024-01-02&to=2024-01-01', /"from" must be before "to"/],
    ['tier=-1', /"tier" is the id/],
    ['days=367', /"days" is a whole number from 1 to 366/],
    ['limit=101', /"limit" is a whole number from 1 to 100/],
    ['page=0', /"page" is a whole number/],
    ['format=pdf', /"format" is json or csv/],
  ])('refuses %s', (query, message) => {
    const parsed = parse(query)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toMatch(message)
  })
})
