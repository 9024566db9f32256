'use client'

import { useConfig, useListQuery } from '@payloadcms/ui'
import { stringify } from 'qs-esm'

/**
 * In a list view's "…" menu: download the list as CSV, with the filters, search and sort the list
 * shows now (GET /api/<collection>/export.csv, which checks who may and streams the file). Every
 * matching row is in the file, not only the page on screen. A plain link with `download` (styled
 * as the menu's other items): the browser saves the file, no client-side navigation is involved.
 */
export function ExportCsvMenuItem() {
  const { collectionSlug, query } = useListQuery()
  const { config } = useConfig()
  const search = stringify({ where: query?.where, search: query?.search || undefined, sort: query?.sort || undefined }, { addQueryPrefix: true, skipNulls: true })
  const href = `${config.serverURL ?? ''}${config.routes.api}/${collectionSlug}/export.csv${search}`
  return (
    <a className="popup-button-list__button" href={href} download data-hangar-component="ExportCsvMenuItem">
      Export CSV
    </a>
  )
}
