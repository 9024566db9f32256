import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'

import { REPORT_NAMES } from '@/access/matrix'
import { canReadReport } from '@/access/resolve'
import type { Actor } from '@/access/subjects'

import { ReportsDashboard } from './ReportsDashboard'

/**
 * `/admin/reports`: the committee's dashboard in the admin panel's own frame (navigation and all).
 * The panels are those the report matrix gives the signed-in person's roles; the tiers offered as
 * a filter are those they may read.
 */
export async function ReportsView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const user = req.user as Actor
  const reports = REPORT_NAMES.filter((name) => canReadReport(name, user))
  const tiers = user
    ? (await req.payload.find({ collection: 'tiers', user: req.user, overrideAccess: false, depth: 0, limit: 100, sort: 'sortOrder', select: { name: true } })).docs
    : []
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      req={req}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1 style={{ margin: 'calc(var(--base) * 2) 0 var(--base)' }}>Reports</h1>
        <ReportsDashboard reports={reports} tiers={tiers.map((tier) => ({ id: Number(tier.id), name: String(tier.name) }))} today={new Date().toISOString().slice(0, 10)} />
      </Gutter>
    </DefaultTemplate>
  )
}
