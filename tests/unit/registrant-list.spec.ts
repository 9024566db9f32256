import { describe, expect, it } from 'vitest'

import { RegistrantQueryError, filtersByStatus, parseRegistrantFilter, parseRegistrantSort, registrantColumns } from '@/events/registrantList'

const columns = registrantColumns([
  { key: 'dietary', label: 'Dietary needs', kind: 'choice', choices: ['vegetarian', 'meat'] },
  { key: 'hours', label: 'Hours flown', kind: 'number' },
  { key: 'arrival', label: 'Arrival day', kind: 'date' },
  { key: 'parking', label: 'Needs parking', kind: 'yes_no' },
  { key: 'bad"key', label: 'Unsafe key', kind: 'text' },
])

describe('the registrant list filter', () => {
  it('has a column per question with a key safe in a JSON path', () => {
    expect(columns.filter((c) => c.question).map((c) => c.key)).toEqual(['answers.dietary', 'answers.hours', 'answers.arrival', 'answers.parking'])
  })

  it('types each value by its column', () => {
    const conditions = parseRegistrantFilter(columns, {
      'answers.hours': { greater_than_equal: '50', less_than_equal: 200 },
      'answers.parking': { equals: 'yes' },
      'answers.dietary': { in: 'vegetarian,meat' },
      'answers.arrival': { equals: '2027-06-14' },
    })
    expect(conditions.map(({ column, operator, value }) => [column.key, operator, value])).toEqual([
      ['answers.hours', 'greater_than_equal', 50],
      ['answers.hours', 'less_than_equal', 200],
      ['answers.parking', 'equals', true],
      ['answers.dietary', 'in', ['vegetarian', 'meat']],
      ['answers.arrival', 'equals', '2027-06-14'],
    ])
    expect(filtersByStatus(conditions)).toBe(false)
    expect(filtersByStatus(parseRegistrantFilter(columns, { registrationStatus: { equals: 'expired' } }))).toBe(true)
  })

  it('refuses what the column cannot take, saying why', () => {
    const refused = (filter: unknown) => () => parseRegistrantFilter(columns, filter)
    expect(refused({ 'answers.hours': { contains: '1' } })).toThrow(/Hours flown: filter with equals/)
    expect(refused({ 'answers.hours': { equals: '1e3' } })).toThrow(RegistrantQueryError)
    expect(refused({ 'answers.arrival': { equals: '2027-02-30' } })).toThrow(/year-month-day/)
    expect(refused({ 'answers.dietary': { equals: 'pizza' } })).toThrow(/one of vegetarian, meat/)
    expect(refused({ 'answers.bad"key': { equals: 'x' } })).toThrow(/no column/)
    expect(refused(['x'])).toThrow(RegistrantQueryError)
    expect(() => parseRegistrantSort(columns, ['name'])).toThrow(RegistrantQueryError)
    expect(parseRegistrantSort(columns, '-answers.hours')).toMatchObject({ column: { key: 'answers.hours' }, descending: true })
  })
})
