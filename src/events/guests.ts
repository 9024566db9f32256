/**
 * Guests: a visitor without an account registers for a published public event with a name and an
 * email address (SPEC §6). Three steps, each a REST endpoint (collections/rsvps/endpoints/guest.ts)
 * and a member site page (app/(site)/events/[id]/GuestForm.tsx, app/(site)/events/guest/):
 *
 * 1. Asking (`requestGuestRegistration`): protected as every public form is (honeypot, throttle per
 *    address and per email), the fields and answers checked, and then always the same answer, "check
 *    your email", whether or not the address has an account or is registered already. The email
 *    carries a signed link (src/events/guestLinks.ts); nothing is stored.
 * 2. Confirming (`confirmGuestRegistration`, the button on the link's page; opening it changes
 *    nothing): the RSVP is created through the collection, so its hooks take the place (going, or the
 *    waitlist; src/events/places.ts) and start the registration and payment as for a member. The
 *    guest is emailed a confirmation with how to pay and a cancel link. Pressing twice, or two
 *    presses at once, make one RSVP (a lock per event and email, and a unique index behind it).
 * 3. Cancelling (`cancelGuestRegistration`, the cancel link's button): the places go back and the
 *    waitlist moves up, as when a member cancels.
 *
 * Online card payment needs an account (the checkout and the ledger belong to a member): for an event
 * paid online by card, a visitor is asked to sign in or join instead.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { Event, Rsvp } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { queueEmail, siteUrl } from '@/email/queue'
import { formatDay } from '@/email/variables'
import { RefusedError } from '@/lib/errors'
import { formatMoney } from '@/lib/money'
import { inTransaction, serialise, systemRequest } from '@/lib/transaction'
import { guardPublicForm } from '@/security/publicForm'
import { signInEmail } from '@/security/signInLink'
import { consumeThrottle } from '@/security/throttle'
import { requestAddress } from '@/security/clientAddress'

import { checkAnswers } from './answers'
import type { EventQuestion } from './answers'
import { checkBankAccount } from './bankAccount'
import { hasEligibilityRules } from './eligibility'
import type { EligibilitySettings } from './eligibility'
import { GUEST_CONFIRM_HOURS, guestCancelToken, guestConfirmToken, readGuestCancelToken, readGuestConfirmToken, cancelTokenRsvp } from './guestLinks'
import { eventPath } from './links'
import { eventEnds, registrationState } from './registration'

/** What the visitor is told after asking, whatever happened. */
export const GUEST_REQUEST_ANSWER = 'Thank you. Check your email: we have sent a link to confirm your registration.'
export const GUEST_LINK_NOT_VALID = 'This link has expired or is not valid. Register again from the event page.'
/** The context flag by which the RSVP hooks know a create or cancel is a guest's own (collections/rsvps/hooks/takePlaces.ts). */
export const GUEST_REGISTRATION = 'guestRegistration'
export type GuestContext = { name: string; email: string }

export const GUEST_LIMITS = { name: 120, guests: 4 } as const

const MAX_GUESTS = GUEST_LIMITS.guests

export const guestConfirmUrl = (token: string) => `${siteUrl()}/events/guest/${encodeURIComponent(token)}`
export const guestCancelUrl = (token: string) => `${siteUrl()}/events/guest/cancel/${encodeURIComponent(token)}`

/** Why a visitor cannot register for this event as a guest, or null when they can. Not found, members-only and unpublished read the same. */
export function guestRefusal(event: Event | null, now = new Date()): RefusedError | null {
  if (!event || event.status !== 'published' || event.audience !== 'public') return new RefusedError('There is no such public event.', 404)
  if ((event.sessions?.docs?.length ?? 0) > 0) return new RefusedError('Register for one of this event’s sessions.', 409)
  // Guests take only places that cost them nothing: money goes in the ledger, whose entries belong
  // to an account, so a paid place (online or offline) is for someone signed in (joining is free).
  if (event.paymentMethod && event.paymentMethod !== 'free' && (event.price ?? 0) > 0) return new RefusedError('This event is paid: sign in, or join, to register and pay.', 409)
  if (hasEligibilityRules(event.eligibility as EligibilitySettings | undefined)) return new RefusedError('Only members who meet this event’s conditions may register: sign in to register.', 409)
  const state = registrationState(event, event.placesTaken ?? 0, now)
  if (!state.canRsvp && !state.canJoinWaitlist) return new RefusedError(`Registration is ${state.state.replace(/_/g, ' ')}.`, 409)
  return null
}

async function loadPublicEvent(req: PayloadRequest, id: unknown): Promise<Event | null> {
  if (typeof id !== 'number' && !(typeof id === 'string' && /^\d{1,12}$/.test(id))) return null
  return ((await req.payload.findByID({ collection: 'events', id: Number(id), req, depth: 1, overrideAccess: true, disableErrors: true }).catch(() => null)) as Event | null) ?? null
}

type Parsed = { event: number; name: string; email: string; guests: number; answers: unknown }

function parseGuestRequest(data: Record<string, unknown>): Parsed {
  const problems: Array<{ path: string; message: string }> = []
  const name = typeof data.name === 'string' ? data.name.replace(/\s+/g, ' ').trim() : ''
  if (!name) problems.push({ path: 'name', message: 'Enter your name.' })
  else if (name.length > GUEST_LIMITS.name) problems.push({ path: 'name', message: `Keep your name to ${GUEST_LIMITS.name} characters.` })
  const email = signInEmail(data.email)
  if (!email) problems.push({ path: 'email', message: 'Enter a valid email address.' })
  const eventId = typeof data.event === 'number' ? data.event : typeof data.event === 'string' && /^\d{1,12}$/.test(data.event) ? Number(data.event) : NaN
  if (!Number.isInteger(eventId)) problems.push({ path: 'event', message: 'Say which event (its id).' })
  const guests = data.guests === undefined || data.guests === null || data.guests === '' ? 0 : Number(data.guests)
  if (!Number.isInteger(guests) || guests < 0 || guests > MAX_GUESTS) problems.push({ path: 'guests', message: `Guests: a whole number from 0 to ${MAX_GUESTS}.` })
  if (data.answers !== undefined && (data.answers === null || typeof data.answers !== 'object' || Array.isArray(data.answers))) problems.push({ path: 'answers', message: '"answers" is an object of answers by question key.' })
  if (problems.length > 0) throw new RefusedError(problems.map((p) => p.message).join(' '), 400, { errors: problems })
  return { event: eventId, name, email: email!, guests, answers: data.answers ?? {} }
}

export type GuestRequestOutcome = 'sent' | 'trapped'

/**
 * Step 1: a visitor asks to register. 429 over the throttle, 400 for bad fields or answers, 404/409
 * when the event takes no guests (which says nothing about the email); otherwise the link is emailed.
 */
export async function requestGuestRegistration(payload: Payload, args: { data: Record<string, unknown>; headers: Pick<Headers, 'get'> | null | undefined }): Promise<GuestRequestOutcome> {
  const account = typeof args.data.email === 'string' ? args.data.email : null
  if ((await guardPublicForm(payload, { form: 'eventGuest', headers: args.headers, account, data: args.data })) === 'trapped') return 'trapped'
  const input = parseGuestRequest(args.data)
  const req = await systemRequest(payload)
  const event = await loadPublicEvent(req, input.event)
  const refusal = guestRefusal(event)
  if (refusal) throw refusal
  const check = checkAnswers(event!.questions as EventQuestion[], input.answers)
  if (!check.ok) throw new RefusedError(check.message, 400)
  const token = guestConfirmToken(payload.secret, { event: event!.id, name: input.name, email: input.email, answers: check.answers, guests: input.guests, issuedAt: new Date() }, event!.startsAt)
  await inTransaction(req, async (tx) => {
    await queueEmail(tx, {
      template: 'event-guest-confirm',
      to: input.email,
      variables: {
        guest: { name: input.name },
        event: { title: event!.title, startsAt: formatDay(event!.startsAt), location: event!.location ?? '' },
        links: { confirm: guestConfirmUrl(token) },
        confirm: { hours: GUEST_CONFIRM_HOURS },
      },
    })
  })
  return 'sent'
}

export type GuestRegistration = { rsvp: Rsvp; event: Event; already: boolean }

/** What a confirmation link stands for, for its page (reading changes nothing); null when not valid. */
export async function readGuestRequest(payload: Payload, token: unknown): Promise<{ name: string; email: string; event: Event } | null> {
  const request = readGuestConfirmToken(payload.secret, token)
  if (!request) return null
  const event = await loadPublicEvent(await systemRequest(payload), request.event)
  return event && event.status === 'published' && event.audience === 'public' ? { name: request.name, email: request.email, event } : null
}

/**
 * Step 2: the button on the link's page. Creates the RSVP once (a second press answers with the one
 * made by the first), or registers again a guest who cancelled before this link was asked for.
 */
export async function confirmGuestRegistration(payload: Payload, args: { token: unknown; headers: Pick<Headers, 'get'> | null | undefined }): Promise<GuestRegistration> {
  await consumeThrottle(payload, 'eventGuestLink', { address: requestAddress(args.headers), account: typeof args.token === 'string' ? args.token.slice(-32) : null })
  const request = readGuestConfirmToken(payload.secret, args.token)
  if (!request) throw new RefusedError(GUEST_LINK_NOT_VALID, 400)
  const req = await systemRequest(payload)
  return inTransaction(req, async (tx) => {
    await serialise(tx, `event-guest:${request.event}:${request.email}`)
    const event = await loadPublicEvent(tx, request.event)
    const { docs } = await payload.find({ collection: 'rsvps', where: { and: [{ event: { equals: request.event } }, { guestEmail: { equals: request.email } }] }, limit: 1, depth: 0, req: tx, overrideAccess: true })
    const existing = docs[0] as Rsvp | undefined
    const active = existing && (existing.status === 'going' || existing.status === 'waitlisted')
    if (existing && (active || new Date(existing.updatedAt) >= request.issuedAt)) return { rsvp: existing, event: event!, already: true }
    const refusal = guestRefusal(event)
    if (refusal) throw refusal
    tx.context[GUEST_REGISTRATION] = { name: request.name, email: request.email } satisfies GuestContext
    try {
      const data = { status: 'going' as const, guests: request.guests, answers: request.answers }
      const rsvp = existing
        ? ((await payload.update({ collection: 'rsvps', id: existing.id, data, req: tx, overrideAccess: true, depth: 0 })) as Rsvp)
        : ((await payload.create({ collection: 'rsvps', data: { ...data, event: event!.id }, req: tx, overrideAccess: true, depth: 0 })) as Rsvp)
      await queueGuestConfirmation(tx, rsvp, event!)
      return { rsvp, event: event!, already: false }
    } finally {
      tx.context[GUEST_REGISTRATION] = undefined
    }
  })
}

/** How a guest pays, in words for the confirmation email and page (empty when nothing is due). */
export function guestPaymentDetails(rsvp: Pick<Rsvp, 'status' | 'registrationStatus' | 'paymentMethod' | 'amountDue' | 'currency' | 'paymentReference'>, event: Pick<Event, 'paymentInstructions' | 'bankAccount'>) {
  const due = rsvp.status === 'going' && (rsvp.amountDue ?? 0) > 0 && !['registered_without_payment'].includes(rsvp.registrationStatus ?? '')
  if (!due) return { amount: '', payment: '', bankAccount: '', reference: '' }
  const fallback: Record<string, string> = {
    on_the_day: 'Please pay at the door.',
    manual: 'The organiser will confirm your place once you have paid; they will tell you how.',
    bank_transfer: 'Please pay by bank transfer, quoting the payment reference.',
  }
  const bank = rsvp.paymentMethod === 'bank_transfer' && event.bankAccount ? checkBankAccount(event.bankAccount) : null
  return {
    amount: formatMoney({ amount: rsvp.amountDue ?? 0, currency: rsvp.currency ?? 'GBP' }),
    payment: event.paymentInstructions?.trim() || fallback[rsvp.paymentMethod ?? ''] || 'Please pay as the organiser tells you.',
    bankAccount: bank ? (bank.ok ? bank.display : String(event.bankAccount)) : '',
    reference: rsvp.paymentMethod === 'bank_transfer' ? (rsvp.paymentReference ?? '') : '',
  }
}

async function queueGuestConfirmation(req: PayloadRequest, rsvp: Rsvp, event: Event): Promise<void> {
  const cancel = guestCancelToken(req.payload.secret, rsvp.id, rsvp.guestEmail!, eventEnds(event))
  await queueEmail(req, {
    template: 'event-guest-registered',
    to: rsvp.guestEmail!,
    variables: {
      guest: { name: rsvp.guestName },
      event: { title: event.title, startsAt: formatDay(event.startsAt), location: event.location ?? '' },
      registration: { outcome: rsvp.status === 'going' ? 'going' : 'on the waitlist (we will email you if a place opens)', ...guestPaymentDetails(rsvp, event) },
      links: { cancel: guestCancelUrl(cancel), event: `${siteUrl()}${eventPath(event)}` },
    },
  })
}

/** The RSVP a cancel link names, while the link works (for its page; reading changes nothing). */
export async function findGuestRsvp(payload: Payload, token: unknown, req?: PayloadRequest): Promise<{ rsvp: Rsvp; event: Event } | null> {
  const id = cancelTokenRsvp(token)
  if (id === null) return null
  const rsvp = (await payload.findByID({ collection: 'rsvps', id, depth: 0, req, overrideAccess: true, disableErrors: true }).catch(() => null)) as Rsvp | null
  if (!rsvp?.guestEmail) return null
  if (readGuestCancelToken(payload.secret, token, () => rsvp.guestEmail!) !== rsvp.id) return null
  const event = (await payload.findByID({ collection: 'events', id: idOf(rsvp.event)!, depth: 0, req, overrideAccess: true, disableErrors: true })) as Event | null
  return event ? { rsvp, event } : null
}

/** Step 3: the guest gives their place up (the waitlist moves up); cancelling again changes nothing. */
export async function cancelGuestRegistration(payload: Payload, args: { token: unknown; headers: Pick<Headers, 'get'> | null | undefined }): Promise<Rsvp> {
  await consumeThrottle(payload, 'eventGuestLink', { address: requestAddress(args.headers), account: typeof args.token === 'string' ? args.token : null })
  const req = await systemRequest(payload)
  return inTransaction(req, async (tx) => {
    const found = await findGuestRsvp(payload, args.token, tx)
    if (!found) throw new RefusedError(GUEST_LINK_NOT_VALID, 400)
    const { rsvp } = found
    if (rsvp.status !== 'going' && rsvp.status !== 'waitlisted') return rsvp
    return (await payload.update({ collection: 'rsvps', id: rsvp.id, data: { status: 'cancelled' }, req: tx, overrideAccess: true, depth: 0 })) as Rsvp
  })
}
