import config from '@payload-config'
import { headers } from 'next/headers'
import type { PayloadRequest } from 'payload'
import { createLocalReq, getPayload } from 'payload'
import { cache } from 'react'

import type { Setting, User } from '@payload-types'

import type { SignedIn } from '../../collections/users/signedInStrategy'

import { DEFAULT_COUNTRY, isCountryCode } from '@/lib/contactDetails'
import { WHOLE_ACCOUNT_HEADER } from '@/lib/accountRoutes'
import { readSettings, signedInFromHeaders, userFromHeaders } from '@/lib/siteRequest'
import { publicTiers } from '@/membership/tiers'
import { currentPolicyVersion } from '@/privacy/consents'

export const getPayloadClient = () => getPayload({ config })

/**
 * The request's sign-in, once per render: the whole account on the paths whose pages show it
 * (the proxy marks them: src/lib/accountRoutes.ts), else who the person is, as API requests read them.
 */
const signIn = cache(async (): Promise<{ user: SignedIn | User | null; whole: boolean }> => {
  const [payload, requestHeaders] = await Promise.all([getPayloadClient(), headers()])
  if (requestHeaders.get(WHOLE_ACCOUNT_HEADER) === '1') return { user: withoutCustomFields(await userFromHeaders(payload, requestHeaders)), whole: true }
  return { user: await signedInFromHeaders(payload, requestHeaders), whole: false }
})

/**
 * Custom field values are withheld: Payload reads the signed-in user as the system, staff-only
 * values included, and a page could hand this object to a client component. A page that shows
 * custom values reads them as the user (src/members/customFields.ts decides what they see).
 */
function withoutCustomFields(user: User | null): User | null {
  if (!user) return null
  const { customFields: _withheld, ...rest } = user
  return rest
}

/** Who is signed in (from Payload's HTTP-only cookie), or null: name, email, roles and the few facts access looks at. */
export const getSignedInUser = cache(async (): Promise<SignedIn | null> => (await signIn()).user as SignedIn | null)

/**
 * The signed-in person's whole account (profile, preferences), or null, without custom field
 * values. Read at sign-in on the paths that show it; elsewhere read now, by id.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const { user, whole } = await signIn()
  if (!user) return null
  if (whole) return user as User
  const payload = await getPayloadClient()
  const account = withoutCustomFields((await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: true, disableErrors: true })) as User | null)
  // what the sign-in set beside the account's fields (its collection, strategy and session), as Payload's own read has them
  const { collection, _strategy, _sid } = user as SignedIn & { collection?: string; _strategy?: string; _sid?: string }
  return account ? ({ ...account, collection, _strategy, _sid } as User) : null
})

/**
 * One Payload request for the page being rendered, as its signed-in user (or a visitor). Every
 * Local API call of the render passes it (`req`), so what a request works out once (who is a
 * member: src/access/membership.ts) is worked out once for the page, not once per call. Its
 * user is the sign-in's, as an API request's is: access rules and hooks read no more of it.
 */
export const getSiteRequest = cache(async (): Promise<PayloadRequest> => {
  const [payload, { user }] = await Promise.all([getPayloadClient(), signIn()])
  return createLocalReq({ user: (user ?? undefined) as User | undefined }, payload)
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
