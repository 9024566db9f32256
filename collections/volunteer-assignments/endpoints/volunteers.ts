import type { Endpoint } from 'payload'

import type { User } from '@payload-types'

import type { Actor } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'
import { coordinates } from '@/volunteering/roster'
import { myVolunteering, volunteerList } from '@/volunteering/summary'

/** `GET /api/volunteer-assignments/volunteers` (coordinators) and `/me` (the signed-in member). */
export const volunteerEndpoints: Endpoint[] = [
  {
    path: '/volunteers',
    method: 'get',
    handler: async (req) => {
      if (!req.user) throw new RefusedError('Sign in first.', 401)
      if (!coordinates(req.user as Actor)) throw new RefusedError('Only volunteer coordinators and admins see the volunteer list.', 403)
      return Response.json({ volunteers: await volunteerList(req) })
    },
  },
  {
    path: '/me',
    method: 'get',
    handler: async (req) => {
      if (!req.user) throw new RefusedError('Sign in first.', 401)
      return Response.json(await myVolunteering(req, req.user as User))
    },
  },
]
