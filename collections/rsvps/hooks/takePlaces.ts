import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeValidateHook, PayloadRequest } from 'payload'

import type { Event, Rsvp } from '@payload-types'

import { mayReach } from '@/access/audience'
import { idOf } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { queueEmail, siteUrl } from '@/email/queue'
import { eventWhen } from '@/events/labels'
import { formatMoney } from '@/lib/money'
import { checkAnswers } from '@/events/answers'
import type { EventQuestion } from '@/events/answers'
import { hasEligibilityRules } from '@/events/eligibility'
import type { EligibilitySettings } from '@/events/eligibility'
import { GUEST_REGISTRATION } from '@/events/guests'
import type { GuestContext } from '@/events/guests'
import { claimPlaces, releasePlaces } from '@/events/places'
import { refuseIneligible, registrantContact } from '@/events/registrant'
import { registrationState } from '@/events/registration'
import { and, eq, runPrepared, sql, tableOf, transactionDb } from '@/lib/db'
import type { Preparable } from '@/lib/db'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse, isRowId } from '@/lib/findOrRefuse'

const MAX_GUESTS = 10
/** What a second reply to the same event is told: a guest's email, or a member's account, has one already. */
export const duplicateReplyMessage = (req: PayloadRequest) =>
  guestOf(req) ? 'This email address is registered for this event already.' : 'You have already replied to this event; change that reply instead.'
const placesOf = (rsvp: { status?: string | null; guests?: number | null }) => (rsvp.status === 'going' ? 1 + (rsvp.guests ?? 0) : 0)
/** A guest's own registration (src/events/guests.ts): made by the system, checked as a member's is. */
const guestOf = (req: PayloadRequest) => req.context[GUEST_REGISTRATION] as GuestContext | undefined
/** Staff, or the system itself (no user: seeds, jobs); visitors never get this far (access control) but as guests. */
const managesRsvps = (req: PayloadRequest) => !guestOf(req) && (!req.user || reachesAll('rsvps', req.user as Actor, 'create'))

const loadEvent = (req: PayloadRequest, id: unknown): Promise<Event> => findOrRefuse(req, 'events', id, 'There is no such event.')

/**
 * On registering: whether this member, or this guest's email, has replied to the event already.
 * One statement over the unique indexes on RSVPs' (event, member) and (event, guest email),
 * prepared on Postgres. The unique indexes still refuse a second reply sent at the same moment
 * (`explainUniqueConflicts`, with `duplicateReplyMessage`).
 */
async function repliedAlready(req: PayloadRequest, eventId: number, who: { member: number } | { guestEmail: string }): Promise<boolean> {
  const rsvps = tableOf(req.payload, 'rsvps')
  const byMember = 'member' in who
  const values = { event: eventId, who: byMember ? who.member : who.guestEmail }
  const rows = await runPrepared(req.payload, await transactionDb(req), byMember ? 'hangar_replied_member' : 'hangar_replied_guest', values, (db, param) =>
    db
      .select({ one: sql`1` })
      .from(rsvps)
      .where(and(eq(rsvps.event, param('event')), byMember ? eq(rsvps.member, param('who')) : eq(rsvps.guestEmail, param('who'))))
      .limit(1) as unknown as Preparable<unknown[]>,
  )
  return rows.length > 0
}

/**
 * An RSVP belongs to the member sending it (staff may make one for a member), for an event they
 * may see, with the guests and answers the event allows. Members choose going, not going or
 * cancelled; whether "going" becomes going or waitlisted is decided by the places left.
 */
export const prepareRsvp: CollectionBeforeValidateHook<Rsvp> = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  // the guest context belongs to the guest's own RSVP, not to others the same request changes (the waitlist moving up)
  const guest = guestOf(req) && (operation === 'create' || originalDoc?.guestEmail === guestOf(req)!.email) ? guestOf(req) : undefined
  const staff = !guest && managesRsvps(req)
  const event = await loadEvent(req, data.event ?? originalDoc?.event)
  // a registration moved on by the system (a payment recorded, a hold released) was made already: only a member's own request is checked
  if (!staff && !req.context.registrationTrigger) {
    if (event.status !== 'published' || !(guest ? event.audience === 'public' : await mayReach(req, event))) throw new RefusedError('There is no such event.', 404)
  }
  // an event with sessions takes registrations for its sessions, not for itself
  if (operation === 'create' && (event.sessions?.docs?.length ?? 0) > 0) throw new RefusedError('Register for one of this event’s sessions.', 409)
  // takePlaces (beforeChange, same operation) uses this read rather than reading the event again
  req.context.rsvpEvent = event
  req.context.registrationEvent = event
  const next: Partial<Rsvp> = { ...data, event: event.id }
  if (operation === 'create' && guest) {
    // a guest's RSVP has their name and email instead of a member: never both
    next.member = null
    next.guestName = guest.name
    next.guestEmail = guest.email.toLowerCase()
  } else if (operation === 'create') {
    next.member = staff ? ((idOf(data.member) as number | undefined) ?? (req.user?.id as number)) : (req.user?.id as number)
    if (next.member === undefined || next.member === null) throw new RefusedError('Say which member the RSVP is for.', 400)
    if (!isRowId(next.member)) throw new RefusedError('There is no such member.', 400)
    next.guestName = null
    next.guestEmail = null
  } else {
    if (!staff) next.member = originalDoc?.member
    // who an RSVP is for never changes
    next.guestName = originalDoc?.guestName ?? null
    next.guestEmail = originalDoc?.guestEmail ?? null
  }
  if (operation === 'create') {
    if (await repliedAlready(req, event.id, guest ? { guestEmail: next.guestEmail! } : { member: Number(next.member) })) throw new RefusedError(duplicateReplyMessage(req), 409)
  }
  const requested = data.status ?? originalDoc?.status ?? 'going'
  if (!staff && !['going', 'not_going', 'cancelled'].includes(requested)) throw new RefusedError('Choose going, not going or cancelled.', 400)
  next.status = requested === 'waitlisted' && !staff ? 'going' : requested

  // eligibility is checked before a place (and a payment) is taken: on registering, or coming back
  if (!staff && !req.context.registrationTrigger && next.status === 'going' && !['going', 'waitlisted'].includes(originalDoc?.status ?? '')) {
    // a guest has no profile, memberships or certificates to check: an event with rules is for members
    if (guest && hasEligibilityRules(event.eligibility as EligibilitySettings | undefined)) throw new RefusedError('Only members who meet this event’s conditions may register: sign in to register.', 409)
    if (!guest) await refuseIneligible(req, event, idOf(next.member) as number)
  }

  const guests = data.guests ?? originalDoc?.guests ?? 0
  if (!Number.isInteger(guests) || guests < 0 || guests > MAX_GUESTS) throw new RefusedError(`Guests: a whole number from 0 to ${MAX_GUESTS}.`, 400)
  if ('answers' in data || operation === 'create') {
    const check = checkAnswers(event.questions as EventQuestion[], data.answers ?? {})
    if (!check.ok) throw new RefusedError(check.message, 400)
    next.answers = check.answers
  }
  return next
}

/**
 * Places follow the RSVP: going takes them (or the waitlist when there are none), leaving gives
 * them back. One conditional UPDATE on the event decides, so simultaneous RSVPs for the last
 * places cannot overfill it. RSVPs close with registration, for members.
 */
export const takePlaces: CollectionBeforeChangeHook<Rsvp> = async ({ data, originalDoc, req }) => {
  const prepared = req.context.rsvpEvent as Event | undefined
  req.context.rsvpEvent = undefined
  const eventId = idOf(data.event ?? originalDoc?.event)
  const event = prepared && prepared.id === eventId ? prepared : await loadEvent(req, eventId)
  const before = placesOf(originalDoc ?? {})
  const wantsToGo = data.status === 'going' || (data.status === 'waitlisted' && originalDoc?.status === 'waitlisted')
  const wanted = wantsToGo ? 1 + (data.guests ?? 0) : 0

  if (wantsToGo && before === 0 && !managesRsvps(req) && !req.context.promoting && !req.context.registrationTrigger) {
    const state = registrationState(event, event.placesTaken ?? 0, new Date())
    if (!state.canRsvp && !state.canJoinWaitlist && state.state !== 'full') throw new RefusedError(`Registration is ${state.state.replace(/_/g, ' ')}.`, 409)
  }
  if (wanted === before) return data
  if (before > 0) await releasePlaces(req, event.id, before)
  if (wanted > 0) {
    if (await claimPlaces(req, event.id, wanted)) {
      req.context.placesReleased = before > wanted ? event.id : req.context.placesReleased
      return { ...data, status: 'going', waitlistedAt: null }
    }
    if (before > 0 && !(await claimPlaces(req, event.id, before))) throw new Error('Places changed while updating the RSVP')
    if (before > 0) throw new RefusedError(`There are not enough places left for ${wanted - 1} guest(s).`, 409)
    // the ledger taking back a released place for a late payment: no place, no change (it refunds)
    if (req.context.registrationTrigger) {
      req.context.placeNotFound = true
      return { ...data, status: originalDoc?.status ?? 'cancelled' }
    }
    if (!event.waitlist) throw new RefusedError('The event is full.', 409)
    return { ...data, status: 'waitlisted', waitlistedAt: originalDoc?.waitlistedAt ?? new Date().toISOString() }
  }
  req.context.placesReleased = event.id
  return data
}

/** When places were given back, the first waitlisted RSVPs that now fit become going, and are told. */
export const promoteWaitlist: CollectionAfterChangeHook<Rsvp> = async ({ req }) => {
  const eventId = req.context.placesReleased as number | undefined
  if (!eventId || req.context.promoting) return
  req.context.promoting = true
  try {
    const { docs } = await req.payload.find({
      collection: 'rsvps',
      where: { and: [{ event: { equals: eventId } }, { status: { equals: 'waitlisted' } }] },
      sort: 'waitlistedAt',
      limit: 50,
      depth: 0,
      req,
      overrideAccess: true,
    })
    for (const waiting of docs as Rsvp[]) {
      // takePlaces claims the places, or leaves the RSVP waitlisted when it does not fit
      const promoted = (await req.payload.update({ collection: 'rsvps', id: waiting.id, data: { status: 'going' }, req, overrideAccess: true, depth: 0 })) as Rsvp
      if (promoted.status !== 'going') continue
      const [person, event] = await Promise.all([
        registrantContact(req, waiting),
        req.payload.findByID({ collection: 'events', id: eventId, req, depth: 0, overrideAccess: true }),
      ])
      await queueEmail(req, {
        template: 'waitlist-promotion',
        to: person.email,
        related: person.related,
        variables: {
          member: { firstName: person.firstName },
          event: { title: event.title, startsAt: eventWhen(event), location: event.location ?? '', link: `${siteUrl()}/events/${event.id}` },
          // a paid place is held for payment from the promotion (advanceRegistration): say how much and until when
          registration:
            promoted.registrationStatus === 'payment_pending' && promoted.heldUntil
              ? { amount: formatMoney({ amount: promoted.amountDue ?? 0, currency: promoted.currency ?? 'GBP' }), heldUntil: eventWhen({ startsAt: promoted.heldUntil }) }
              : {},
        },
      })
    }
  } finally {
    req.context.placesReleased = undefined
    req.context.promoting = false
  }
}
