/**
 * The pure parts of a member import (src/members/import): reading the CSV, suggesting a mapping,
 * checking a row. The database side is in tests/int/member-import.int.spec.ts.
 */
import { describe, expect, it } from 'vitest'

import { detectDelimiter, outlineCsv, readCsv } from '@/members/import/csv'
import { BUILT_IN_FIELDS, mappingProblems, suggestMapping } from '@/members/import/fields'
import type { RowContext } from '@/members/import/rows'
import { checkRow, parseDay, splitName } from '@/members/import/rows'

const tiers = [{ id: 1, name: 'Personal', currency: 'GBP', kind: 'individual', period: 'rolling' }]
const context = (headers: string[], mapping: (string | null)[], overrides: Partial<RowContext> = {}): RowContext => ({
  mode: 'create',
  headers,
  mapping,
  tiers,
  definitions: [],
  country: 'GB',
  dateOrder: 'dmy',
  now: new Date('2026-06-01T12:00:00Z'),
  ...overrides,
})

describe('reading the file', () => {
  it('takes the delimiter the header line uses most, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,2;3;4')).toBe(';')
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',')
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t')
    expect(detectDelimiter('email\n')).toBe(',')
  })

  it('reports an unreadable row with its line and goes on', async () => {
    const records = []
    for await (const record of readCsv('Email,Name\nok@example.org,"Ok"\nbad@example.org,Bad "quote\nnext@example.org,Next\n')) records.push(record)
    expect(records).toEqual([
      { line: 1, cells: ['Email', 'Name'] },
      { line: 2, cells: ['ok@example.org', 'Ok'] },
      { line: 3, error: expect.stringMatching(/a quote \(”|"\) in the middle of a value|quote/) },
      { line: 4, cells: ['next@example.org', 'Next'] },
    ])
  })

  it('refuses an empty file; blank lines before the column names are skipped', async () => {
    await expect(outlineCsv('')).rejects.toThrow(/empty/)
    expect(await outlineCsv('\n;;\nEmail;Name\nx@example.org;X\n')).toEqual({ delimiter: ';', headers: ['Email', 'Name'], rows: 1 })
  })
})

describe('mapping', () => {
  it('suggests fields from header names, each field once', () => {
    expect(suggestMapping(['E-mail', 'Surname', 'Forename', 'Email', 'Expiry date', 'Whatever'], BUILT_IN_FIELDS)).toEqual(['email', 'lastName', 'firstName', null, 'periodEnd', null])
  })

  it('names what a mapping lacks', () => {
    const fields = [...BUILT_IN_FIELDS]
    expect(mappingProblems(['firstName', 'status'], ['First', 'Status'], fields, 'create')).toEqual([
      'Map a column to Email: people are found by their email address.',
      'Map a column to Tier: status belong to a membership of a tier.',
    ])
    expect(mappingProblems(['email', 'email'], ['a', 'b'], fields, 'create')[0]).toMatch(/already mapped to column 1/)
  })
})

describe('a row', () => {
  const headers = ['Email', 'Name', 'Tier', 'Start', 'Paid', 'How']
  const mapping = ['email', 'name', 'tier', 'periodStart', 'amount', 'method']

  it('becomes a person, a membership with its period, and a payment', () => {
    const check = checkRow(7, ['Ada@Example.org ', 'Ada King Lovelace', 'personal', '05/01/2026', '£5', 'Cash'], context(headers, mapping))
    expect(check).toEqual({
      ok: true,
      row: {
        line: 7,
        email: 'ada@example.org',
        person: { firstName: 'Ada King', lastName: 'Lovelace' },
        marketingOptIn: undefined,
        membership: {
          tier: tiers[0],
          status: 'active',
          periodStart: '2026-01-05T00:00:00.000Z',
          periodEnd: '2027-01-05T00:00:00.000Z',
          membershipNumber: null,
          organisationName: null,
        },
        payment: { amount: 500, currency: 'GBP', method: 'cash', paidAt: '2026-01-05T00:00:00.000Z' },
      },
    })
  })

  it('gives every problem of a row, each naming its column', () => {
    const check = checkRow(9, ['nope', 'X', 'Gold', '2026-02-30', 'lots', 'barter'], context(headers, mapping))
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.errors).toEqual([
      'Email: “nope” is not an email address.',
      'Tier: there is no tier “Gold”; the tiers are Personal.',
    ])
    const dated = checkRow(9, ['a@example.org', 'A B', 'Personal', '2026-02-30', 'lots', 'barter'], context(headers, mapping))
    expect(dated.ok).toBe(false)
    if (dated.ok) return
    expect(dated.errors).toEqual([
      'Start: “2026-02-30” is not a date; write it as YYYY-MM-DD (e.g. 2026-03-31) or DD/MM/YYYY (e.g. 31/03/2026).',
      expect.stringMatching(/^Paid: “lots” is not an amount/),
      expect.stringMatching(/^How: “barter” is not a payment method/),
    ])
  })

  it('reads slashed dates in the order chosen, and splits names', () => {
    expect(parseDay('03/04/2026', 'dmy')).toBe('2026-04-03')
    expect(parseDay('03/04/2026', 'mdy')).toBe('2026-03-04')
    expect(parseDay('31/02/2026', 'dmy')).toBeNull()
    expect(parseDay('2026-4-3', 'dmy')).toBe('2026-04-03')
    expect(splitName('Lovelace, Ada')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' })
  })

  it('in a bulk update, membership columns are not read', () => {
    const check = checkRow(2, ['a@example.org', '07911 123456'], context(['Email', 'Phone'], ['email', 'phone'], { mode: 'update' }))
    expect(check).toMatchObject({ ok: true, row: { person: { phone: '+447911123456' }, membership: undefined, payment: undefined } })
  })
})
