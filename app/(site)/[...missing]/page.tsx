import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

export const metadata: Metadata = { title: 'Page not found' }

/**
 * Any address under the member site that no other route serves: the site's own 404 page, in the
 * site's layout. (The admin panel and the API have routes of their own, which win over this one.)
 */
export default function MissingPage(): never {
  notFound()
}
