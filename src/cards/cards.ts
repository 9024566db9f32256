/**
 * Membership cards (SPEC §10, issue 15 point 5): who has one, what it shows, and whether a scanned
 * one is good now. A person has a card for each membership that makes them a member right now (their
 * own, or a seat on an organisation's: `memberAccess`, src/access/membership.ts), active or in grace.
 * A card verifies while its signature holds, it has not expired, AND that membership still makes
 * its holder a member: a lapsed or cancelled membership, or a seat taken away, stops it at once.
 */
import type { PayloadRequest } from 'payload'

import type { Tier, User } from '@payload-types'

import type { MemberAccess } from '@/access/membership'
import { memberAccess } from '@/access/membership'
import { siteUrl } from '@/email/queue'

import type { CardKeys } from './keys'
import { cardKeys } from './keys'
import type { CardClaims } from './token'
import { readCardToken, signCardToken } from './token'
import { cardValidUntil } from './validity'

export type MembershipCard = {
  membership: number | string
  membershipNumber: string | null
  tierName: string
  /** The organisation of an organisation membership (the holder's own, or the one they hold a seat on). */
  organisationName: string | null
  via: 'own' | 'seat'
  holderName: string
  validUntil: Date
}

type CardTier = Pick<Tier, 'id' | 'name' | 'graceDays'>

export const holderName = (user: Pick<User, 'firstName' | 'lastName'>) => `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim()

/** The cards a person's current memberships give them (pure: their access and the tiers in hand). */
export function cardsFromAccess(access: MemberAccess, tiers: ReadonlyMap<number | string, CardTier>, holder: Pick<User, 'firstName' | 'lastName'>, now: Date): MembershipCard[] {
  const cards: MembershipCard[] = []
  for (const grant of access.grants) {
    const tier = tiers.get(grant.tier)
    const validUntil = cardValidUntil(grant, { graceDays: tier?.graceDays ?? 0 }, now)
    if (!validUntil) continue
    cards.push({
      membership: grant.membership,
      membershipNumber: grant.membershipNumber,
      tierName: tier?.name ?? 'Membership',
      organisationName: grant.organisationName,
      via: grant.via,
      holderName: holderName(holder),
      validUntil,
    })
  }
  return cards
}

async function tiersById(req: PayloadRequest, ids: Array<number | string>): Promise<Map<number | string, CardTier>> {
  if (ids.length === 0) return new Map()
  // the holder's tier may not be public (or retired); the card shows its name only
  const { docs } = await req.payload.find({
    collection: 'tiers',
    where: { id: { in: [...new Set(ids)] } },
    select: { name: true, graceDays: true },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return new Map((docs as CardTier[]).map((tier) => [tier.id, tier]))
}

/** The signed-in person's cards, read with their request. */
export async function cardsOf(req: PayloadRequest, user: User, now = new Date()): Promise<MembershipCard[]> {
  const access = await memberAccess(req.payload, user, req)
  return cardsFromAccess(access, await tiersById(req, access.grants.map((grant) => grant.tier)), user, now)
}

/** What goes in the QR code: the verify link, which carries the token (a phone opens it; a scanner reads `token`). */
export function cardLink(token: string): string {
  return `${siteUrl()}/verify?token=${token}`
}

/** The signed token of a card, and its QR code's text. */
export async function issueCard(keys: CardKeys, card: MembershipCard, holder: Pick<User, 'id'>): Promise<{ token: string; link: string }> {
  const token = await signCardToken(keys, {
    holder: holder.id,
    membership: card.membership,
    membershipNumber: card.membershipNumber,
    name: card.holderName,
    validUntil: card.validUntil,
  })
  return { token, link: cardLink(token) }
}

export type CardVerdict = { valid: true; validUntil: Date; claims: CardClaims; holder: User } | { valid: false }

const NOT_VALID: CardVerdict = { valid: false }

/**
 * Whether a scanned card is good now: the signature and expiry (token.ts), then the database (the
 * membership still makes the holder a member). Throws CardsUnavailableError (503) only when the
 * server has no key; every other problem is `{ valid: false }`.
 */
export async function verifyCard(req: PayloadRequest, token: unknown, now = new Date()): Promise<CardVerdict> {
  const keys = cardKeys(req.payload.logger)
  const claims = await readCardToken(keys, token, now)
  if (!claims) return NOT_VALID
  const holder = (await req.payload
    .findByID({ collection: 'users', id: claims.holder, depth: 0, select: { email: true, firstName: true, lastName: true }, overrideAccess: true, disableErrors: true, req })
    .catch(() => null)) as User | null
  if (!holder) return NOT_VALID
  const access = await memberAccess(req.payload, holder, req)
  const grant = access.grants.find((g) => String(g.membership) === String(claims.membership))
  if (!grant) return NOT_VALID
  const tier = (await tiersById(req, [grant.tier])).get(grant.tier)
  const validUntil = cardValidUntil(grant, { graceDays: tier?.graceDays ?? 0 }, now)
  return validUntil ? { valid: true, validUntil, claims, holder } : NOT_VALID
}
