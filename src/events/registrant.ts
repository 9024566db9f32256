/**
 * What the eligibility rules and the price need to know about a registrant, read once per
 * registration: the profile's date of birth, their memberships (own, any status; seats on an
 * organisation's, current), and their certificates.
 */
import type { PayloadRequest } from 'payload'

import type { Event, Rsvp, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { memberAccess } from '@/access/membership'
import { RefusedError } from '@/lib/errors'

import { checkEligibility, hasEligibilityRules } from './eligibility'
import type { EligibilityRule, EligibilitySettings, Registrant } from './eligibility'

/** The deployment's own rules: `custom.eligibilityRules` in payload.config.ts (docs/events.md). */
export function deploymentRules(req: PayloadRequest): EligibilityRule[] {
  const rules = (req.payload.config.custom as { eligibilityRules?: unknown } | undefined)?.eligibilityRules
  return Array.isArray(rules) ? (rules.filter((rule) => typeof rule === 'function') as EligibilityRule[]) : []
}

export async function loadRegistrant(req: PayloadRequest, memberId: number): Promise<Registrant & { currentTiers: Array<number | string> }> {
  const [user, own, certificates] = await Promise.all([
    req.payload.findByID({ collection: 'users', id: memberId, req, depth: 0, overrideAccess: true }),
    req.payload.find({ collection: 'memberships', where: { member: { equals: memberId } }, req, depth: 0, limit: 50, overrideAccess: true, select: { tier: true, status: true } }),
    req.payload.find({ collection: 'certificates', where: { member: { equals: memberId } }, req, depth: 0, limit: 100, overrideAccess: true, select: { type: true, issuedOn: true, expiresOn: true } }),
  ])
  const access = await memberAccess(req.payload, user, req)
  const memberships = [
    ...own.docs.map((m) => ({ tier: Number(idOf(m.tier)), status: String(m.status) })),
    ...access.grants.filter((g) => g.via === 'seat').map((g) => ({ tier: Number(g.tier), status: g.status })),
  ]
  return {
    dateOfBirth: (user as { dateOfBirth?: string | null }).dateOfBirth ?? null,
    memberships,
    certificates: certificates.docs.map((c) => ({ type: Number(idOf(c.type)), issuedOn: c.issuedOn ?? null, expiresOn: c.expiresOn ?? null })),
    currentTiers: access.tiers,
  }
}

/** Refuses (403, every reason in the message) a registrant the event's rules or the deployment's rules turn away. */
export async function refuseIneligible(req: PayloadRequest, event: Event, memberId: number): Promise<void> {
  const extra = deploymentRules(req)
  const settings = event.eligibility as EligibilitySettings | undefined
  if (!hasEligibilityRules(settings) && extra.length === 0) return
  const registrant = await loadRegistrant(req, memberId)
  const names: { tiers: Record<number, string>; certificateTypes: Record<number, string> } = { tiers: {}, certificateTypes: {} }
  const tierIds = (settings?.tiers ?? []).map((t) => (typeof t === 'number' ? t : t.id))
  if (tierIds.length > 0) {
    const { docs } = await req.payload.find({ collection: 'tiers', where: { id: { in: tierIds } }, req, depth: 0, limit: tierIds.length, overrideAccess: true, select: { name: true } })
    for (const tier of docs) names.tiers[tier.id] = tier.name
  }
  const typeId = idOf(settings?.certificateType)
  if (typeId !== undefined) {
    const type = await req.payload.findByID({ collection: 'certificate-types', id: typeId, req, depth: 0, overrideAccess: true, disableErrors: true })
    if (type) names.certificateTypes[Number(typeId)] = (type as { name?: string }).name ?? ''
  }
  const verdict = checkEligibility({ event: { id: event.id, title: event.title, startsAt: event.startsAt, eligibility: settings }, registrant, names }, extra)
  if (!verdict.ok) throw new RefusedError(`You cannot register for this event: ${verdict.reasons.join(' ')}`, 403, { reasons: verdict.reasons })
}

export type RegistrantContact = { email: string; firstName: string; related?: { relationTo: 'users'; value: number } }

/** Whom to email about an RSVP: its member, or the guest who made it (no account: nothing to relate the email to). */
export function contactOf(rsvp: Pick<Rsvp, 'guestEmail' | 'guestName'>, member?: Pick<User, 'id' | 'email' | 'firstName'> | null): RegistrantContact | null {
  if (rsvp.guestEmail) return { email: rsvp.guestEmail, firstName: rsvp.guestName?.split(' ')[0] || rsvp.guestName || '' }
  return member ? { email: member.email, firstName: member.firstName, related: { relationTo: 'users', value: member.id } } : null
}

export async function registrantContact(req: PayloadRequest, rsvp: Rsvp): Promise<RegistrantContact> {
  if (rsvp.guestEmail) return contactOf(rsvp)!
  const member = typeof rsvp.member === 'object' && rsvp.member ? rsvp.member : await req.payload.findByID({ collection: 'users', id: idOf(rsvp.member)!, req, depth: 0, overrideAccess: true })
  return contactOf(rsvp, member)!
}
