import type { CsvCell } from '@/exports/csv'
import { isoDate } from '@/exports/csv'
import { dateColumn, text, textColumn, selectOf } from '@/exports/columns'
import type { CsvColumn, CsvExport } from '@/exports/endpoint'
import { csvExportEndpoint } from '@/exports/endpoint'
import { canReadValue, formatValue } from '@/members/customFieldRules'
import { definitionsOf, valueActorOf } from '@/members/customFields'

type Doc = Record<string, unknown>

const address = (part: string) => (doc: Doc): CsvCell => text((doc.address as Doc | undefined)?.[part])

/**
 * The people list as CSV (`GET /api/users/export.csv`): contact details (phone, date of birth and
 * address decrypted, as the reader reads them), roles, email verification, then one column per
 * custom member field the asker may see (src/members/customFields.ts decides; sensitive values
 * arrive decrypted from its read hook, never as ciphertext). No password hash or salt, API key,
 * or reset and verification token: those are in no column. Internal notes and the directory lock
 * only for those who read them (admins and the secretary).
 */
export const usersExport: CsvExport = {
  collection: 'users',
  label: 'people',
  plan: async (req) => {
    const columns: CsvColumn[] = [
      { header: 'ID', value: (doc) => doc.id },
      textColumn('email', 'Email'),
      textColumn('firstName', 'First name'),
      textColumn('lastName', 'Last name'),
      textColumn('phone', 'Phone'),
      textColumn('dateOfBirth', 'Date of birth'),
      { header: 'Address line 1', field: 'address', value: address('line1') },
      { header: 'Address line 2', field: 'address', value: address('line2') },
      { header: 'Town', field: 'address', value: address('town') },
      { header: 'County', field: 'address', value: address('county') },
      { header: 'Postcode', field: 'address', value: address('postcode') },
      { header: 'Country', field: 'address', value: address('country') },
      { header: 'Roles', field: 'roles', value: (doc) => (Array.isArray(doc.roles) ? doc.roles.join('; ') : '') },
      dateColumn('emailVerifiedAt', 'Email verified'),
      { header: 'Renewal reminders', field: 'emailPreferences', value: (doc) => ((doc.emailPreferences as Doc | undefined)?.renewalReminders === false ? 'No' : 'Yes') },
      { header: 'Hidden from directory', field: 'directoryHidden', value: (doc) => (doc.directoryHidden ? 'Yes' : 'No') },
      textColumn('internalNotes', 'Internal notes'),
      dateColumn('erasureRequestedAt', 'Erasure asked for'),
      dateColumn('erasedAt', 'Erased'),
      { header: 'Created', value: (doc) => isoDate(doc.createdAt) },
    ]

    // one column per custom field the asker may see on anyone (staff-only ones for staff who read every person)
    const actor = { ...valueActorOf(req, null, false), self: false }
    const headers = new Set(columns.map((column) => column.header))
    for (const definition of await definitionsOf(req)) {
      if (!canReadValue(definition, actor)) continue
      let header = definition.archived ? `${definition.label} (archived)` : definition.label
      if (headers.has(header)) header = `${header} (${definition.key})`
      headers.add(header)
      columns.push({
        header,
        field: 'customFields',
        value: (doc) => {
          const values = doc.customFields as Record<string, unknown> | null | undefined
          return formatValue(definition, values?.[definition.key])
        },
      })
    }

    const select = selectOf(['email', 'firstName', 'lastName', 'phone', 'dateOfBirth', 'address', 'roles', 'emailVerifiedAt', 'emailPreferences', 'directoryHidden', 'internalNotes', 'erasureRequestedAt', 'erasedAt', 'createdAt', 'customFields'])
    return { columns, select, depth: 0 }
  },
}

export const usersExportEndpoint = csvExportEndpoint(usersExport)
