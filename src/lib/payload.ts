import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload } from 'payload'
import { cache } from 'react'

import type { User } from '@payload-types'

import { DEFAULT_COUNTRY, isCountryCode } from '@/lib/contactDetails'
import { publicTiers } from '@/membership/tiers'

export const getPayloadClient = () => getPayload({ config })

/** The signed-in user of the current request (from Payload's HTTP-only cookie), or null. */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const payload = await getPayloadClient()
  const { user } = await payload.auth({ headers: await headers() })
  return (user as User | null) ?? null
})

/** What a visitor may see of the settings: only the fields marked public. */
export const getPublicSettings = cache(async () => {
  const payload = await getPayloadClient()
  const settings = await payload.findGlobal({ slug: 'settings', overrideAccess: false, user: null, depth: 0 })
  return { organisationName: settings.organisationName || 'Hangar', currency: settings.currency || 'GBP', country: isCountryCode(settings.country) ? settings.country : DEFAULT_COUNTRY }
})

/** Tiers offered on the member site: public and active, in the admins' order. */
export const getPublicTiers = cache(async () => {
  const payload = await getPayloadClient()
  const { docs } = await payload.find({
    collection: 'tiers',
    where: publicTiers,
    sort: 'sortOrder',
    depth: 0,
    limit: 50,
    overrideAccess: false,
    user: null,
  })
  return docs
})
