/**
 * Who may see what an audience names (SPEC §6, §8): everyone (`public`), anyone whose
 * membership is active or in grace, their own or through an organisation seat (`members`), or
 * the members of chosen tiers (`tiers`). Events, notices and documents share it.
 */
import type { Field, PayloadRequest, Where } from 'payload'

import { memberAccess } from '@/access/membership'

export const AUDIENCES = ['public', 'members', 'tiers'] as const
export type Audience = (typeof AUDIENCES)[number]

/** A filter for published documents the request's user may see, given the field names used. */
export async function audienceFilter(req: PayloadRequest, fields: { audience: string; tiers: string; published: Where }): Promise<Where> {
  const access = await memberAccess(req.payload, req.user as never, req)
  const visible: Where[] = [{ [fields.audience]: { equals: 'public' } }]
  if (access.isMember) {
    visible.push({ [fields.audience]: { equals: 'members' } })
    // a copy: the answer is shared by the whole request, and Payload may rewrite a where's values in place
    if (access.tiers.length > 0) visible.push({ and: [{ [fields.audience]: { equals: 'tiers' } }, { [fields.tiers]: { in: [...access.tiers] } }] })
  }
  return { and: [fields.published, { or: visible }] }
}

/** The same rule for one document, e.g. before taking an RSVP. */
export async function mayReach(req: PayloadRequest, doc: { audience?: string | null; audienceTiers?: Array<number | { id: number }> | null }): Promise<boolean> {
  if (doc.audience === 'public') return true
  const access = await memberAccess(req.payload, req.user as never, req)
  if (!access.isMember) return false
  if (doc.audience === 'members') return true
  const tiers = (doc.audienceTiers ?? []).map((t) => (typeof t === 'object' ? t.id : t))
  return tiers.some((tier) => access.tiers.includes(tier))
}

/** The audience fields shared by events, notices and documents: who, and which tiers when "chosen tiers". */
export const audienceFields: Field[] = [
  {
    type: 'row',
    fields: [
      {
        name: 'audience',
        type: 'select',
        required: true,
        defaultValue: 'members',
        index: true,
        options: [
          { label: 'Everyone (public)', value: 'public' },
          { label: 'Members', value: 'members' },
          { label: 'Chosen tiers', value: 'tiers' },
        ],
      },
      {
        name: 'audienceTiers',
        label: 'Tiers',
        type: 'relationship',
        relationTo: 'tiers',
        hasMany: true,
        admin: { condition: (data) => data?.audience === 'tiers' },
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          siblingData?.audience !== 'tiers' || (Array.isArray(value) && value.length > 0) || 'Choose at least one tier.',
      },
    ],
  },
]
