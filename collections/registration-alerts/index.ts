import type { CollectionBeforeValidateHook, CollectionConfig, PayloadRequest } from 'payload'

import type { Event, RegistrationAlert } from '@payload-types'

import { mayReach } from '@/access/audience'
import { collectionAccess, idOf, ownedByMember } from '@/access/collectionAccess'
import { reachesAll } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { registrationState } from '@/events/registration'
import { RefusedError } from '@/lib/errors'
import { findOrRefuse } from '@/lib/findOrRefuse'

const managesAlerts = (req: PayloadRequest) => !req.user || reachesAll('registration-alerts', req.user as Actor, 'create')

/**
 * A member asks to be told when an event's registration opens: only for an event they may see
 * whose registration has not opened yet; one request per member and event.
 */
const prepareAlert: CollectionBeforeValidateHook<RegistrationAlert> = async ({ data, operation, originalDoc, req }) => {
  if (!data) return data
  if (operation !== 'create') return { ...data, event: idOf(originalDoc?.event), member: idOf(originalDoc?.member) }
  const member = managesAlerts(req) ? ((idOf(data.member) as number | undefined) ?? (req.user?.id as number | undefined)) : (req.user?.id as number | undefined)
  if (!member) throw new RefusedError('Choose the member to tell.', 400)
  const event = (await findOrRefuse(req, 'events', data.event, 'There is no such event.', 400)) as Event
  if (!managesAlerts(req) && (event.status !== 'published' || !(await mayReach(req, event)))) throw new RefusedError('There is no such event.', 404)
  const state = registrationState(event, event.placesTaken ?? 0, new Date()).state
  if (state !== 'not_yet_open') throw new RefusedError(state === 'open' || state === 'full' ? 'Registration is already open: register now.' : `Registration is ${state.replace(/_/g, ' ')}.`, 409)
  const existing = await req.payload.count({ collection: 'registration-alerts', where: { and: [{ event: { equals: event.id } }, { member: { equals: member } }] }, req, overrideAccess: true })
  if (existing.totalDocs > 0) throw new RefusedError('You will already be emailed when registration opens.', 409)
  return { ...data, event: event.id, member, sentAt: null }
}

/**
 * "Email me when registration opens" (issue 19 point 8): kept per member and event until the
 * hourly registrationNotices job emails it, once (`sentAt` is the once-only marker).
 */
export const RegistrationAlerts: CollectionConfig = {
  slug: 'registration-alerts',
  labels: { singular: 'Registration alert', plural: 'Registration alerts' },
  admin: {
    group: 'Events',
    defaultColumns: ['event', 'member', 'sentAt', 'createdAt'],
    description: 'Members who asked to be emailed when an event’s registration opens.',
  },
  access: collectionAccess('registration-alerts', { own: ownedByMember }),
  // one request per member and event; the hourly job finds the unsent ones by event
  indexes: [{ fields: ['event', 'member'], unique: true }, { fields: ['sentAt', 'event'] }],
  hooks: { beforeValidate: [prepareAlert] },
  fields: [
    { name: 'event', type: 'relationship', relationTo: 'events', required: true, access: { update: () => false } },
    { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, access: { update: () => false } },
    {
      name: 'sentAt',
      type: 'date',
      // members cannot change their requests (only withdraw them); staff may mark one told another way, or clear it to send again
      admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'When the member was emailed that registration is open. Clear it to email them again at the next hourly run.' },
    },
  ],
}
