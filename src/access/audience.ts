/**
 * Who may see what an audience names (SPEC §6, §8): everyone (`public`), anyone whose
 * membership is active or in grace, their own or through an organisation seat (`members`), or
 * the members of chosen tiers (`tiers`). Events, notices and documents share it.
 */
import type { Field, FieldHook, PayloadRequest, Where } from 'payload'

import { idOf } from '@/access/collectionAccess'
import { memberAccess } from '@/access/membership'

export const AUDIENCES = ['public', 'members', 'tiers'] as const
export type Audience = (typeof AUDIENCES)[number]

/**
 * The chosen tiers as one text column (`,3,7,`), kept by the field's hook from `audienceTiers`.
 * Read filters use it: a filter on the `hasMany` relationship itself makes Payload join its
 * relations table and select distinct ids before reading the documents, which made a member's
 * event list cost twice a visitor's (bench:scale). Tier ids are written between commas so that
 * `,3,` matches tier 3 and never 13 or 31.
 */
export const AUDIENCE_TIER_LIST = 'audienceTierList'

export function tierList(audience: unknown, tiers: unknown): string | null {
  if (audience !== 'tiers' || !Array.isArray(tiers)) return null
  const ids = [...new Set(tiers.map(idOf).filter((id) => id !== undefined && id !== null).map(String))].sort()
  return ids.length > 0 ? `,${ids.join(',')},` : null
}

/** Whatever was sent for the list is replaced by what the audience and its tiers say. */
const keepTierList: FieldHook = ({ data, originalDoc }) =>
  tierList(data?.audience ?? originalDoc?.audience, data?.audienceTiers !== undefined ? data.audienceTiers : originalDoc?.audienceTiers)

/**
 * A filter for published documents the request's user may see, given the field names used. As
 * few conditions as say it (a member's "public or members" is one `in`, one tier is no `or`):
 * Payload turns the filter into SQL for the count, the list and each join that reads the same
 * collection, once a request.
 */
export async function audienceFilter(req: PayloadRequest, fields: { audience: string; published: Where }): Promise<Where> {
  const access = await memberAccess(req.payload, req.user as never, req)
  if (!access.isMember) return { and: [fields.published, { [fields.audience]: { equals: 'public' } }] }
  const visible: Where[] = [{ [fields.audience]: { in: ['public', 'members'] } }]
  if (access.tiers.length > 0) {
    const anyOfTheirTiers: Where[] = access.tiers.map((tier) => ({ [AUDIENCE_TIER_LIST]: { contains: `,${tier},` } }))
    visible.push({ and: [{ [fields.audience]: { equals: 'tiers' } }, anyOfTheirTiers.length === 1 ? anyOfTheirTiers[0]! : { or: anyOfTheirTiers }] })
  }
  return { and: [fields.published, visible.length === 1 ? visible[0]! : { or: visible }] }
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
  {
    name: AUDIENCE_TIER_LIST,
    type: 'text',
    // never shown, never in API answers or GraphQL; what it says is always worked out again
    hidden: true,
    hooks: { beforeChange: [keepTierList] },
  },
]
