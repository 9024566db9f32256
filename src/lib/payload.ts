import config from '@payload-config'
import { headers } from 'next/headers'
import type { PayloadRequest } from 'payload'
import { createLocalReq, getPayload } from 'payload'
import { cache } from 'react'

import type { Setting, User } from '@payload-types'

import { DEFAULT_COUNTRY, isCountryCode } from '@/lib/contactDetails'
import { readSettings, userFromHeaders } from '@/lib/siteRequest'
import { publicTiers } from '@/membership/tiers'
import { currentPolicyVersion } from '@/privacy/consents'

export const getPayloadClient = () => getPayload({ config })

/**
 * The signed-in user of the current request (from Payload's HTTP-only cookie), or null. Without
 * their custom field values: Payload reads the signed-in user as the system, staff-only values
 * included, and a page could hand this object to a client component. A page that shows custom
 * values reads them as the user (src/members/customFields.ts decides what they see).
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const user = await userFromHeaders(await getPayloadClient(), await headers())
  if (!user) return null
  const { customFields: _withheld, ...rest } = user
  return rest
})

/**
 * One Payload request for the page being rendered, as its signed-in user (or a visitor). Every
 * Local API call of the render passes it (`req`), so what a request works out once (who is a
 * member: src/access/membership.ts) is worked out once for the page, not once per call.
 */
export const getSiteRequest = cache(async (): Promise<PayloadRequest> => {
  const [payload, user] = await Promise.all([getPayloadClient(), getCurrentUser()])
  return createLocalReq({ user: user ?? undefined }, payload)
})

/** The settings, read once per page render as the system: server code shows only what it picks. */
export const getSiteSettings = cache(async (): Promise<Setting> => readSettings(await getPayloadClient()))

/** What a visitor may see of the settings: only the fields marked public. */
export const getPublicSettings = cache(async () => {
  const settings = await getSiteSettings()
  return {
    organisationName: settings.organisationName || 'Hangar',
    currency: settings.currency || 'GBP',
    country: isCountryCode(settings.country) ? settings.country : DEFAULT_COUNTRY,
    privacyPolicyVersion: currentPolicyVersion(settings),
    privacyPolicyUrl: settings.privacyPolicyUrl || null,
  }
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
    pagination: false,
    overrideAccess: false,
    user: null,
  })
  return docs
})
