/**
 * Memberships held by more than one person (SPEC §3), as pure rules:
 * - an organisation membership has a primary contact (its member) and up to `tier.seats` seat
 *   holders, named by email, who get member access while it is active or in grace;
 * - a household membership (its member is the first of the household) lists the emails of the
 *   rest of the household; each of them holds a membership of their own in the same tier, at
 *   the household discount.
 * People are named by email so the contact can add someone who has no account yet: whoever
 * signs in with that address is that person. Payload stores account emails in lower case.
 */
import type { MembershipStatus } from './lifecycle'

export type GroupKind = 'household' | 'organisation'

/** The membership field that lists the people of each kind of group. */
export const GROUP_LIST_FIELD = { organisation: 'seatHolders', household: 'householdMembers' } as const

/** A household is a household, not a club: more than this is a mistake or abuse. */
export const HOUSEHOLD_LIMIT = 10

/** Statuses in which the people of a group may be changed (not after rejection or cancellation). */
export const GROUP_EDITABLE_STATUSES: readonly MembershipStatus[] = ['applied', 'approved', 'awaiting_payment', 'active', 'grace', 'lapsed']

/** Statuses in which a membership gives member access (grace is the late-payment window). */
export const ACCESS_STATUSES: readonly MembershipStatus[] = ['active', 'grace']

export function isGroupKind(kind: unknown): kind is GroupKind {
  return kind === 'household' || kind === 'organisation'
}

/** The email as stored and compared, or null when it is not an email address. */
export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const email = value.trim().toLowerCase()
  return email.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email) ? email : null
}

/** How many people a group may list besides its own member. */
export function groupCapacity(tier: { kind: string; seats?: number | null }): number {
  if (tier.kind === 'organisation') return Math.max(0, tier.seats ?? 0)
  if (tier.kind === 'household') return HOUSEHOLD_LIMIT
  return 0
}

export type GroupCheck = { ok: true; email: string } | { ok: false; status: 400 | 409; message: string }

/** Whether `email` may be added to a group that already lists `listed` and belongs to `ownerEmail`. */
export function checkGroupAddition(args: {
  tier: { name: string; kind: string; seats?: number | null }
  status: MembershipStatus
  listed: readonly string[]
  ownerEmail: string | null | undefined
  email: unknown
}): GroupCheck {
  const { tier, status, listed } = args
  if (!isGroupKind(tier.kind)) {
    return { ok: false, status: 409, message: `A ${tier.name} membership is for one person; it has no seats or household.` }
  }
  if (!GROUP_EDITABLE_STATUSES.includes(status)) {
    return { ok: false, status: 409, message: `A ${status} membership cannot take new people.` }
  }
  const email = normaliseEmail(args.email)
  if (!email) return { ok: false, status: 400, message: 'Give the person’s email address (email).' }
  if (email === normaliseEmail(args.ownerEmail)) {
    return { ok: false, status: 400, message: 'That is the membership’s own contact; add someone else.' }
  }
  if (listed.includes(email)) return { ok: false, status: 409, message: `${email} is already listed.` }
  const capacity = groupCapacity(tier)
  if (listed.length >= capacity) {
    const what = tier.kind === 'organisation' ? `All ${capacity} seats are taken` : `A household lists at most ${capacity} people`
    return { ok: false, status: 409, message: `${what}; remove someone first.` }
  }
  return { ok: true, email }
}

/** Problems with a whole list as an admin saved it (duplicates, bad emails, too many). */
export function checkGroupList(tier: { name: string; kind: string; seats?: number | null }, emails: readonly unknown[], ownerEmail?: string | null): string | null {
  if (emails.length === 0) return null
  if (!isGroupKind(tier.kind)) return `A ${tier.name} membership is for one person; it has no seats or household.`
  const normalised = emails.map(normaliseEmail)
  const bad = emails.find((_, index) => !normalised[index])
  if (bad !== undefined) return `"${String(bad)}" is not an email address.`
  if (new Set(normalised).size !== normalised.length) return 'Each person can be listed once.'
  if (ownerEmail && normalised.includes(normaliseEmail(ownerEmail))) return 'The membership’s own contact is not listed again.'
  const capacity = groupCapacity(tier)
  if (normalised.length > capacity) {
    return tier.kind === 'organisation' ? `The ${tier.name} tier has ${capacity} seats.` : `A household lists at most ${capacity} people.`
  }
  return null
}
