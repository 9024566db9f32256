/**
 * The reports of the admin dashboard (SPEC §9, issue 16), by name. Who may read each is the report
 * matrix's (src/access/matrix.ts); how each is computed is in its own file.
 */
import type { ReportName } from '@/access/matrix'

import { attendanceReport } from './attendance'
import { expiringReport } from './expiring'
import { membersReport } from './members'
import { movementReport } from './movement'
import { outstandingReport } from './outstanding'
import { revenueReport } from './revenue'
import type { ReportDefinition } from './types'
import { volunteeringReport } from './volunteering'

export const REPORTS: Record<ReportName, ReportDefinition> = {
  members: membersReport,
  movement: movementReport,
  revenue: revenueReport,
  outstanding: outstandingReport,
  expiring: expiringReport,
  attendance: attendanceReport,
  volunteering: volunteeringReport,
}

export function isReportName(value: string): value is ReportName {
  return Object.hasOwn(REPORTS, value)
}
