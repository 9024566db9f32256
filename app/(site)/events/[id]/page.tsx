import { RichText } from '@payloadcms/richtext-lexical/react'
import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'
import QRCode from 'qrcode'
import { cache } from 'react'

import type { Event, Rsvp } from '@payload-types'

import { findEventForPage, mayNameAnEvent } from '@/events/findForPage'
import { guestRefusal } from '@/events/guests'
import { eventWhen, STATE_LABELS } from '@/events/labels'
import { eventPath } from '@/events/links'
import { prefillFor } from '@/events/prefill'
import { registrationState } from '@/events/registration'
import { getSignedInUser, getSiteRequest } from '@/lib/payload'
import { formatMoney } from '@/lib/money'
import { signToken } from '@/lib/signedTokens'
import { enabledProviders } from '@/payments/provider'

import { askToBeTold, cancelReply, stopTellingMe } from '../actions'
import { GuestForm } from './GuestForm'
import { PaymentDue } from './PaymentDue'
import { ReplyForm } from './ReplyForm'

type Params = { params: Promise<{ id: string }> }

/** The event as this reader may see it; asked for by the title and the page, looked up once. */
const eventFor = cache(async (idOrSlug: string) => findEventForPage(await getSiteRequest(), idOrSlug))

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const event = await eventFor((await params).id)
  return { title: event ? event.title : 'Event not found' }
}

/** An event, its state and places, and the member's reply: going (with a QR ticket), waitlisted, or the form. */
export default async function EventPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ replied?: string; alert?: string }> }) {
  const [{ id }, { replied, alert }] = await Promise.all([params, searchParams])
  const [user, req] = await Promise.all([getSignedInUser(), getSiteRequest()])
  const event = await eventFor(id)
  if (!event) {
    // Signed out, a members' event (from a calendar app or an email) asks to sign in first. Whether
    // such an event exists is not told to a visitor: any address that could name one asks the same.
    if (!user && mayNameAnEvent(id)) redirect(`/sign-in?next=${encodeURIComponent(`/events/${id}`)}`)
    notFound()
  }
  // /events/<slug> works too; the page lives at /events/<id>
  if (String(event.id) !== id) redirect(eventPath(event))
  const reply = user
    ? ((await req.payload.find({ collection: 'rsvps', where: { event: { equals: event.id } }, limit: 1, pagination: false, depth: 0, overrideAccess: false, req })).docs[0] as
        | Rsvp
        | undefined)
    : undefined
  // sessions people register for (each an event of its own, as this reader may see it)
  const parent = event.parent
    ? typeof event.parent === 'object'
      ? event.parent
      : ((await req.payload.findByID({ collection: 'events', id: event.parent, depth: 0, overrideAccess: false, req, disableErrors: true }).catch(() => null)) as Event | null)
    : null
  const sessions = event.parent
    ? []
    : ((await req.payload.find({ collection: 'events', where: { parent: { equals: event.id } }, sort: 'startsAt', limit: 50, pagination: false, depth: 0, overrideAccess: false, req })).docs as Event[])
  const registration = registrationState(event, event.placesTaken ?? 0, new Date())
  // a member may ask to be emailed when registration opens (jobs/registrationNotices.ts)
  const alertAsked =
    user && registration.state === 'not_yet_open'
      ? (await req.payload.count({ collection: 'registration-alerts', where: { event: { equals: event.id } }, overrideAccess: false, req })).totalDocs > 0
      : false
  const active = reply && (reply.status === 'going' || reply.status === 'waitlisted')
  const awaitingPayment = reply?.status === 'going' && reply.registrationStatus === 'payment_pending'
  const providers = awaitingPayment && reply.paymentMethod === 'online' ? await enabledProviders(req.payload) : []
  const atTheDoor = reply?.status === 'going' && reply.paymentMethod === 'on_the_day' && (reply.amountDue ?? 0) > 0 && !reply.payment
  const ticket = reply?.status === 'going' && !awaitingPayment ? await QRCode.toDataURL(signToken('checkin', reply.id), { margin: 1, width: 220 }) : null

  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header>
        <p className="text-sm font-medium uppercase tracking-wide text-slate-600">{event.type.replace('-', ' ')}</p>
        <h1 className="text-3xl font-bold text-brand-900">
          {event.title}
          {event.edition ? ` ${event.edition}` : ''}
        </h1>
        <p className="mt-1 text-slate-700">
          {eventWhen(event)}
          {event.location ? ` · ${event.location}` : ''}
        </p>
        <p className="mt-1 text-sm text-slate-600" data-testid="registration-state">
          {event.status === 'cancelled' ? 'Cancelled' : STATE_LABELS[registration.state]}
          {registration.placesLeft !== null ? ` · ${registration.placesLeft} of ${event.capacity} places left` : ''}
        </p>
        {event.paymentMethod && event.paymentMethod !== 'free' && (event.price ?? 0) > 0 && (
          <p className="mt-1 text-sm text-slate-700" data-testid="event-price">
            Price: {formatMoney({ amount: event.price!, currency: event.currency ?? 'GBP' })}
            {(event.memberPrices ?? []).length > 0 ? ' (less for members of some tiers)' : ''}
          </p>
        )}
        <a href={`/api/events/${event.id}/ics`} className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
          Add to calendar
        </a>
      </header>
      {parent && (
        <p className="text-slate-700" data-testid="session-of">
          A session of <a href={eventPath(parent)} className="font-medium text-brand-700 underline">{parent.title}</a>
        </p>
      )}
      {event.summary && <p className="text-lg text-slate-800">{event.summary}</p>}
      {event.description && (
        <div className="prose max-w-none">
          <RichText data={event.description as never} />
        </div>
      )}
      {event.organiser?.name && (
        <p className="text-slate-700">
          Organiser: {event.organiser.name}
          {event.organiser.email ? ` (${event.organiser.email})` : ''}
        </p>
      )}

      {sessions.length > 0 && (
        <section aria-labelledby="sessions" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 id="sessions" className="text-xl font-semibold">
            Sessions
          </h2>
          <ul className="mt-3 space-y-2" data-testid="sessions">
            {sessions.map((session) => {
              const state = registrationState(session, session.placesTaken ?? 0, new Date())
              return (
                <li key={session.id}>
                  <a href={eventPath(session)} className="font-medium text-brand-700 underline">
                    {session.title}
                  </a>{' '}
                  <span className="text-sm text-slate-600">
                    {eventWhen(session)} · {STATE_LABELS[state.state]}
                    {state.placesLeft !== null ? ` · ${state.placesLeft} places left` : ''}
                    {session.paymentMethod && session.paymentMethod !== 'free' && (session.price ?? 0) > 0 ? ` · ${formatMoney({ amount: session.price!, currency: session.currency ?? 'GBP' })}` : ''}
                  </span>
                </li>
              )
            })}
          </ul>
        </section>
      )}
      <section aria-labelledby="reply" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="reply" className="text-xl font-semibold">
          Your reply
        </h2>
        {replied && (
          <p role="status" className="mt-2 text-green-900">
            Thank you: your reply is saved.
          </p>
        )}
        {!user && !guestRefusal(event) ? (
          <div className="mt-3 space-y-3" data-testid="guest-registration">
            <p>
              Members,{' '}
              <a href={`/sign-in?next=/events/${event.id}`} className="font-medium text-brand-700 underline">
                sign in
              </a>{' '}
              to reply. Not a member? Register with your name and email:
            </p>
            <GuestForm eventId={event.id} questions={(event.questions ?? []) as never} waitlist={!registration.canRsvp} />
          </div>
        ) : !user ? (
          <p className="mt-2">
            <a href={`/sign-in?next=/events/${event.id}`} className="font-medium text-brand-700 underline">
              Sign in
            </a>{' '}
            to reply
            {event.audience === 'public' && event.paymentMethod && event.paymentMethod !== 'free' && (event.price ?? 0) > 0 ? (
              <>
                {' '}
                and pay for your place. Not a member yet?{' '}
                <a href="/tiers" className="font-medium text-brand-700 underline">
                  Join
                </a>
                .
              </>
            ) : (
              '.'
            )}
          </p>
        ) : active ? (
          <div className="mt-3 space-y-3">
            <p data-testid="my-reply">
              {reply!.status === 'going' ? `You’re going${reply!.guests ? ` with ${reply!.guests} guest(s)` : ''}.` : 'You’re on the waitlist; we will email you if a place opens.'}
            </p>
            {awaitingPayment && <PaymentDue event={event} reply={reply!} providers={providers} />}
            {atTheDoor && <p>Please pay {formatMoney({ amount: reply!.amountDue ?? 0, currency: reply!.currency ?? 'GBP' })} at the door.</p>}
            {ticket && (
              <figure>
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={ticket} alt="Your ticket: show this QR code at the door" width={220} height={220} />
                <figcaption className="text-sm text-slate-600">Show this at the door to be checked in.</figcaption>
              </figure>
            )}
            <form action={cancelReply}>
              <input type="hidden" name="event" value={event.id} />
              <input type="hidden" name="rsvp" value={reply!.id} />
              <button type="submit" className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
                Cancel my reply
              </button>
            </form>
          </div>
        ) : sessions.length > 0 ? (
          <p className="mt-2 text-slate-700">Register for one of the sessions above.</p>
        ) : registration.canRsvp || registration.canJoinWaitlist ? (
          <div className="mt-3">
            <ReplyForm eventId={event.id} questions={(event.questions ?? []) as never} waitlist={!registration.canRsvp} prefill={user ? await prefillFor(req, event, user.id) : {}} />
          </div>
        ) : registration.state === 'not_yet_open' && event.registrationOpensAt ? (
          <div className="mt-2 space-y-3 text-slate-700" data-testid="registration-alert">
            <p>Registration opens {eventWhen({ startsAt: event.registrationOpensAt })}.</p>
            {alert === 'failed' && (
              <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
                We could not save that; please try again.
              </p>
            )}
            {alertAsked ? (
              <form action={stopTellingMe} className="space-y-2">
                <input type="hidden" name="event" value={event.id} />
                <p role="status">We will email you when registration opens.</p>
                <button type="submit" className="rounded border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
                  Don’t email me
                </button>
              </form>
            ) : (
              <form action={askToBeTold}>
                <input type="hidden" name="event" value={event.id} />
                <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
                  Email me when registration opens
                </button>
              </form>
            )}
          </div>
        ) : (
          <p className="mt-2 text-slate-700">{STATE_LABELS[registration.state]}: replies are not being taken.</p>
        )}
      </section>
    </article>
  )
}
