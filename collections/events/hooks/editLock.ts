import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Event, Rsvp, User } from '@payload-types'

import { canEventOperation, eventOperationRoles } from '@/access/resolve'
import { rolesInWords } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { idOf } from '@/access/collectionAccess'
import { queueEmails, siteUrl } from '@/email/queue'
import type { QueuedEmail } from '@/email/queue'
import { formatDay } from '@/email/variables'
import { eventPath } from '@/events/links'
import { contactOf } from '@/events/registrant'
import { RefusedError } from '@/lib/errors'
import { formatMoney } from '@/lib/money'

/** The key fields of seed 004's edit lock, with the words a refusal names them by. */
export const LOCKED_EVENT_FIELDS = {
  startsAt: 'start',
  endsAt: 'end',
  location: 'location',
  price: 'price',
  memberPrices: 'member prices',
  currency: 'currency',
  paymentMethod: 'payment method',
  capacity: 'capacity (lowered)',
  questions: 'registration questions',
} as const
type LockedField = keyof typeof LOCKED_EVENT_FIELDS

/** The changes registrants are told of. */
const ANNOUNCED: readonly LockedField[] = ['startsAt', 'endsAt', 'location', 'price']

const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b))
function normalise(value: unknown): unknown {
  if (value === undefined || value === '' || value === null) return null
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toISOString()
  if (Array.isArray(value)) return value.map((row) => (row && typeof row === 'object' ? Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'id').map(([key, v]) => [key, normalise(key === 'tier' ? idOf(v) : v)])) : normalise(row)))
  return value
}

/** The key fields an update changes (a capacity only when lowered). */
export function changedLockedFields(before: Partial<Event>, data: Partial<Event>): LockedField[] {
  return (Object.keys(LOCKED_EVENT_FIELDS) as LockedField[]).filter((field) => {
    if (!(field in data)) return false
    if (field === 'capacity') {
      const next = data.capacity ?? null
      const was = before.capacity ?? null
      return next !== null && (was === null || next < was)
    }
    return !same(before[field], data[field])
  })
}

/** Registration has opened on a published event: its opening date has passed, or someone has registered. */
async function registrationHasOpened(req: PayloadRequest, event: Event, now: Date): Promise<boolean> {
  if (event.status !== 'published') return false
  if (event.registrationOpensAt ? new Date(event.registrationOpensAt) <= now : false) return true
  if ((event.placesTaken ?? 0) > 0) return true
  return (await req.payload.count({ collection: 'rsvps', where: { event: { equals: event.id } }, req, overrideAccess: true })).totalDocs > 0
}

/**
 * Seed 004's edit lock: once a published event's registration has opened, its key fields are
 * changed only by the roles of `editLockedFields` in the matrix; anyone else is refused (403) with
 * the locked fields named. The system itself (jobs, seeds) is not a person and is not refused.
 * An allowed change of date, place or price is remembered for `announceChange`.
 */
export const enforceEditLock: CollectionBeforeChangeHook<Event> = async ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || !originalDoc || !req.user) return data
  const changed = changedLockedFields(originalDoc, data)
  if (changed.length === 0 || !(await registrationHasOpened(req, originalDoc, new Date()))) return data
  if (!canEventOperation('editLockedFields', req.user as Actor)) {
    const names = changed.map((field) => LOCKED_EVENT_FIELDS[field])
    throw new RefusedError(
      `Registration for this event has opened, so only ${rolesInWords(eventOperationRoles('editLockedFields').filter((role) => role !== 'superuser'))} may change its ${names.join(', ')}.`,
      403,
      { lockedFields: changed },
    )
  }
  const announced = changed.filter((field) => ANNOUNCED.includes(field))
  if (announced.length > 0) req.context.eventChangesToAnnounce = { id: originalDoc.id, fields: announced }
  return data
}

function describe(field: LockedField, before: Event, after: Event): string {
  const money = (amount: number | null | undefined, currency: string | null | undefined) => (amount ? formatMoney({ amount, currency: currency ?? 'GBP' }) : 'free')
  switch (field) {
    case 'startsAt':
      return `Starts: ${formatDay(after.startsAt)} (was ${formatDay(before.startsAt)})`
    case 'endsAt':
      return `Ends: ${formatDay(after.endsAt) || 'not set'} (was ${formatDay(before.endsAt) || 'not set'})`
    case 'location':
      return `Place: ${after.location || 'not set'} (was ${before.location || 'not set'})`
    default:
      return `Price: ${money(after.price, after.currency)} (was ${money(before.price, before.currency)})`
  }
}

/**
 * After an admin changes the date, place or price of an event whose registration has opened,
 * everyone going or waitlisted (members and guests) is emailed once: their RSVPs and members are
 * read in two queries and the emails queued in one batch.
 */
export const announceChange: CollectionAfterChangeHook<Event> = async ({ doc, previousDoc, req }) => {
  const pending = req.context.eventChangesToAnnounce as { id: number; fields: LockedField[] } | undefined
  if (!pending || pending.id !== doc.id) return doc
  req.context.eventChangesToAnnounce = undefined
  const { docs } = await req.payload.find({
    collection: 'rsvps',
    where: { and: [{ event: { equals: doc.id } }, { status: { in: ['going', 'waitlisted'] } }] },
    select: { member: true, guestName: true, guestEmail: true },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const rsvps = docs as Pick<Rsvp, 'member' | 'guestName' | 'guestEmail'>[]
  const memberIds = [...new Set(rsvps.map((rsvp) => idOf(rsvp.member)).filter((id): id is number => typeof id === 'number'))]
  const members = memberIds.length
    ? ((await req.payload.find({ collection: 'users', where: { id: { in: memberIds } }, select: { email: true, firstName: true }, pagination: false, depth: 0, req, overrideAccess: true })).docs as Pick<User, 'id' | 'email' | 'firstName'>[])
    : []
  const byId = new Map(members.map((member) => [member.id, member]))
  const changes = pending.fields.map((field) => describe(field, previousDoc, doc)).join('\n')
  const link = `${siteUrl()}${eventPath(doc)}`
  const emails: QueuedEmail[] = rsvps.flatMap((rsvp) => {
    const person = contactOf(rsvp, byId.get(idOf(rsvp.member) as number))
    return person
      ? [{ template: 'event-changed' as const, to: person.email, related: person.related, variables: { person: { firstName: person.firstName }, event: { title: doc.title, startsAt: formatDay(doc.startsAt), location: doc.location ?? '' }, changes, links: { event: link } } }]
      : []
  })
  await queueEmails(req, emails)
  return doc
}
