import type { CollectionBeforeChangeHook } from 'payload'

import { idOf } from '@/access/collectionAccess'

/**
 * A readable title for lists and relationship pickers in the admin panel:
 * "Personal · Jo Newcomer · SASA-000123" (the number once there is one).
 */
export const setTitle: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const number = data.membershipNumber ?? originalDoc?.membershipNumber
  const numberChanged = operation === 'update' && data.membershipNumber && data.membershipNumber !== originalDoc?.membershipNumber
  if (operation !== 'create' && !numberChanged && originalDoc?.title) return data

  const [member, tier] = await Promise.all([
    req.payload.findByID({ collection: 'users', id: idOf(data.member ?? originalDoc?.member)!, req, depth: 0, overrideAccess: true, disableErrors: true }),
    req.payload.findByID({ collection: 'tiers', id: idOf(data.tier ?? originalDoc?.tier)!, req, depth: 0, overrideAccess: true, disableErrors: true }),
  ])
  const parts = [tier?.name, member ? `${member.firstName} ${member.lastName}` : undefined, number].filter(Boolean)
  return { ...data, title: parts.join(' · ') }
}
