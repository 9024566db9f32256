import type { Endpoint, PayloadRequest } from 'payload'

import type { Shift, User } from '@payload-types'

import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { coordinates, joinShift, leaveShift, loadShift, openShiftsFor, recordAttendance, shiftCandidates } from '@/volunteering/roster'
import { readJsonBody } from '@/lib/requestBody'

function signedIn(req: PayloadRequest): User {
  if (!req.user) throw new RefusedError('Sign in first.', 401)
  return req.user as User
}

function coordinator(req: PayloadRequest): User {
  const user = signedIn(req)
  if (!coordinates(user as Actor)) throw new RefusedError('Only volunteer coordinators and admins manage shifts.', 403)
  return user
}

async function memberInBody(req: PayloadRequest): Promise<number> {
  const { member } = await readJsonBody(req)
  if (!(typeof member === 'number' || (typeof member === 'string' && /^\d+$/.test(member)))) throw new RefusedError('Say which member (member: their id).', 400)
  return Number(member)
}

const summary = (shift: Shift) => ({ id: shift.id, title: shift.title, peopleNeeded: shift.peopleNeeded, openPlaces: shift.openPlaces, assigned: shift.assigned })

/**
 * `POST /api/shifts/:id/sign-up` and `/withdraw` (the signed-in member), `/assign` and
 * `/remove` `{ member }` and `/attendance` `{ member, attended, hours? }` (coordinators),
 * `GET /api/shifts/:id/candidates` (coordinators) and `GET /api/shifts/open` (the member).
 */
export const rosterEndpoints: Endpoint[] = [
  {
    path: '/open',
    method: 'get',
    handler: async (req) => {
      const user = signedIn(req)
      const open = await openShiftsFor(req, user)
      return Response.json({ docs: open.map(({ shift, role }) => ({ ...summary(shift), role: { id: role.id, name: role.name }, startsAt: shift.startsAt, endsAt: shift.endsAt, location: shift.location })) })
    },
  },
  {
    path: '/:id/sign-up',
    method: 'post',
    handler: async (req) => {
      const user = signedIn(req)
      const shift = await joinShift(req.payload, user, String(req.routeParams?.id), user.id, 'signup')
      return Response.json({ message: `You are on the shift: ${shift.title}.`, shift: summary(shift) }, { status: 201 })
    },
  },
  {
    path: '/:id/withdraw',
    method: 'post',
    handler: async (req) => {
      const user = signedIn(req)
      const shift = await leaveShift(req.payload, user, String(req.routeParams?.id), user.id, 'self')
      return Response.json({ message: `You are off the shift: ${shift.title}.`, shift: summary(shift) })
    },
  },
  {
    path: '/:id/assign',
    method: 'post',
    handler: async (req) => {
      const user = coordinator(req)
      const shift = await joinShift(req.payload, user, String(req.routeParams?.id), await memberInBody(req), 'coordinator')
      return Response.json({ message: 'Assigned.', shift: summary(shift) }, { status: 201 })
    },
  },
  {
    path: '/:id/remove',
    method: 'post',
    handler: async (req) => {
      const user = coordinator(req)
      const shift = await leaveShift(req.payload, user, String(req.routeParams?.id), await memberInBody(req), 'coordinator')
      return Response.json({ message: 'Removed from the shift.', shift: summary(shift) })
    },
  },
  {
    path: '/:id/attendance',
    method: 'post',
    handler: async (req) => {
      const user = coordinator(req)
      const member = await memberInBody(req)
      const body = req.data as { attended?: unknown; hours?: unknown }
      if (typeof body.attended !== 'boolean') throw new RefusedError('Say whether they attended (attended: true or false).', 400)
      if (body.hours !== undefined && body.hours !== null && typeof body.hours !== 'number') throw new RefusedError('Hours: a number from 0 to 24.', 400)
      const shift = await recordAttendance(req.payload, user, String(req.routeParams?.id), member, body.attended, (body.hours ?? undefined) as number | undefined)
      return Response.json({ message: body.attended ? 'Attendance recorded.' : 'Marked as not attended.', shift: summary(shift) })
    },
  },
  {
    path: '/:id/candidates',
    method: 'get',
    handler: async (req) => {
      coordinator(req)
      const shift = await loadShift(req, String(req.routeParams?.id))
      const url = new URL(req.url ?? 'http://localhost')
      let candidates = await shiftCandidates(req, shift)
      if (url.searchParams.get('eligible') === 'true') candidates = candidates.filter((c) => c.eligible)
      if (url.searchParams.get('available') === 'true') candidates = candidates.filter((c) => c.availability.answer === 'available')
      return Response.json({ shift: summary(shift), candidates })
    },
  },
]
