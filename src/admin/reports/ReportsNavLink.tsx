'use client'

import { useAuth } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

import { REPORT_NAMES } from '@/access/matrix'
import { canReadReport } from '@/access/resolve'
import type { Actor } from '@/access/subjects'

/** "Reports" in the admin navigation, for those the report matrix gives at least one report. */
export function ReportsNavLink() {
  const { user } = useAuth()
  const pathname = usePathname()
  if (!REPORT_NAMES.some((name) => canReadReport(name, user as Actor))) return null
  const current = pathname === '/admin/reports'
  return (
    <a className="nav__link" href="/admin/reports" aria-current={current ? 'page' : undefined} data-testid="nav-reports" style={{ marginTop: 'var(--base)' }}>
      {current && <div className="nav__link-indicator" />}
      <span className="nav__link-label">Reports</span>
    </a>
  )
}
