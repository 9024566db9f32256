/**
 * "Download my data" and subject access requests (SPEC §11, issue 15 point 7): everything
 * Hangar holds about one person, as one JSON document, and nothing about anyone else.
 *
 * Read as the person themself (the Local API with their access), so an admin answering a subject
 * access request produces exactly the file the member downloads from the portal. What the person
 * cannot read through the API but is about them (emails sent to them, seats they hold on someone
 * else's membership, their places on shift rosters, reminder logs) is read as the system with a
 * filter on them and a `select` of their part only. The queries run in two rounds, all at once
 * within a round, whatever the amount of data: nothing is read per membership, payment or event.
 */
import type { PayloadRequest, Where } from 'payload'
import { createLocalReq } from 'payload'

import type { Certificate, Media, Membership, Payment, Rsvp, Shift, User, VolunteerAssignment } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import type { LabelledValue } from '@/members/customFields'
import { labelledValues } from '@/members/customFields'

/** Account fields that are credentials or sign-in machinery, never part of an export. */
const SECRET_USER_FIELDS = ['hash', 'salt', 'apiKey', 'apiKeyIndex', 'resetPasswordToken', 'resetPasswordExpiration', '_verificationToken', 'sessions', 'loginAttempts', 'lockUntil', 'emailChangeTokenHash', 'acceptPrivacyPolicy', 'dataExport'] as const
/** And any field a later change adds whose name says it is a credential. */
const SECRET_NAME = /hash|salt|token|secret|apikey|password/i

/** How many rows of each list an export reads at most: far above any real person's history. */
const LIMIT = 10_000

export type PersonalDataExport = {
  exportedAt: string
  organisation: string
  about: string
  profile: Record<string, unknown>
  /** custom member fields with their labels: those the person sees, or all of them in a subject access request */
  customFields: LabelledValue[]
  memberships: unknown[]
  seatsAndHouseholds: unknown[]
  payments: unknown[]
  rsvps: unknown[]
  registrationAlerts: Array<{ event: string | number | undefined; emailedAt: string | null; askedAt: string }>
  eventsProposed: unknown[]
  eventsOrganised: unknown[]
  volunteering: { assignments: unknown[]; shifts: unknown[]; availability: unknown | null; certificates: unknown[] }
  notifications: unknown[]
  reminders: { renewal: unknown[]; certificates: unknown[] }
  consents: unknown[]
}

const ids = (values: unknown[]) => [...new Set(values.map(idOf).filter((v): v is number | string => v !== undefined && v !== null))]
const byId = <T extends { id: number | string }>(docs: T[]) => new Map(docs.map((d) => [d.id, d]))

/**
 * The export for the person `personId`. `req` is the request asking (the person, or staff the
 * matrix lets export); it carries the database transaction, not the access used.
 */
export async function exportPersonalData(req: PayloadRequest, personId: number | string): Promise<PersonalDataExport | null> {
  const { payload } = req
  const system = { overrideAccess: true, req } as const
  const person = (await payload.findByID({ collection: 'users', id: personId, depth: 0, disableErrors: true, ...system })) as User | null
  if (!person) return null
  // the person's own view: their access, not the asker's
  const asPerson = req.user?.id === person.id ? req : await createLocalReq({ user: { ...person, collection: 'users' } as never }, payload)
  const own = { overrideAccess: false, req: asPerson, depth: 0, limit: LIMIT, pagination: false } as const
  const mine: Where = { member: { equals: person.id } }
  const email = person.email.toLowerCase()

  const [profile, memberships, groupMemberships, payments, rsvps, proposed, organised, assignments, shifts, availability, certificates, notifications, renewalReminders, certificateReminders, consents, settings] =
    await Promise.all([
      payload.findByID({ collection: 'users', id: person.id, depth: 0, overrideAccess: false, req: asPerson }),
      payload.find({ collection: 'memberships', where: mine, sort: 'createdAt', ...own }),
      payload.find({
        collection: 'memberships',
        where: { or: [{ 'seatHolders.email': { equals: email } }, { 'householdMembers.email': { equals: email } }] },
        select: { tier: true, status: true, organisationName: true, periodStart: true, periodEnd: true, membershipNumber: true, seatHolders: true, householdMembers: true },
        depth: 0,
        limit: LIMIT,
        pagination: false,
        ...system,
      }),
      payload.find({ collection: 'payments', where: mine, sort: 'createdAt', ...own }),
      payload.find({ collection: 'rsvps', where: mine, sort: 'createdAt', ...own }),
      payload.find({ collection: 'events', where: { proposedBy: { equals: person.id } }, select: { title: true, startsAt: true, endsAt: true, status: true, summary: true, decisionReason: true, createdAt: true }, depth: 0, limit: LIMIT, pagination: false, ...system }),
      payload.find({ collection: 'events', where: { 'organiser.email': { equals: email } }, select: { title: true, startsAt: true, organiser: true }, depth: 0, limit: LIMIT, pagination: false, ...system }),
      payload.find({ collection: 'volunteer-assignments', where: mine, sort: 'createdAt', ...own }),
      payload.find({ collection: 'shifts', where: { 'assigned.member': { equals: person.id } }, select: { title: true, role: true, startsAt: true, endsAt: true, location: true, assigned: true }, sort: 'startsAt', depth: 0, limit: LIMIT, pagination: false, ...system }),
      payload.find({ collection: 'availability', where: mine, ...own }),
      payload.find({ collection: 'certificates', where: mine, sort: 'createdAt', ...own }),
      payload.find({
        collection: 'notifications',
        where: { or: [{ recipient: { equals: email } }, { and: [{ 'relatedTo.relationTo': { equals: 'users' } }, { 'relatedTo.value': { equals: person.id } }] }] },
        select: { recipient: true, template: true, subject: true, status: true, sentAt: true, text: true, createdAt: true },
        sort: 'createdAt',
        depth: 0,
        limit: LIMIT,
        pagination: false,
        ...system,
      }),
      payload.find({ collection: 'reminders', where: mine, select: { membership: true, periodEnd: true, step: true, createdAt: true }, depth: 0, limit: LIMIT, pagination: false, ...system }),
      payload.find({ collection: 'certificate-reminders', where: mine, select: { certificate: true, expiresOn: true, daysBefore: true, createdAt: true }, depth: 0, limit: LIMIT, pagination: false, ...system }),
      payload.find({ collection: 'consents', where: { person: { equals: person.id } }, sort: 'givenAt', ...own }),
      payload.findGlobal({ slug: 'settings', depth: 0, ...system }),
    ])

  const ownMemberships = memberships.docs as Membership[]
  const seats = (groupMemberships.docs as Membership[]).filter((m) => idOf(m.member) !== person.id)
  const rsvpDocs = rsvps.docs as Rsvp[]
  const assignmentDocs = assignments.docs as VolunteerAssignment[]
  const shiftDocs = shifts.docs as Shift[]
  const certificateDocs = certificates.docs as Certificate[]
  const availabilityDoc = availability.docs[0] ?? null
  // "email me when registration opens" requests: a few per person at most
  const alertDocs = (await payload.find({ collection: 'registration-alerts', where: mine, sort: 'createdAt', ...own })).docs

  // second round: names of the things the person's records point to
  const namesOf = async <S extends 'tiers' | 'events' | 'volunteer-roles' | 'certificate-types'>(collection: S, wanted: unknown[], select: Record<string, true>) => {
    const list = ids(wanted)
    if (list.length === 0) return []
    const { docs } = await payload.find({ collection, where: { id: { in: list } }, select, depth: 0, limit: list.length, pagination: false, ...system } as never)
    return docs as unknown as Array<{ id: number | string; name?: string; title?: string; startsAt?: string; location?: string | null }>
  }
  const [tiers, events, roles, certificateTypes] = await Promise.all([
    namesOf('tiers', [...ownMemberships, ...seats].map((m) => m.tier), { name: true }),
    namesOf('events', [...rsvpDocs.map((r) => r.event), ...alertDocs.map((a) => a.event)], { title: true, startsAt: true, location: true }),
    namesOf('volunteer-roles', [...assignmentDocs.map((a) => a.role), ...shiftDocs.map((s) => s.role), ...((availabilityDoc?.interestedRoles as unknown[]) ?? [])], { name: true }),
    namesOf('certificate-types', certificateDocs.map((c) => c.type), { name: true }),
  ])
  const tierName = (tier: unknown) => byId(tiers).get(idOf(tier)!)?.name ?? null
  const eventById = byId(events)
  const roleName = (role: unknown) => byId(roles).get(idOf(role)!)?.name ?? null
  const typeName = (type: unknown) => byId(certificateTypes).get(idOf(type)!)?.name ?? null
  const isMe = (user: unknown) => idOf(user) === person.id

  const profileOut: Record<string, unknown> = { ...profile }
  // custom fields are listed with their labels below: all of them when staff answer a subject access
  // request, those the person sees themself in their own download
  delete profileOut.customFields
  const customFields = await labelledValues(req, person, req.user?.id !== person.id)
  for (const field of Object.keys(profileOut)) if ((SECRET_USER_FIELDS as readonly string[]).includes(field) || SECRET_NAME.test(field)) delete profileOut[field]
  // the profile photo is listed as a file, like certificates (src/members/photo.ts)
  const photoId = idOf((profile as { photo?: unknown }).photo)
  if (photoId) {
    const photo = (await payload.findByID({ collection: 'media', id: photoId, depth: 0, overrideAccess: false, req: asPerson, disableErrors: true })) as Media | null
    profileOut.photo = photo ? { filename: photo.filename ?? null, mimeType: photo.mimeType ?? null, filesize: photo.filesize ?? null, url: photo.url ?? null } : null
  }

  return {
    exportedAt: new Date().toISOString(),
    organisation: settings.organisationName || 'Hangar',
    about: `Personal data held about ${person.firstName} ${person.lastName} (${person.email}).`,
    profile: profileOut,
    customFields,
    memberships: ownMemberships.map((m) => ({
      id: m.id,
      tier: tierName(m.tier),
      status: m.status,
      membershipNumber: m.membershipNumber ?? null,
      organisationName: m.organisationName ?? null,
      periodStart: m.periodStart ?? null,
      periodEnd: m.periodEnd ?? null,
      // the people the member added are named by count only: their addresses are their own data
      seatsGiven: m.seatHolders?.length ?? 0,
      householdMembersListed: m.householdMembers?.length ?? 0,
      createdAt: m.createdAt,
      history: (m.history ?? []).map((h) => ({ from: h.from ?? null, to: h.to, at: h.at, cause: h.cause, byYou: isMe(h.actor), reason: h.reason ?? null })),
    })),
    seatsAndHouseholds: seats.map((m) => {
      const entry = [...(m.seatHolders ?? []), ...(m.householdMembers ?? [])].find((p) => p.email?.toLowerCase() === email)
      return {
        kind: (m.seatHolders ?? []).some((p) => p.email?.toLowerCase() === email) ? 'seat' : 'household',
        tier: tierName(m.tier),
        organisationName: m.organisationName ?? null,
        status: m.status,
        periodEnd: m.periodEnd ?? null,
        addedAt: entry?.addedAt ?? null,
      }
    }),
    payments: (payments.docs as Payment[]).map((p) => ({
      id: p.id,
      membership: idOf(p.membership) ?? null,
      purpose: p.purpose ?? null,
      amount: p.amount,
      listAmount: p.listAmount ?? null,
      discount: p.discount ?? null,
      currency: p.currency,
      method: p.method,
      status: p.status,
      paidAt: p.paidAt ?? null,
      receiptNumber: p.receiptNumber ?? null,
      reference: p.idempotencyKey,
      provider: p.provider ?? null,
      providerPaymentId: p.providerPaymentId ?? null,
      providerCustomerId: p.providerCustomerId ?? null,
      failureReason: p.failureReason ?? null,
      cancelReason: p.cancelReason ?? null,
      refunds: (p.refunds ?? []).map((r) => ({ amount: r.amount, at: r.at, reason: r.reason ?? null, status: r.status ?? null })),
      createdAt: p.createdAt,
    })),
    rsvps: rsvpDocs.map((r) => {
      const event = eventById.get(idOf(r.event)!)
      return {
        event: event ? { id: event.id, title: event.title, startsAt: event.startsAt, location: event.location ?? null } : idOf(r.event),
        status: r.status,
        guests: r.guests ?? 0,
        answers: r.answers ?? null,
        waitlistedAt: r.waitlistedAt ?? null,
        checkedInAt: r.checkedInAt ?? null,
        createdAt: r.createdAt,
      }
    }),
    registrationAlerts: alertDocs.map((a) => ({ event: eventById.get(idOf(a.event)!)?.title ?? idOf(a.event), emailedAt: a.sentAt ?? null, askedAt: a.createdAt })),
    eventsProposed: proposed.docs,
    eventsOrganised: organised.docs.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, organiser: e.organiser })),
    volunteering: {
      assignments: assignmentDocs.map((a) => ({
        role: roleName(a.role),
        status: a.status,
        assignedAt: a.assignedAt ?? null,
        certificatesValidUntil: a.certificatesValidUntil ?? null,
        certificateIssue: a.certificateIssue ?? null,
        notes: a.notes ?? null,
        createdAt: a.createdAt,
      })),
      // the person's own place on each roster, never who else is on it
      shifts: shiftDocs.map((s) => {
        const place = (s.assigned ?? []).find((a) => isMe(a.member))
        return { shift: s.title ?? null, role: roleName(s.role), startsAt: s.startsAt, endsAt: s.endsAt, location: s.location ?? null, via: place?.via ?? null, addedAt: place?.addedAt ?? null, attended: place?.attended ?? false, hours: place?.hours ?? null }
      }),
      availability: availabilityDoc
        ? {
            weekly: availabilityDoc.weekly ?? [],
            dates: availabilityDoc.dates ?? [],
            interestedRoles: ((availabilityDoc.interestedRoles as unknown[]) ?? []).map(roleName),
            notes: availabilityDoc.notes ?? null,
            updatedAt: availabilityDoc.updatedAt,
          }
        : null,
      // files are listed (name, type, size, where to download them while signed in), not embedded
      certificates: certificateDocs.map((c) => ({
        type: typeName(c.type),
        issuedOn: c.issuedOn,
        expiresOn: c.expiresOn ?? null,
        issuer: c.issuer ?? null,
        reference: c.reference ?? null,
        verified: c.verified ?? false,
        verifiedAt: c.verifiedAt ?? null,
        file: c.filename ? { filename: c.filename, mimeType: c.mimeType ?? null, filesize: c.filesize ?? null, url: c.url ?? null } : null,
        createdAt: c.createdAt,
      })),
    },
    notifications: notifications.docs.map((n) => ({ subject: n.subject, template: n.template ?? null, recipient: n.recipient, status: n.status, sentAt: n.sentAt ?? null, createdAt: n.createdAt, text: n.text ?? null })),
    reminders: {
      renewal: renewalReminders.docs.map((r) => ({ membership: idOf(r.membership), periodEnd: r.periodEnd, step: r.step, createdAt: r.createdAt })),
      certificates: certificateReminders.docs.map((r) => ({ expiresOn: r.expiresOn, daysBefore: r.daysBefore, createdAt: r.createdAt })),
    },
    consents: consents.docs.map((c) => ({ kind: c.kind, granted: c.granted, policyVersion: c.policyVersion ?? null, givenAt: c.givenAt, source: c.source, note: c.note ?? null })),
  }
}

/** The file name of an export: the person's id and the day, nothing a shared folder should not show. */
export function exportFileName(personId: number | string, at = new Date()): string {
  return `personal-data-${personId}-${at.toISOString().slice(0, 10)}.json`
}
