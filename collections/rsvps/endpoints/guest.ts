import type { Endpoint } from 'payload'

import { cancelGuestRegistration, confirmGuestRegistration, GUEST_REQUEST_ANSWER, requestGuestRegistration } from '@/events/guests'
import { readJsonBody } from '@/lib/requestBody'
import { TooManyRequests, tooManyRequestsResponse } from '@/security/throttle'

const noStore = { 'Cache-Control': 'no-store' }

/** Answers a throttled request with 429 and Retry-After; anything else goes on to Payload's error handler. */
async function throttled(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof TooManyRequests) return tooManyRequestsResponse(error)
    throw error
  }
}

/**
 * `POST /api/rsvps/guest` `{ event, name, email, guests?, answers? }`: a visitor registers for a
 * published public event (src/events/guests.ts). Answered 202 with the same message whether or not
 * the email has an account or is registered already, or the honeypot was filled: the registration
 * is made when the emailed link is pressed.
 */
export const guestRequestEndpoint: Endpoint = {
  path: '/guest',
  method: 'post',
  handler: async (req) => {
    const data = await readJsonBody(req)
    return throttled(async () => {
      await requestGuestRegistration(req.payload, { data, headers: req.headers })
      return Response.json({ message: GUEST_REQUEST_ANSWER }, { status: 202, headers: noStore })
    })
  },
}

/** `POST /api/rsvps/guest/confirm` `{ token }`: the emailed link's button; pressing again answers with the same registration. */
export const guestConfirmEndpoint: Endpoint = {
  path: '/guest/confirm',
  method: 'post',
  handler: async (req) => {
    const { token } = await readJsonBody(req)
    return throttled(async () => {
      const { rsvp, already } = await confirmGuestRegistration(req.payload, { token, headers: req.headers })
      const where = rsvp.status === 'going' ? 'You are registered.' : rsvp.status === 'waitlisted' ? 'You are on the waitlist; we will email you if a place opens.' : 'This registration was cancelled.'
      return Response.json(
        { rsvp: { id: rsvp.id, status: rsvp.status, registrationStatus: rsvp.registrationStatus ?? null }, alreadyConfirmed: already, message: where },
        { status: already ? 200 : 201, headers: noStore },
      )
    })
  },
}

/** `POST /api/rsvps/guest/cancel` `{ token }`: the guest's cancel link; the waitlist moves up. */
export const guestCancelEndpoint: Endpoint = {
  path: '/guest/cancel',
  method: 'post',
  handler: async (req) => {
    const { token } = await readJsonBody(req)
    return throttled(async () => {
      const rsvp = await cancelGuestRegistration(req.payload, { token, headers: req.headers })
      return Response.json({ rsvp: { id: rsvp.id, status: rsvp.status }, message: 'Your registration is cancelled.' }, { headers: noStore })
    })
  },
}

export const guestEndpoints = [guestRequestEndpoint, guestConfirmEndpoint, guestCancelEndpoint]
