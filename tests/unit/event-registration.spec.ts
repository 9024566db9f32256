import { describe, expect, it } from 'vitest'

import { checkAnswers, prefillAnswers } from '@/events/answers'
import type { EventQuestion } from '@/events/answers'
import { checkBankAccount } from '@/events/bankAccount'
import { ageOn, checkEligibility, hasEligibilityRules } from '@/events/eligibility'
import type { EligibilityContext, EligibilityRule } from '@/events/eligibility'
import { afterForm, needsPayment, nextRegistrationStatus, REGISTRATION_STATUSES } from '@/events/registrationStatus'
import type { RegistrationStatus, RegistrationTrigger } from '@/events/registrationStatus'
import { holdExpiresAt, holdIsLive, paymentReferenceFor, paymentsCloseAt } from '@/events/reservations'

describe('registration state machine', () => {
  // every (state, trigger) pair: the allowed ones and where they lead; everything else is refused
  const allowed: Record<RegistrationTrigger, Partial<Record<RegistrationStatus, RegistrationStatus>>> = {
    complete_form: { new: 'form_completed' },
    require_payment: { form_completed: 'payment_pending' },
    confirm_free: { form_completed: 'registered' },
    payment_succeeded: { payment_pending: 'registered', expired: 'registered', registered_without_payment: 'registered' },
    mark_paid: { payment_pending: 'registered_without_payment', expired: 'registered_without_payment' },
    exempt: { form_completed: 'registered_without_payment', payment_pending: 'registered_without_payment', expired: 'registered_without_payment' },
    expire: { payment_pending: 'expired' },
    cancel: { new: 'cancelled', form_completed: 'cancelled', payment_pending: 'cancelled', registered: 'cancelled', registered_without_payment: 'cancelled' },
    register_again: { cancelled: 'form_completed', expired: 'form_completed' },
  }
  for (const [trigger, moves] of Object.entries(allowed) as Array<[RegistrationTrigger, Partial<Record<RegistrationStatus, RegistrationStatus>>]>) {
    for (const from of REGISTRATION_STATUSES) {
      const to = moves[from]
      it(`${trigger} from ${from}: ${to ?? 'refused'}`, () => {
        const step = nextRegistrationStatus(from, trigger)
        if (to) expect(step).toEqual({ ok: true, to })
        else {
          expect(step.ok).toBe(false)
          if (!step.ok) expect(step.message).toMatch(/cannot become/)
        }
      })
    }
  }
  it('an unknown trigger is refused, not thrown', () => {
    expect(nextRegistrationStatus('new', 'fly' as RegistrationTrigger)).toEqual({ ok: false, message: 'Unknown registration change: fly.' })
  })
  it('after the form: paid methods wait for payment; free, pay on the day and a zero price do not', () => {
    expect(afterForm('online', 1500)).toBe('require_payment')
    expect(afterForm('bank_transfer', 1500)).toBe('require_payment')
    expect(afterForm('manual', 1500)).toBe('require_payment')
    expect(afterForm('on_the_day', 1500)).toBe('confirm_free')
    expect(afterForm('free', 1500)).toBe('confirm_free')
    expect(afterForm('online', 0)).toBe('confirm_free')
    expect(needsPayment(null, 1000)).toBe(false)
  })
})

describe('reservations', () => {
  const startsAt = '2027-06-20T10:00:00Z'
  it('a place is held for the hold days', () => {
    expect(holdExpiresAt({ startsAt, holdDays: 3 }, new Date('2027-06-01T12:00:00Z')).toISOString()).toBe('2027-06-04T12:00:00.000Z')
  })
  it('never beyond registration closing plus the payment grace days', () => {
    const terms = { startsAt, registrationClosesAt: '2027-06-10T00:00:00Z', holdDays: 7, paymentGraceDays: 2 }
    expect(paymentsCloseAt(terms).toISOString()).toBe('2027-06-12T00:00:00.000Z')
    expect(holdExpiresAt(terms, new Date('2027-06-09T00:00:00Z')).toISOString()).toBe('2027-06-12T00:00:00.000Z')
    expect(holdExpiresAt(terms, new Date('2027-06-01T00:00:00Z')).toISOString()).toBe('2027-06-08T00:00:00.000Z')
  })
  it('nor after the event starts; no hold days: until payments close', () => {
    expect(paymentsCloseAt({ startsAt, registrationClosesAt: '2027-06-19T00:00:00Z', paymentGraceDays: 5 }).toISOString()).toBe('2027-06-20T10:00:00.000Z')
    expect(holdExpiresAt({ startsAt }, new Date('2027-06-01T00:00:00Z')).toISOString()).toBe('2027-06-20T10:00:00.000Z')
  })
  it('a hold is live until its moment', () => {
    expect(holdIsLive('2027-06-04T12:00:00Z', new Date('2027-06-04T11:59:59Z'))).toBe(true)
    expect(holdIsLive('2027-06-04T12:00:00Z', new Date('2027-06-04T12:00:00Z'))).toBe(false)
    expect(holdIsLive(null, new Date())).toBe(true)
  })
  it('payment references are unique per registration and carry check letters', () => {
    expect(paymentReferenceFor(12, 345)).toMatch(/^EV12-345-[A-Z]{2}$/)
    expect(paymentReferenceFor(12, 345)).toBe(paymentReferenceFor(12, 345))
    expect(paymentReferenceFor(12, 345)).not.toBe(paymentReferenceFor(123, 45))
  })
})

describe('bank account', () => {
  it('accepts a valid IBAN in any spacing and a UK sort code and account', () => {
    expect(checkBankAccount('gb29 nwbk 6016 1331 9268 19')).toEqual({ ok: true, account: 'GB29NWBK60161331926819', display: 'GB29 NWBK 6016 1331 9268 19' })
    expect(checkBankAccount('PL61 1090 1014 0000 0712 1981 2874')).toMatchObject({ ok: true, account: 'PL61109010140000071219812874' })
    expect(checkBankAccount('20-00-00 12345678')).toMatchObject({ ok: true, account: '20-00-00 12345678' })
  })
  it('refuses a mistyped IBAN, saying why', () => {
    const check = checkBankAccount('GB28 NWBK 6016 1331 9268 19')
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.message).toMatch(/check digits do not match/)
    expect(checkBankAccount('GB29 NWBK 6016 1331 9268').ok).toBe(false)
    expect(checkBankAccount('').ok).toBe(false)
    expect(checkBankAccount(42).ok).toBe(false)
  })
})

describe('eligibility', () => {
  const event = (eligibility: EligibilityContext['event']['eligibility']): EligibilityContext['event'] => ({ startsAt: '2027-06-20T10:00:00Z', eligibility })
  const nobody = { memberships: [], certificates: [] }
  it('age is counted on the event date', () => {
    expect(ageOn('2009-06-20', new Date('2027-06-20T10:00:00Z'))).toBe(18)
    expect(ageOn('2009-06-21', new Date('2027-06-20T10:00:00Z'))).toBe(17)
    expect(checkEligibility({ event: event({ minAge: 18 }), registrant: { ...nobody, dateOfBirth: '2009-06-20' } })).toEqual({ ok: true })
    expect(checkEligibility({ event: event({ minAge: 18 }), registrant: { ...nobody, dateOfBirth: '2009-06-21' } })).toEqual({
      ok: false,
      reasons: ['You must be at least 18 on the day of the event (you will be 17).'],
    })
    expect(checkEligibility({ event: event({ maxAge: 25 }), registrant: { ...nobody, dateOfBirth: '2001-01-01' } }).ok).toBe(false)
    expect(checkEligibility({ event: event({ maxAge: 26 }), registrant: { ...nobody, dateOfBirth: '2001-01-01' } }).ok).toBe(true)
  })
  it('an age limit without a date of birth asks for one', () => {
    expect(checkEligibility({ event: event({ minAge: 16 }), registrant: nobody })).toEqual({ ok: false, reasons: ['This event has an age limit: add your date of birth to your profile first.'] })
  })
  it('tiers: a current membership of one of them', () => {
    const names = { tiers: { 1: 'Personal', 2: 'Aircraft Owners' } }
    const rules = event({ tiers: [1, { id: 2 }] })
    expect(checkEligibility({ event: rules, registrant: { ...nobody, memberships: [{ tier: 2, status: 'grace' }] }, names }).ok).toBe(true)
    expect(checkEligibility({ event: rules, registrant: { ...nobody, memberships: [{ tier: 2, status: 'lapsed' }] }, names })).toEqual({
      ok: false,
      reasons: ['This event is for members of Personal or Aircraft Owners.'],
    })
    expect(checkEligibility({ event: rules, registrant: { ...nobody, memberships: [{ tier: 3, status: 'active' }] } }).ok).toBe(false)
  })
  it('membership status', () => {
    const rules = event({ membershipStatuses: ['active'] })
    expect(checkEligibility({ event: rules, registrant: { ...nobody, memberships: [{ tier: 1, status: 'active' }] } }).ok).toBe(true)
    expect(checkEligibility({ event: rules, registrant: { ...nobody, memberships: [{ tier: 1, status: 'grace' }] } })).toEqual({
      ok: false,
      reasons: ['This event needs a membership that is active.'],
    })
  })
  it('a certificate of the type valid on the event date', () => {
    const rules = event({ certificateType: { id: 7, name: 'First aid' } })
    const cert = (expiresOn: string | null, issuedOn = '2026-01-01') => ({ ...nobody, certificates: [{ type: 7, issuedOn, expiresOn }] })
    expect(checkEligibility({ event: rules, registrant: cert('2027-06-20') }).ok).toBe(true)
    expect(checkEligibility({ event: rules, registrant: cert(null) }).ok).toBe(true)
    expect(checkEligibility({ event: rules, registrant: cert('2027-06-19') })).toEqual({ ok: false, reasons: ['You need a First aid certificate valid on the day of the event.'] })
    expect(checkEligibility({ event: rules, registrant: cert(null, '2027-07-01') }).ok).toBe(false)
    expect(checkEligibility({ event: rules, registrant: { ...nobody, certificates: [{ type: 8, expiresOn: null }] } }).ok).toBe(false)
  })
  it('every failed rule is a reason; no rules pass everyone', () => {
    const result = checkEligibility({ event: event({ minAge: 18, membershipStatuses: ['active'], certificateType: 7 }), registrant: { ...nobody, dateOfBirth: '2015-01-01' } })
    expect(result.ok ? [] : result.reasons).toHaveLength(3)
    expect(checkEligibility({ event: event(null), registrant: nobody })).toEqual({ ok: true })
    expect(hasEligibilityRules(null)).toBe(false)
    expect(hasEligibilityRules({ tiers: [] })).toBe(false)
    expect(hasEligibilityRules({ minAge: 0 })).toBe(true)
  })
  it("a deployment's own rule runs after the built-in ones", () => {
    const pilotsOnly: EligibilityRule = ({ registrant }) => (registrant.certificates.length > 0 ? null : 'Pilots only.')
    expect(checkEligibility({ event: event(null), registrant: nobody }, [pilotsOnly])).toEqual({ ok: false, reasons: ['Pilots only.'] })
    expect(checkEligibility({ event: event(null), registrant: { ...nobody, certificates: [{ type: 1 }] } }, [pilotsOnly])).toEqual({ ok: true })
  })
})

describe('registration form', () => {
  const questions: EventQuestion[] = [
    { key: 'dietary', label: 'Dietary needs', kind: 'text' },
    { key: 'aircraft', label: 'Aircraft type', kind: 'choice', choices: ['C152', 'PA28'], required: true },
    { key: 'camping', label: 'Camping?', kind: 'yes_no' },
    { key: 'hours', label: 'Hours flown', kind: 'number' },
    { key: 'arrival', label: 'Arrival day', kind: 'date' },
  ]
  it('checks each kind and returns clean answers', () => {
    expect(checkAnswers(questions, { dietary: ' none ', aircraft: 'PA28', camping: true, hours: '120.5', arrival: '2027-06-19' })).toEqual({
      ok: true,
      answers: { dietary: 'none', aircraft: 'PA28', camping: true, hours: 120.5, arrival: '2027-06-19' },
    })
  })
  it.each([
    [{}, 'Please answer: Aircraft type'],
    [{ aircraft: 'B747' }, 'Aircraft type: choose one of C152, PA28.'],
    [{ aircraft: 'PA28', camping: 'yes' }, 'Camping?: answer yes or no (true or false).'],
    [{ aircraft: 'PA28', hours: 'lots' }, 'Hours flown: a number, e.g. 42.'],
    [{ aircraft: 'PA28', hours: Number.NaN }, 'Hours flown: a number, e.g. 42.'],
    [{ aircraft: 'PA28', arrival: '2027-02-30' }, 'Arrival day: a date written year-month-day, e.g. 2027-06-14.'],
    [{ aircraft: 'PA28', arrival: 20270619 }, 'Arrival day: a date written year-month-day, e.g. 2027-06-14.'],
    [{ aircraft: 'PA28', dietary: 'x'.repeat(1001) }, 'Dietary needs: a text answer of at most 1000 characters.'],
    [{ aircraft: 'PA28', shoe: 44 }, 'This event does not ask: shoe.'],
  ])('refuses %j', (given, message) => {
    expect(checkAnswers(questions, given)).toEqual({ ok: false, message })
  })
  it('prefills from the latest earlier answer of the same name, then the profile', () => {
    const earlier = [{ Dietary_Needs: 'vegan', hours: 150 }, { dietary: 'none', aircraft: 'C152', hours: 90 }]
    const profile = { phone: '0123', hours: 5, arrival: 'not a date' }
    expect(prefillAnswers([...questions, { key: 'phone', label: 'Phone', kind: 'text' }], earlier, profile)).toEqual({
      dietary: 'vegan',
      aircraft: 'C152',
      hours: 150,
      phone: '0123',
    })
    expect(prefillAnswers(questions, [{ aircraft: 'B747' }])).toEqual({})
  })
})

describe('registration price', () => {
  const event = { price: 1500, currency: 'GBP', memberPrices: [{ tier: 1, amount: 1000 }, { tier: { id: 2 }, amount: 800 }] }
  it('visitors pay the price; members of a tier its member price, the lowest when several', async () => {
    const { registrationPrice } = await import('@/events/reservations')
    expect(registrationPrice(event, [])).toEqual({ amount: 1500, currency: 'GBP' })
    expect(registrationPrice(event, [1])).toEqual({ amount: 1000, currency: 'GBP' })
    expect(registrationPrice(event, ['1', 2])).toEqual({ amount: 800, currency: 'GBP' })
    expect(registrationPrice({ price: null }, [1])).toEqual({ amount: 0, currency: 'GBP' })
  })
})
