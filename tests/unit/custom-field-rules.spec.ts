import { describe, expect, it } from 'vitest'

import type { CustomFieldDefinition, ValueActor } from '@/members/customFieldRules'
import { applyValueChanges, checkValue, keyFromLabel, keyProblem, queryValueFor } from '@/members/customFieldRules'

const field = (key: string, type: CustomFieldDefinition['type'], extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition => ({
  id: key,
  key,
  label: key,
  type,
  visibleTo: 'members',
  editableBy: 'members',
  ...extra,
})
const definitions = [
  field('nickname', 'text', { required: true }),
  field('planes', 'number'),
  field('pass', 'text', { editableBy: 'staff' }),
  field('health', 'textarea', { visibleTo: 'staff', editableBy: 'staff', required: true }),
  field('gone', 'text', { archived: true }),
]
const member: ValueActor = { system: false, self: true, staffRead: false, staffEdit: false }
const secretary: ValueActor = { system: false, self: false, staffRead: true, staffEdit: true }

describe('custom member field values', () => {
  it('checks each type', () => {
    expect(checkValue(field('d', 'date'), '2024-02-29')).toEqual({ ok: true, value: '2024-02-29' })
    expect(checkValue(field('d', 'date'), '2023-02-29').ok).toBe(false)
    expect(checkValue(field('n', 'number'), 1.5)).toEqual({ ok: true, value: 1.5 })
    expect(checkValue(field('n', 'number'), '1.5').ok).toBe(false)
    expect(checkValue(field('c', 'choice', { options: [{ label: 'A', value: 'a' }] }), 'b').ok).toBe(false)
    expect(checkValue(field('b', 'checkbox'), 'true').ok).toBe(false)
    expect(checkValue(field('t', 'text'), '  hi  ')).toEqual({ ok: true, value: 'hi' })
  })

  it('a member changes what they fill in, keeps what they did not send, and may send back a staff value unchanged', () => {
    const result = applyValueChanges({ definitions, previous: { nickname: 'Al', planes: 1, pass: 'P1', health: 'x' }, incoming: { planes: 2, pass: 'P1' }, actor: member, requireFilled: true })
    expect(result).toEqual({ outcome: 'ok', values: { nickname: 'Al', planes: 2, pass: 'P1', health: 'x' }, changed: ['planes'] })
  })

  it('refuses a staff-only key exactly as an unknown one, and a new value for a staff-filled field with 403', () => {
    const hidden = applyValueChanges({ definitions, previous: { nickname: 'Al' }, incoming: { health: 'y' }, actor: member, requireFilled: false })
    const unknown = applyValueChanges({ definitions, previous: { nickname: 'Al' }, incoming: { nope: 'y' }, actor: member, requireFilled: false })
    expect(hidden.outcome).toBe('invalid')
    expect(JSON.stringify(hidden).replaceAll('health', 'nope')).toBe(JSON.stringify(unknown))
    expect(applyValueChanges({ definitions, previous: {}, incoming: { pass: 'P2' }, actor: member, requireFilled: false }).outcome).toBe('forbidden')
    expect(applyValueChanges({ definitions, previous: {}, incoming: { gone: 'x' }, actor: secretary, requireFilled: false }).outcome).toBe('forbidden')
  })

  it('requires what the saver fills in: the member their own fields, the staff the staff-only ones', () => {
    const byMember = applyValueChanges({ definitions, previous: {}, incoming: { planes: 1 }, actor: member, requireFilled: true })
    expect(byMember).toEqual({ outcome: 'invalid', problems: [{ path: 'customFields.nickname', message: 'nickname is required.' }] })
    const byStaff = applyValueChanges({ definitions, previous: {}, incoming: { planes: 1 }, actor: secretary, requireFilled: true })
    expect(byStaff).toEqual({ outcome: 'invalid', problems: [{ path: 'customFields.health', message: 'health is required.' }] })
  })

  it('types filter values as the stored values are typed', () => {
    expect(queryValueFor(field('n', 'number'), 'equals', '42')).toBe(42)
    expect(queryValueFor(field('b', 'checkbox'), 'equals', 'false')).toBe(false)
    expect(queryValueFor(field('n', 'number'), 'in', '1,2')).toEqual([1, 2])
    expect(queryValueFor(field('t', 'text'), 'equals', '42')).toBe('42')
  })

  it('makes and checks keys', () => {
    expect(keyFromLabel('Pilot’s licence № (UK)')).toBe('pilot_s_licence_no_uk')
    expect(keyProblem('licence_number')).toBeNull()
    expect(keyProblem('a__b')).not.toBeNull()
    expect(keyProblem('Licence')).not.toBeNull()
  })
})
