/**
 * Convert to member (SPEC §14, seed 001 F03.02.16): `POST /api/inquiries/:id/convert`
 * `{ tier?, firstName?, lastName?, organisationName?, linkExisting? }`. Makes the visitor a person
 * (verified: the inquiry came from their mailbox and we replied there), optionally an application
 * for a tier, links both to the inquiry, marks it converted and sends the invitation to sign in
 * (the same one staff send from a person's page: src/security/signInLink.ts), all in one
 * transaction. An email that already has an account is a 409 naming it; `linkExisting: true` then
 * links the inquiry to that account instead (no new account, no invitation).
 */
import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { Inquiry, Membership, User } from '@payload-types'

import { idOf } from '@/access/collectionAccess'
import { RefusedError } from '@/lib/errors'
import { findLocked } from '@/lib/findOrRefuse'
import { inTransaction } from '@/lib/transaction'
import { inviteToSignIn } from '@/security/signInLink'

import { changeInquiry } from './actions'
import type { InquiryStatus } from './lifecycle'
import { CONVERTIBLE, INQUIRY_STATUS_LABELS } from './lifecycle'
import { fullName } from './variables'

export type ConvertArgs = { tier?: unknown; firstName?: unknown; lastName?: unknown; organisationName?: unknown; linkExisting?: unknown }

export type Conversion = { inquiry: Inquiry; member: User; application: Membership | null; invited: boolean; linked: boolean }

/** "Sam Taylor" → Sam / Taylor; "Jean de la Tour" → Jean / de la Tour. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/)
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') }
}

const textOrUndefined = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new RefusedError(`"${field}" must be text.`, 400)
  return value.trim() || undefined
}

export async function convertInquiry(req: PayloadRequest, id: unknown, args: ConvertArgs): Promise<Conversion> {
  if (args.linkExisting !== undefined && typeof args.linkExisting !== 'boolean') throw new RefusedError('"linkExisting" must be true or false.', 400)
  const given = { firstName: textOrUndefined(args.firstName, 'firstName'), lastName: textOrUndefined(args.lastName, 'lastName'), organisationName: textOrUndefined(args.organisationName, 'organisationName') }
  const tier = args.tier === undefined || args.tier === null || args.tier === '' ? undefined : idOf(args.tier)
  if (args.tier !== undefined && args.tier !== null && args.tier !== '' && (tier === undefined || typeof args.tier === 'object')) throw new RefusedError('"tier" must be the id of a tier.', 400)

  return inTransaction(req, async () => {
    const inquiry = (await findLocked(req, 'inquiries', id, 'There is no such inquiry.')) as Inquiry
    const status = inquiry.status as InquiryStatus
    if (!CONVERTIBLE.includes(status)) throw new RefusedError(`An inquiry that is ${INQUIRY_STATUS_LABELS[status].toLowerCase()} cannot be converted.`, 400, { from: status })
    const existing = (await req.payload.db.findOne({ collection: 'users', where: { email: { equals: inquiry.email } }, req })) as User | null

    if (existing) {
      if (args.linkExisting !== true) {
        throw new RefusedError(
          `${inquiry.email} already has an account (${fullName(existing)}). Link the inquiry to it instead: send { "linkExisting": true }.`,
          409,
          { member: existing.id, linkExisting: true },
        )
      }
      const updated = await changeInquiry(req, inquiry, { to: 'converted', cause: 'convert', reason: `Linked to the existing account of ${fullName(existing)}`, data: { convertedMember: existing.id } })
      return { inquiry: updated, member: existing, application: null, invited: false, linked: true }
    }
    if (args.linkExisting === true) throw new RefusedError(`${inquiry.email} has no account to link to: convert without "linkExisting".`, 409)

    const split = splitName(inquiry.name)
    const firstName = given.firstName ?? split.firstName
    const lastName = given.lastName ?? split.lastName
    if (!firstName || !lastName) throw new RefusedError('Give the person’s first and last name (firstName, lastName): the inquiry has only one name.', 400)

    // a throwaway password, removed at once: the person chooses one (or none) after the invitation
    const member = (await req.payload.create({
      collection: 'users',
      data: { email: inquiry.email, firstName, lastName, password: randomBytes(24).toString('base64url'), roles: ['member'] } as never,
      req,
      user: req.user,
      overrideAccess: false,
      depth: 0,
    })) as User
    await req.payload.db.updateOne({ collection: 'users', id: member.id, data: { hash: null, salt: null }, req, returning: false })

    let application: Membership | null = null
    if (tier !== undefined) {
      application = (await req.payload.create({
        collection: 'memberships',
        data: { member: member.id, tier, ...(given.organisationName ? { organisationName: given.organisationName } : {}) } as never,
        req,
        user: req.user,
        overrideAccess: false,
        depth: 0,
      })) as Membership
    }
    const updated = await changeInquiry(req, inquiry, {
      to: 'converted',
      cause: 'convert',
      reason: application ? `Converted to a member, with an application (membership ${application.id})` : 'Converted to a member',
      data: { convertedMember: member.id, application: application?.id ?? null },
    })
    await inviteToSignIn(req, member.id)
    return { inquiry: updated, member, application, invited: true, linked: false }
  })
}
