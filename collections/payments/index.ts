import type { CollectionAfterChangeHook, CollectionConfig } from 'payload'

import { collectionAccess, fieldAccess, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { canAny } from '@/access/resolve'
import type { Actor } from '@/access/subjects'
import { MONEY_API_NOTE, filledByServer, moneyComponents } from '@/admin/fields'
import { notFutureMoment } from '@/lib/dateFields'
import { isMinorUnits } from '@/lib/money'
import { applyMembershipPayment } from '@/payments/apply'
import { applyEventPayment } from '@/payments/applyEvent'
import { lockPaymentRows } from '@/payments/lockPayment'
import { METHOD_LABELS, PAYMENT_METHODS, PAYMENT_PURPOSES, PAYMENT_STATUSES } from '@/payments/ledger'
import { EXPORT_CSV_MENU_ITEM } from '@/exports/menuItem'

import { CURRENCIES } from '../../globals/settings'
import { auditChange, auditDelete } from '../../hooks/auditTrail'
import { lockBeforeWrite } from '../../hooks/lockBeforeWrite'
import { checkoutEndpoint } from './endpoints/checkout'
import { paymentsExportEndpoint } from './endpoints/exportCsv'
import { receiptPdfEndpoint } from './endpoints/receiptPdf'
import { refundEndpoint } from './endpoints/refund'
import { guardLedger } from './hooks/guardLedger'
import { sendReceipt } from './hooks/sendReceipt'
import { prepareManualEntry } from './hooks/prepareManualEntry'
import { setPendingKey } from './hooks/setPendingKey'

const systemOnly = (field: string) => systemFieldAccess('payments', field)
const label = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())

/**
 * A succeeded membership payment activates or extends the membership (an event payment registers
 * its place), once, in this
 * transaction; the member gets a receipt and staff a notice, queued in the same transaction.
 */
const applyAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const outcome = doc.purpose === 'event' ? await applyEventPayment(req, doc) : await applyMembershipPayment(req, doc)
  const current = outcome === 'applied' || outcome === 'cancelled' ? await req.payload.findByID({ collection: 'payments', id: doc.id, req, depth: 0, overrideAccess: true }) : doc
  if (current.status === 'succeeded' && previousDoc?.status !== 'succeeded') await sendReceipt(req, current)
  return current
}

export const Payments: CollectionConfig = {
  slug: 'payments',
  labels: { singular: 'Payment', plural: 'Payments' },
  admin: {
    group: 'Money',
    useAsTitle: 'receiptNumber',
    defaultColumns: ['receiptNumber', 'member', 'amount', 'currency', 'method', 'status', 'paidAt'],
    description: 'The ledger of all money. Record cash, cheques, bank transfers and complimentary memberships here.',
    components: { listMenuItems: [EXPORT_CSV_MENU_ITEM] },
  },
  defaultSort: '-createdAt',
  access: collectionAccess('payments', { own: ownedByMember }),
  // the admin list by status (newest first, e.g. the admin home's "payments pending" link) and
  // by status and date paid (Payload orders ties by createdAt)
  indexes: [{ fields: ['status', 'createdAt'] }, { fields: ['status', 'paidAt', 'createdAt'] }],
  endpoints: [paymentsExportEndpoint, checkoutEndpoint, refundEndpoint, receiptPdfEndpoint],
  hooks: {
    beforeOperation: [lockBeforeWrite(lockPaymentRows)],
    beforeValidate: [prepareManualEntry],
    beforeChange: [guardLedger, setPendingKey],
    afterChange: [applyAfterChange, auditChange('payments')],
    afterDelete: [auditDelete('payments')],
  },
  fields: [
    {
      name: 'auditTrail',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/src/admin/AuditTrailLink#AuditTrailLink' }, condition: (_data, _sibling, { user }) => canAny('audit-entries', user as Actor, 'read') },
    },
    {
      name: 'statusBanner',
      type: 'ui',
      admin: { components: { Field: '/collections/payments/components/PaymentStatusBanner#PaymentStatusBanner' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'membership', type: 'relationship', relationTo: 'memberships', index: true },
        {
          name: 'rsvp',
          label: 'Event registration',
          type: 'relationship',
          relationTo: 'rsvps',
          index: true,
          access: systemOnly('rsvp'),
          admin: { readOnly: true, condition: (data) => Boolean(data?.rsvp), description: 'The event place this payment is for (purpose: event).' },
        },
        {
          name: 'member',
          type: 'relationship',
          relationTo: 'users',
          required: true,
          index: true,
          validate: filledByServer('A payment needs the member who paid: choose their membership.'),
          admin: { readOnly: true, description: 'Filled in from the membership.' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'amount',
          label: 'Amount',
          type: 'number',
          required: true,
          admin: { description: `What was paid, in pounds and pence, e.g. £25.00. ${MONEY_API_NOTE}`, step: 1, components: moneyComponents },
          validate: (value: unknown) => isMinorUnits(value) || 'The amount is a whole number of pence (2500 for £25.00), 0 or more.',
        },
        { name: 'currency', type: 'select', required: true, defaultValue: 'GBP', options: CURRENCIES.map((c) => ({ label: c, value: c })) },
        {
          name: 'method',
          type: 'select',
          required: true,
          defaultValue: 'cash',
          options: PAYMENT_METHODS.map((value) => ({ label: METHOD_LABELS[value], value })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'listAmount',
          label: 'Price before discount',
          type: 'number',
          access: systemOnly('listAmount'),
          admin: { readOnly: true, condition: (data) => Boolean(data?.discount?.amount), components: moneyComponents },
        },
        {
          name: 'discount',
          type: 'group',
          access: systemOnly('discount'),
          admin: { readOnly: true, condition: (data) => Boolean(data?.discount?.amount) },
          fields: [
            { name: 'amount', label: 'Discount', type: 'number', admin: { components: moneyComponents } },
            { name: 'reason', label: 'Discount', type: 'text' },
          ],
        },
      ],
    },
    {
      name: 'amountReason',
      label: 'Why the amount differs from the price',
      type: 'text',
      admin: { description: 'Needed when less or more than the price was paid (part payment, discount, waiver).' },
    },
    {
      name: 'purpose',
      type: 'select',
      required: true,
      defaultValue: 'membership',
      options: PAYMENT_PURPOSES.map((value) => ({ label: label(value), value })),
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: PAYMENT_STATUSES.map((value) => ({ label: label(value), value })),
      access: systemOnly('status'),
      admin: { position: 'sidebar', readOnly: true },
    },
    { name: 'paidAt', type: 'date', index: true, validate: notFutureMoment('The date the payment was received'), admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'receiptNumber',
      type: 'text',
      unique: true,
      access: systemOnly('receiptNumber'),
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.receiptNumber) },
    },
    {
      name: 'recordedBy',
      type: 'relationship',
      relationTo: 'users',
      access: systemOnly('recordedBy'),
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.recordedBy) },
    },
    {
      name: 'refundAction',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/collections/payments/components/RefundAction#RefundAction' } },
    },
    {
      name: 'cancelReason',
      type: 'textarea',
      access: systemOnly('cancelReason'),
      admin: {
        position: 'sidebar',
        readOnly: true,
        condition: (data) => Boolean(data?.cancelReason),
        description: 'Why this payment was cancelled instead of applied, and what the provider did with the money.',
      },
    },
    {
      name: 'periodKey',
      type: 'text',
      index: true,
      access: systemOnly('periodKey'),
      admin: {
        position: 'sidebar',
        readOnly: true,
        condition: (data) => Boolean(data?.periodKey),
        description: 'Which membership period this payment pays for; each period is paid for once.',
      },
    },
    {
      name: 'pendingKey',
      type: 'text',
      unique: true,
      access: { ...systemOnly('pendingKey'), read: () => false },
      admin: { hidden: true },
    },
    {
      name: 'appliedAt',
      type: 'date',
      access: systemOnly('appliedAt'),
      admin: {
        position: 'sidebar',
        readOnly: true,
        condition: (data) => Boolean(data?.appliedAt),
        description: 'When this payment activated or extended its membership (once).',
      },
    },
    {
      name: 'idempotencyKey',
      label: 'Payment reference',
      type: 'text',
      required: true,
      unique: true,
      validate: filledByServer('A payment needs a reference.'),
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Given when the payment is recorded; a payment with the same reference is never charged or recorded twice.',
      },
    },
    {
      type: 'collapsible',
      label: 'Provider',
      admin: { initCollapsed: true },
      fields: [
        { name: 'provider', type: 'text', admin: { readOnly: true } },
        { name: 'providerPaymentId', label: 'Provider’s payment reference', type: 'text', index: true, admin: { readOnly: true } },
        { name: 'providerCustomerId', label: 'Provider’s customer reference', type: 'text', admin: { readOnly: true } },
        { name: 'failureReason', type: 'text', admin: { readOnly: true, description: 'What the provider said when the payment failed.' } },
      ],
    },
    {
      name: 'refunds',
      type: 'array',
      access: systemOnly('refunds'),
      admin: {
        readOnly: true,
        initCollapsed: true,
        description: 'Money given back, through the provider or by hand. Recorded by the refund action, never edited.',
        components: { RowLabel: '/collections/payments/components/RefundRowLabel#RefundRowLabel' },
      },
      fields: [
        { name: 'amount', label: 'Amount', type: 'number', required: true, admin: { components: moneyComponents } },
        { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'reason', type: 'text' },
        { name: 'by', type: 'relationship', relationTo: 'users' },
        { name: 'providerRefundId', label: 'Provider’s refund reference', type: 'text' },
        {
          name: 'status',
          type: 'select',
          options: [
            { label: 'Pending at the provider', value: 'pending' },
            { label: 'Completed', value: 'completed' },
            { label: 'Failed', value: 'failed' },
          ],
          defaultValue: 'completed',
        },
      ],
    },
    {
      name: 'memberImport',
      label: 'Imported by',
      type: 'relationship',
      relationTo: 'member-imports',
      index: true,
      access: systemOnly('memberImport'),
      admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.memberImport), description: 'Recorded from a spreadsheet import (the method as the file gave it); no money was taken here.' },
    },
    { name: 'notes', type: 'textarea', access: fieldAccess('payments', 'notes') },
  ],
}
