import type { Metadata } from 'next'

import { findGuestRsvp, GUEST_LINK_NOT_VALID } from '@/events/guests'
import { eventWhen } from '@/events/labels'
import { getPayloadClient } from '@/lib/payload'
import { decodedPathToken } from '@/lib/routeParams'

import { GuestLinkButton } from '../../GuestLinkButton'
import { GuestOutcome } from '../../GuestOutcome'

export const metadata: Metadata = { title: 'Cancel your registration', referrer: 'no-referrer' }

/** Where a guest's cancel link leads: opening it changes nothing; the button gives the place up. */
export default async function CancelGuestPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodedPathToken((await params).token)
  const found = await findGuestRsvp(await getPayloadClient(), token)
  const active = found && (found.rsvp.status === 'going' || found.rsvp.status === 'waitlisted')
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Cancel your registration</h1>
      {!found ? (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {GUEST_LINK_NOT_VALID}
        </p>
      ) : !active ? (
        <GuestOutcome status={found.rsvp.status} title={found.event.title} />
      ) : (
        <>
          <p className="mt-2 text-slate-700">
            Give up your place at <span className="font-medium">{found.event.title}</span>, {eventWhen(found.event)}? Someone on the waitlist may then have it.
          </p>
          <GuestLinkButton token={token} email={found.rsvp.guestEmail ?? ''} title={found.event.title} kind="cancel" />
        </>
      )}
    </div>
  )
}
