import type { Metadata } from 'next'
import Link from 'next/link'

import { GUEST_LINK_NOT_VALID, readGuestRequest } from '@/events/guests'
import { eventWhen } from '@/events/labels'
import { eventPath } from '@/events/links'
import { getPayloadClient } from '@/lib/payload'
import { decodedPathToken } from '@/lib/routeParams'

import { GuestLinkButton } from '../GuestLinkButton'

export const metadata: Metadata = { title: 'Confirm your registration', referrer: 'no-referrer' }

/**
 * Where the link in a guest's "confirm your place" email leads (src/events/guests.ts). Opening it
 * shows what it is for and changes nothing (mail scanners follow links); the button registers.
 */
export default async function ConfirmGuestPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodedPathToken((await params).token)
  const request = await readGuestRequest(await getPayloadClient(), token)
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold text-brand-900">Confirm your registration</h1>
      {!request ? (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {GUEST_LINK_NOT_VALID}
        </p>
      ) : (
        <>
          <p className="mt-2 text-slate-700">
            {request.name}, register <span className="font-medium">{request.email}</span> for{' '}
            <Link href={eventPath(request.event)} className="font-medium text-brand-700 underline">
              {request.event.title}
            </Link>
            , {eventWhen(request.event)}
            {request.event.location ? ` at ${request.event.location}` : ''}?
          </p>
          <GuestLinkButton token={token} email={request.email} title={request.event.title} kind="confirm" />
        </>
      )}
    </div>
  )
}
