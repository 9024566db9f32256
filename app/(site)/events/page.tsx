import type { Metadata } from 'next'
import Link from 'next/link'

import type { Event } from '@payload-types'

import { eventWhen, STATE_LABELS } from '@/events/labels'
import { registrationState } from '@/events/registration'
import { getSignedInUser, getSiteRequest } from '@/lib/payload'

export const metadata: Metadata = { title: 'Events' }

/** Coming meetings and events the visitor or member may see (access control decides). */
/** Events from the start of yesterday on (a meeting today still shows while it runs). */
function listFrom(): string {
  const since = new Date()
  since.setUTCDate(since.getUTCDate() - 1)
  since.setUTCHours(0, 0, 0, 0)
  return since.toISOString()
}

export default async function EventsPage() {
  const [user, req] = await Promise.all([getSignedInUser(), getSiteRequest()])
  const since = listFrom()
  // no count: the page shows no total
  const { docs } = await req.payload.find({
    collection: 'events',
    // sessions are listed on their event's page
    where: { and: [{ status: { equals: 'published' } }, { startsAt: { greater_than_equal: since } }, { parent: { exists: false } }] },
    sort: 'startsAt',
    limit: 50,
    pagination: false,
    depth: 0,
    select: { title: true, startsAt: true, allDay: true, location: true, summary: true, status: true, capacity: true, placesTaken: true, registrationOpensAt: true, registrationClosesAt: true, endsAt: true, waitlist: true },
    overrideAccess: false,
    req,
  })
  const now = new Date()
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">Events and meetings</h1>
      {user && (
        <p>
          <Link href="/events/propose" className="font-medium text-brand-700 underline">
            Propose an event
          </Link>{' '}
          <span className="text-slate-600">and see your proposals</span>
        </p>
      )}
      {docs.length === 0 ? (
        <p className="text-slate-700">Nothing is scheduled yet{user ? '' : ' that visitors can see; members see more after signing in'}.</p>
      ) : (
        <ul className="space-y-4">
          {(docs as Event[]).map((event) => {
            const registration = registrationState(event, event.placesTaken ?? 0, now)
            return (
              <li key={event.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid="event">
                <h2 className="text-xl font-semibold">
                  <Link href={`/events/${event.id}`} className="text-brand-800 underline-offset-4 hover:underline">
                    {event.title}
                  </Link>
                </h2>
                <p className="text-slate-700">
                  {eventWhen(event)}
                  {event.location ? ` · ${event.location}` : ''}
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  {STATE_LABELS[registration.state]}
                  {registration.placesLeft !== null && registration.state === 'open' ? ` · ${registration.placesLeft} places left` : ''}
                </p>
                {event.summary && <p className="mt-2 text-slate-800">{event.summary}</p>}
              </li>
            )
          })}
        </ul>
      )}
      <p className="text-sm text-slate-600">
        <a href="/api/events/ical" className="underline">
          Subscribe in your calendar
        </a>{' '}
        {user ? '(members: use the personal link on your account page so members’ events appear too)' : ''}
      </p>
    </div>
  )
}
