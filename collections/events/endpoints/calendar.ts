import type { Endpoint, PayloadRequest } from 'payload'
import ical from 'ical-generator'

import type { Event, User } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { verifyToken } from '@/lib/signedTokens'
import { eventPath } from '@/events/links'
import { eventEnds } from '@/events/registration'
import { siteUrl } from '@/email/queue'

/** The reader: the signed-in user, or the owner of a personal feed token (`?token=`), or a visitor. */
async function reader(req: PayloadRequest): Promise<User | null> {
  const token = req.searchParams?.get('token')
  if (!token) return (req.user as User | null) ?? null
  const id = verifyToken('ical', token)
  if (!id) throw new RefusedError('This calendar link is not valid.', 401)
  const user = (await req.payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, disableErrors: true }).catch(() => null)) as User | null
  if (!user) throw new RefusedError('This calendar link is not valid.', 401)
  return user
}

function calendar(req: PayloadRequest, events: Event[], name: string): Response {
  // Times are written in UTC (`…Z`). A calendar-wide zone without a VTIMEZONE made ical-generator
  // write the UTC clock as floating local time, an hour early in British summer time.
  const cal = ical({ name, prodId: { company: 'Hangar', product: 'Events' } })
  for (const event of events) {
    cal.createEvent({
      id: `event-${event.id}@hangar`,
      start: new Date(event.startsAt),
      end: eventEnds(event),
      allDay: Boolean(event.allDay),
      summary: event.status === 'cancelled' ? `Cancelled: ${event.title}` : event.title,
      description: event.summary ?? undefined,
      location: event.location ?? undefined,
      url: `${siteUrl()}${eventPath(event)}`,
      ...(event.organiser?.email ? { organizer: { name: event.organiser.name || event.organiser.email, email: event.organiser.email } } : {}),
    })
  }
  return new Response(cal.toString(), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300', 'Content-Disposition': `inline; filename="${name.replace(/[^\w.-]+/g, '-')}.ics"` },
  })
}

/**
 * `GET /api/events/ical` (every event the reader may see, from a month ago on) and
 * `GET /api/events/:id/ics` (one event). Calendar apps that cannot sign in use the personal
 * feed link from the member's account (`?token=`).
 */
export const calendarEndpoints: Endpoint[] = [
  {
    path: '/ical',
    method: 'get',
    handler: async (req) => {
      const user = await reader(req)
      const since = new Date(Date.now() - 31 * 86_400_000).toISOString()
      const { docs } = await req.payload.find({
        collection: 'events',
        where: { and: [{ startsAt: { greater_than_equal: since } }, { status: { in: ['published', 'cancelled'] } }] },
        sort: 'startsAt',
        limit: 500,
        pagination: false,
        depth: 0,
        overrideAccess: false,
        user: user ?? undefined,
      })
      const settings = await req.payload.findGlobal({ slug: 'settings', depth: 0 })
      return calendar(req, docs as Event[], `${settings.organisationName} events`)
    },
  },
  {
    path: '/:id/ics',
    method: 'get',
    handler: async (req) => {
      const user = await reader(req)
      const event = (await req.payload
        .findByID({ collection: 'events', id: req.routeParams?.id as string, depth: 0, overrideAccess: false, user: user ?? undefined, disableErrors: true })
        .catch(() => null)) as Event | null
      if (!event) throw new RefusedError('There is no such event.', 404)
      return calendar(req, [event], event.title)
    },
  },
]
