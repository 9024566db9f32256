import { PERSON_POPULATE, dateColumn, personColumns, relationField, relationId, textColumn, selectOf } from '@/exports/columns'
import { isoDate } from '@/exports/csv'
import type { CsvExport } from '@/exports/endpoint'
import { csvExportEndpoint } from '@/exports/endpoint'

/**
 * The memberships list as CSV (`GET /api/memberships/export.csv`): number, member, tier, status,
 * period, seats; internal notes only for those who read them (admins and the secretary, not the
 * treasurer).
 */
export const membershipsExport: CsvExport = {
  collection: 'memberships',
  label: 'memberships',
  plan: async () => ({
    columns: [
      { header: 'ID', value: (doc) => doc.id },
      textColumn('membershipNumber', 'Membership number'),
      ...personColumns('member', 'Member'),
      { header: 'Tier ID', field: 'tier', value: (doc) => relationId(doc.tier) },
      { header: 'Tier', field: 'tier', value: (doc) => relationField(doc.tier, 'name') },
      { header: 'Tier kind', field: 'tier', value: (doc) => relationField(doc.tier, 'kind') },
      textColumn('organisationName', 'Organisation'),
      textColumn('status', 'Status'),
      dateColumn('periodStart', 'Period start'),
      dateColumn('periodEnd', 'Period end'),
      { header: 'Seat holders', field: 'seatHolders', value: (doc) => (Array.isArray(doc.seatHolders) ? doc.seatHolders.map((seat: { email?: string }) => seat.email).join('; ') : '') },
      { header: 'Household membership ID', field: 'household', value: (doc) => relationId(doc.household) },
      textColumn('internalNotes', 'Internal notes'),
      { header: 'Created', value: (doc) => isoDate(doc.createdAt) },
    ],
    select: selectOf(['membershipNumber', 'member', 'tier', 'organisationName', 'status', 'periodStart', 'periodEnd', 'seatHolders', 'household', 'internalNotes', 'createdAt']),
    // people and tiers with what the columns show (not whole documents); households stay ids
    depth: 1,
    populate: { users: PERSON_POPULATE, tiers: { name: true, kind: true }, memberships: { membershipNumber: true } },
  }),
}

export const membershipsExportEndpoint = csvExportEndpoint(membershipsExport)
