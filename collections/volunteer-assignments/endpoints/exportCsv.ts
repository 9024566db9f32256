import { parseISO } from 'date-fns/parseISO'
import type { PayloadRequest } from 'payload'

import { PERSON_POPULATE, dateColumn, personColumns, relationField, relationId, textColumn, selectOf } from '@/exports/columns'
import type { CsvExport } from '@/exports/endpoint'
import { csvExportEndpoint } from '@/exports/endpoint'
import { RefusedError } from '@/lib/errors'
import type { HoursPeriod, VolunteerHours } from '@/volunteering/hours'
import { memberRoleKey, volunteerHours, volunteerHoursByRole } from '@/volunteering/hours'

type PageHours = { byRole: Map<string, VolunteerHours>; total: Map<number, VolunteerHours> }

function dateParam(req: PayloadRequest, name: 'from' | 'to'): Date | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name]
  if (value === undefined || value === '') return undefined
  const date = typeof value === 'string' ? parseISO(value) : new Date(NaN)
  if (Number.isNaN(date.getTime())) throw new RefusedError(`${name} must be a date such as 2026-01-01.`, 400)
  return date
}

/**
 * Volunteer hours as CSV (`GET /api/volunteer-assignments/export.csv`): the role assignments list,
 * each row with the hours and attended shifts of that person in that role and in all roles, from
 * attended shifts (optionally those starting in `?from=2026-01-01&to=2027-01-01`). Hours are summed
 * in the database once per page of rows.
 */
export const volunteerHoursExport: CsvExport<PageHours> = {
  collection: 'volunteer-assignments',
  label: 'volunteer hours',
  plan: async (req) => {
    const period: HoursPeriod = { from: dateParam(req, 'from'), to: dateParam(req, 'to') }
    const hoursIn = (hours: VolunteerHours | undefined) => hours?.hours ?? 0
    return {
      columns: [
        { header: 'ID', value: (doc) => doc.id },
        ...personColumns<PageHours>('member', 'Member'),
        { header: 'Role ID', field: 'role', value: (doc) => relationId(doc.role) },
        { header: 'Role', field: 'role', value: (doc) => relationField(doc.role, 'name') },
        textColumn<PageHours>('status', 'Status'),
        textColumn<PageHours>('certificates', 'Certificates'),
        dateColumn<PageHours>('certificatesValidUntil', 'Certificates valid until'),
        { header: 'Shifts attended in this role', field: 'member', value: (doc, page) => page.byRole.get(memberRoleKey(relationId(doc.member), relationId(doc.role)))?.shifts ?? 0 },
        { header: 'Hours in this role', field: 'member', value: (doc, page) => hoursIn(page.byRole.get(memberRoleKey(relationId(doc.member), relationId(doc.role)))) },
        { header: 'Hours in all roles', field: 'member', value: (doc, page) => hoursIn(page.total.get(Number(relationId(doc.member)))) },
        dateColumn<PageHours>('assignedAt', 'Assigned at'),
        textColumn<PageHours>('notes', 'Notes'),
      ],
      // `certificates` is worked out from the validity date and issue when read
      select: selectOf(['member', 'role', 'status', 'certificates', 'certificatesValidUntil', 'certificateIssue', 'assignedAt', 'notes']),
      depth: 1,
      populate: { users: PERSON_POPULATE, 'volunteer-roles': { name: true } },
      forPage: async (docs) => {
        const members = [...new Set(docs.map((doc) => relationId(doc.member)).filter((id): id is number => typeof id === 'number'))]
        const byRole = await volunteerHoursByRole(req.payload, members, period)
        return { byRole, total: period.from || period.to ? sumOverRoles(byRole) : await volunteerHours(req.payload, members) }
      },
      fileName: period.from || period.to ? `volunteer-hours-${period.from?.toISOString().slice(0, 10) ?? ''}-${period.to?.toISOString().slice(0, 10) ?? ''}` : undefined,
    }
  },
}

/** Hours in all roles within a period: the sum of a page's hours per role. */
function sumOverRoles(byRole: Map<string, VolunteerHours>): Map<number, VolunteerHours> {
  const total = new Map<number, VolunteerHours>()
  for (const [key, hours] of byRole) {
    const member = Number(key.split(':')[0])
    const sum = total.get(member) ?? { hours: 0, shifts: 0 }
    total.set(member, { hours: sum.hours + hours.hours, shifts: sum.shifts + hours.shifts })
  }
  return total
}

export const volunteerHoursExportEndpoint = csvExportEndpoint(volunteerHoursExport)
