import { PERSON_POPULATE, dateColumn, formattedAmount, personColumns, relationField, relationId, textColumn, selectOf } from '@/exports/columns'
import { isoDate } from '@/exports/csv'
import type { CsvExport } from '@/exports/endpoint'
import { csvExportEndpoint } from '@/exports/endpoint'
import type { RefundEntry } from '@/payments/refunds'
import { refundedAmount } from '@/payments/refunds'

const refundsOf = (doc: Record<string, unknown>) => (Array.isArray(doc.refunds) ? (doc.refunds as RefundEntry[]) : [])

/**
 * The payments ledger as CSV (`GET /api/payments/export.csv`): amounts as integer minor units
 * beside their currency and as written ("£25.00"), refunded so far, receipt, method, status,
 * provider references; notes only for those who read them.
 */
export const paymentsExport: CsvExport = {
  collection: 'payments',
  label: 'payments',
  plan: async () => ({
    columns: [
      { header: 'ID', value: (doc) => doc.id },
      textColumn('receiptNumber', 'Receipt number'),
      dateColumn('paidAt', 'Paid at'),
      ...personColumns('member', 'Member'),
      { header: 'Membership ID', field: 'membership', value: (doc) => relationId(doc.membership) },
      { header: 'Membership number', field: 'membership', value: (doc) => relationField(doc.membership, 'membershipNumber') },
      textColumn('purpose', 'Purpose'),
      textColumn('method', 'Method'),
      textColumn('status', 'Status'),
      textColumn('amount', 'Amount (minor units)'),
      textColumn('currency', 'Currency'),
      { header: 'Amount', field: 'amount', value: (doc) => formattedAmount(doc.amount, doc.currency) },
      { header: 'Refunded (minor units)', field: 'refunds', value: (doc) => refundedAmount(refundsOf(doc)) },
      { header: 'Refunded', field: 'refunds', value: (doc) => formattedAmount(refundedAmount(refundsOf(doc)), doc.currency) },
      textColumn('amountReason', 'Why the amount differs'),
      { header: 'Recorded by', field: 'recordedBy', value: (doc) => [relationField(doc.recordedBy, 'firstName'), relationField(doc.recordedBy, 'lastName')].filter(Boolean).join(' ') },
      textColumn('provider', 'Provider'),
      textColumn('providerPaymentId', 'Provider payment reference'),
      textColumn('failureReason', 'Failure reason'),
      textColumn('notes', 'Notes'),
      { header: 'Created', value: (doc) => isoDate(doc.createdAt) },
    ],
    select: selectOf(['receiptNumber', 'paidAt', 'member', 'membership', 'purpose', 'method', 'status', 'amount', 'currency', 'refunds', 'amountReason', 'recordedBy', 'provider', 'providerPaymentId', 'failureReason', 'notes', 'createdAt']),
    depth: 1,
    populate: { users: PERSON_POPULATE, memberships: { membershipNumber: true } },
  }),
}

export const paymentsExportEndpoint = csvExportEndpoint(paymentsExport)
