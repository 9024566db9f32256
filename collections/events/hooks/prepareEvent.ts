import type { CollectionBeforeValidateHook } from 'payload'

import { RefusedError } from '@/lib/errors'

const slugify = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)

/** A slug from the title when none is given (made unique with the date), and dates that make sense. */
export const prepareEvent: CollectionBeforeValidateHook = async ({ data, originalDoc }) => {
  if (!data) return data
  const merged = { ...(originalDoc ?? {}), ...data }
  const next = { ...data }
  if (!merged.slug && merged.title) {
    const day = merged.startsAt ? new Date(merged.startsAt).toISOString().slice(0, 10) : ''
    next.slug = [slugify(String(merged.title)), day].filter(Boolean).join('-')
  }
  if (merged.endsAt && merged.startsAt && new Date(merged.endsAt) < new Date(merged.startsAt)) throw new RefusedError('The event cannot end before it starts.', 400)
  if (merged.registrationOpensAt && merged.registrationClosesAt && new Date(merged.registrationClosesAt) < new Date(merged.registrationOpensAt)) {
    throw new RefusedError('Registration cannot close before it opens.', 400)
  }
  return next
}
