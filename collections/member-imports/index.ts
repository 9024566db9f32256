import type { CollectionConfig, Field } from 'payload'

import { collectionAccess, systemFieldAccess } from '@/access/collectionAccess'
import { MAX_CSV_BYTES } from '@/members/import/csv'
import { IMPORT_MODES } from '@/members/import/fields'
import { DATE_ORDERS } from '@/members/import/rows'

import { dryRunEndpoint, reportEndpoint, runEndpoint, setupEndpoint, uploadEndpoint } from './endpoints'
import { prepareImport } from './hooks/prepareImport'

export const IMPORT_STATUSES = ['uploaded', 'checked', 'queued', 'running', 'finished', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]

const STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: 'Uploaded: map the columns, then check',
  checked: 'Checked (dry run done)',
  queued: 'Waiting to run',
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
}

const systemOnly = (field: string) => ({ ...systemFieldAccess('member-imports', field) })
const readOnlyNumber = (name: string): Field => ({ name, type: 'number', defaultValue: 0, admin: { readOnly: true } })

/**
 * Imports of people from a spreadsheet export (issue 16 points 5 and 6; src/members/import): the
 * file, how its columns map to Hangar's fields, the dry run's findings, the run's progress and its
 * report. Made by uploading a CSV (the admin panel's form or `POST /api/member-imports/upload`);
 * checked with `POST /api/member-imports/:id/dry-run`; run as a job with `…/:id/run`; the report
 * is `GET …/:id/report.csv`.
 */
export const MemberImports: CollectionConfig = {
  slug: 'member-imports',
  labels: { singular: 'Member import', plural: 'Member imports' },
  admin: {
    group: 'People',
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'mode', 'status', 'rowCount', 'createdAt'],
    description: 'Bring people in from a spreadsheet (CSV): upload it, match its columns to Hangar’s fields, check what would happen, then run it.',
  },
  defaultSort: '-createdAt',
  access: collectionAccess('member-imports'),
  endpoints: [uploadEndpoint, setupEndpoint, dryRunEndpoint, runEndpoint, reportEndpoint],
  hooks: { beforeChange: [prepareImport] },
  fields: [
    {
      name: 'wizard',
      type: 'ui',
      admin: { components: { Field: '/collections/member-imports/components/ImportWizard#ImportWizard' } },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'filename',
          label: 'File',
          type: 'text',
          maxLength: 200,
          access: { update: () => false },
          admin: { readOnly: true },
        },
        {
          name: 'mode',
          label: 'What the file does',
          type: 'select',
          required: true,
          defaultValue: 'create',
          access: { update: () => false },
          options: [
            { label: 'Add and update people and their memberships', value: IMPORT_MODES[0] },
            { label: 'Bulk update: change chosen details of people who are already here', value: IMPORT_MODES[1] },
          ],
          admin: { description: 'People are found by their email address.', condition: (data) => Boolean(data?.id) },
        },
      ],
    },
    {
      // the file's text: given once, never changed, never read back through the API (it is personal data)
      name: 'csv',
      type: 'textarea',
      required: true,
      maxLength: MAX_CSV_BYTES,
      access: { read: () => false, update: () => false },
      admin: { hidden: true },
    },
    { name: 'delimiter', type: 'text', access: systemOnly('delimiter'), admin: { hidden: true } },
    { name: 'headers', type: 'json', access: systemOnly('headers'), admin: { hidden: true } },
    { name: 'rowCount', label: 'Rows', type: 'number', access: systemOnly('rowCount'), admin: { hidden: true } },
    {
      // for each column of the file, the field it fills (`email`, `tier`, `custom:<key>`…) or null
      name: 'mapping',
      type: 'json',
      admin: { hidden: true },
    },
    {
      name: 'options',
      type: 'group',
      admin: { hidden: true },
      fields: [
        { name: 'sendWelcome', label: 'Send the welcome email to new people', type: 'checkbox', defaultValue: false },
        { name: 'sendReceipts', label: 'Send receipts for imported payments', type: 'checkbox', defaultValue: false },
        {
          name: 'dateOrder',
          label: 'Dates written with slashes are',
          type: 'select',
          defaultValue: 'dmy',
          options: DATE_ORDERS.map((value) => ({ value, label: value === 'dmy' ? 'day/month/year (31/03/2026)' : 'month/day/year (03/31/2026)' })),
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'uploaded',
      index: true,
      options: IMPORT_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
      access: systemOnly('status'),
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'dryRun', type: 'json', access: systemOnly('dryRun'), admin: { hidden: true } },
    {
      name: 'progress',
      type: 'group',
      access: systemOnly('progress'),
      admin: { hidden: true },
      fields: ['total', 'processed', 'created', 'updated', 'unchanged', 'failed'].map(readOnlyNumber),
    },
    {
      // every row's outcome: served as the report (report.csv), not with the document
      name: 'results',
      type: 'json',
      access: { ...systemOnly('results'), read: () => false },
      admin: { hidden: true },
    },
    { name: 'runBy', type: 'relationship', relationTo: 'users', access: systemOnly('runBy'), admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.runBy) } },
    { name: 'startedAt', type: 'date', access: systemOnly('startedAt'), admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' }, condition: (data) => Boolean(data?.startedAt) } },
    { name: 'finishedAt', type: 'date', access: systemOnly('finishedAt'), admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' }, condition: (data) => Boolean(data?.finishedAt) } },
    { name: 'error', type: 'text', access: systemOnly('error'), admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.error) } },
  ],
}
