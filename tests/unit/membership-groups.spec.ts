import { describe, expect, it } from 'vitest'

import { HOUSEHOLD_LIMIT, checkGroupAddition, checkGroupList, groupCapacity, normaliseEmail } from '@/membership/groups'
import { isDiscountPercent, priceFor, priceLabel } from '@/membership/pricing'

const family = { name: 'Family', kind: 'household', fee: 3000, currency: 'GBP' }
const syndicate = { name: 'Aircraft Owners', kind: 'organisation', seats: 2, fee: 2500, currency: 'GBP' }
const personal = { name: 'Personal', kind: 'individual', fee: 500, currency: 'GBP' }

describe('membership prices', () => {
  it('the first member of a household pays the full fee; later members get the discount', () => {
    expect(priceFor(family, { joinsHousehold: false, discountPercent: 50 })).toEqual({
      amount: 3000, currency: 'GBP', listAmount: 3000, discountAmount: 0, discountReason: null,
    })
    expect(priceFor(family, { joinsHousehold: true, discountPercent: 50 })).toEqual({
      amount: 1500, currency: 'GBP', listAmount: 3000, discountAmount: 1500, discountReason: 'Household discount (50%)',
    })
  })

  it('rounds the discount to the nearest penny and never goes below zero', () => {
    expect(priceFor({ ...family, fee: 999 }, { joinsHousehold: true, discountPercent: 33 }).amount).toBe(669) // 329.67 off → 330
    expect(priceFor({ ...family, fee: 1 }, { joinsHousehold: true, discountPercent: 50 }).amount).toBe(0) // 0.5 rounds up
    expect(priceFor(family, { joinsHousehold: true, discountPercent: 100 }).amount).toBe(0)
  })

  it('gives no household discount to other kinds of tier, or with no or a nonsense percentage', () => {
    expect(priceFor(personal, { joinsHousehold: true, discountPercent: 50 }).discountAmount).toBe(0)
    expect(priceFor(syndicate, { joinsHousehold: true, discountPercent: 50 }).discountAmount).toBe(0)
    for (const percent of [0, null, undefined, -10, 150, Number.NaN]) {
      expect(priceFor(family, { joinsHousehold: true, discountPercent: percent }).amount).toBe(3000)
    }
    expect(isDiscountPercent(12.5)).toBe(true)
    expect(isDiscountPercent('50')).toBe(false)
  })

  it('labels a discounted price with what it was', () => {
    expect(priceLabel(priceFor(family, { joinsHousehold: true, discountPercent: 25 }))).toBe('£22.50 (£30.00 less household discount (25%))')
    expect(priceLabel(priceFor(personal, { joinsHousehold: false, discountPercent: 25 }))).toBe('£5.00')
  })
})

describe('seat holders and household members', () => {
  const add = (overrides: Partial<Parameters<typeof checkGroupAddition>[0]>) =>
    checkGroupAddition({ tier: syndicate, status: 'active', listed: [], ownerEmail: 'contact@example.org', email: 'pilot@example.org', ...overrides })

  it('normalises emails and rejects what is not one', () => {
    expect(normaliseEmail('  Pilot@Example.ORG ')).toBe('pilot@example.org')
    for (const bad of ['pilot', 'pilot@', '@example.org', 'pi lot@example.org', 'pilot@example', 'a@b..c', 42, null]) {
      expect(normaliseEmail(bad), String(bad)).toBeNull()
    }
  })

  it('an organisation has its tier’s seats; a household a fixed limit; an individual none', () => {
    expect(groupCapacity(syndicate)).toBe(2)
    expect(groupCapacity(family)).toBe(HOUSEHOLD_LIMIT)
    expect(groupCapacity(personal)).toBe(0)
  })

  it('adds a new person while there is room', () => {
    expect(add({ email: 'Pilot@Example.org' })).toEqual({ ok: true, email: 'pilot@example.org' })
    expect(add({ status: 'awaiting_payment' }).ok).toBe(true)
    expect(add({ status: 'lapsed' }).ok).toBe(true)
  })

  it('refuses: no room, duplicates, the contact, bad emails, closed memberships, individual tiers', () => {
    expect(add({ listed: ['a@example.org', 'b@example.org'] })).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/All 2 seats are taken/) })
    expect(add({ listed: ['pilot@example.org'], email: 'PILOT@example.org' })).toMatchObject({ ok: false, status: 409 })
    expect(add({ email: 'Contact@example.org' })).toMatchObject({ ok: false, status: 400 })
    expect(add({ email: 'nope' })).toMatchObject({ ok: false, status: 400 })
    expect(add({ status: 'cancelled' })).toMatchObject({ ok: false, status: 409 })
    expect(add({ status: 'rejected' })).toMatchObject({ ok: false, status: 409 })
    expect(add({ tier: personal })).toMatchObject({ ok: false, status: 409 })
    const full = Array.from({ length: HOUSEHOLD_LIMIT }, (_, i) => `p${i}@example.org`)
    expect(add({ tier: family, listed: full })).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/at most 10/) })
  })

  it('checks a whole list as an admin saves it', () => {
    expect(checkGroupList(syndicate, ['a@example.org', 'B@example.org'])).toBeNull()
    expect(checkGroupList(syndicate, ['a@example.org', 'b@example.org', 'c@example.org'])).toMatch(/2 seats/)
    expect(checkGroupList(syndicate, ['a@example.org', 'A@example.org'])).toMatch(/once/)
    expect(checkGroupList(syndicate, ['a@example.org', 'junk'])).toMatch(/"junk" is not an email/)
    expect(checkGroupList(syndicate, ['contact@example.org'], 'Contact@example.org')).toMatch(/own contact/)
    expect(checkGroupList(personal, ['a@example.org'])).toMatch(/for one person/)
    expect(checkGroupList(personal, [])).toBeNull()
  })
})
