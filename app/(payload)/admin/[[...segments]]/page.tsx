import config from '@payload-config'
import { generatePageMetadata, RootPage } from '@payloadcms/next/views'
import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { type TypedUser, getPayload } from 'payload'

import { addressWithoutRefusedFilter, holdsFilter } from '@/admin/listRefusals'
import { signedInFromHeaders } from '@/lib/siteRequest'

import { importMap } from '../importMap'

type Args = {
  params: Promise<{ segments: string[] }>
  searchParams: Promise<{ [key: string]: string | string[] }>
}

export const generateMetadata = ({ params, searchParams }: Args): Promise<Metadata> =>
  generatePageMetadata({ config, params, searchParams })

const Page = async ({ params, searchParams }: Args) => {
  const [{ segments }, search] = await Promise.all([params, searchParams])
  // a list whose address holds a filter it would refuse goes to the same list without it (src/admin/listRefusals.ts)
  if (segments?.[0] === 'collections' && holdsFilter(search)) {
    const payload = await getPayload({ config, importMap })
    // the person as API requests carry them (collections/users/signedInStrategy.ts), as the list view's own queries do
    const user = (await signedInFromHeaders(payload, await headers())) as unknown as TypedUser | null
    const instead = await addressWithoutRefusedFilter({ payload, user, segments, searchParams: search })
    if (instead) redirect(instead)
  }
  return RootPage({ config, params, searchParams, importMap })
}

export default Page
