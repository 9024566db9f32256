import { Banner } from '@payloadcms/ui/elements/Banner'
import Link from 'next/link'
import type { BeforeListTableServerProps, Where } from 'payload'

import { REFUSED_WHERE, filterRefusalOf, listQueryOf, listRefusalOf } from './listRefusals'

/**
 * Above every admin list: when the filter in the address, or the sort the list was asked for or
 * remembers, is one the list cannot use, says so and why, with a way back. A refused filter was
 * moved out of the address's `where` (the list shows unfiltered: listRefusals.ts) or, where it
 * reached the list's query some other way, left the list without rows; a refused sort leaves the
 * list in its default order (src/lib/adminListQuery.ts).
 */
export async function ListQueryRefusal({ collectionConfig, payload, user, searchParams, listPreferences }: BeforeListTableServerProps) {
  const query = listQueryOf(searchParams)
  const sort = listPreferences?.sort || (typeof collectionConfig.defaultSort === 'string' ? collectionConfig.defaultSort : undefined)
  const [notApplied, refusal] = await Promise.all([
    filterRefusalOf({ payload, user, collection: collectionConfig, where: query[REFUSED_WHERE] }),
    listRefusalOf({ payload, user, collection: collectionConfig, where: query.where && typeof query.where === 'object' ? (query.where as Where) : undefined, sort }),
  ])
  if (notApplied.length === 0 && refusal.filter.length === 0 && refusal.sort.length === 0) return null
  const listURL = `${payload.config.routes.admin}/collections/${collectionConfig.slug}`
  const defaultSort = typeof collectionConfig.defaultSort === 'string' ? collectionConfig.defaultSort : '-createdAt'
  return (
    <div data-hangar-component="ListQueryRefusal" role="alert" style={{ marginBottom: 'var(--base)' }}>
      {notApplied.length > 0 && (
        <Banner type="error">
          The filter in the address was not applied, so this list is not filtered: {notApplied.join(' ')}
        </Banner>
      )}
      {refusal.filter.length > 0 && (
        <Banner type="error">
          This list shows no rows because its filter cannot be applied: {refusal.filter.join(' ')} <Link href={listURL}>Show the list without the filter</Link>
        </Banner>
      )}
      {refusal.sort.map((item) => (
        <Banner key={item.path} type="info">
          Not sorted by {item.path}, so the list is in its default order: {item.message} <Link href={`${listURL}?sort=${encodeURIComponent(defaultSort)}`}>Sort by the default instead</Link>
        </Banner>
      ))}
    </div>
  )
}
