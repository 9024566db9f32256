import type { CollectionAfterChangeHook, CollectionConfig } from 'payload'

import { collectionAccess, fieldAccess, ownedByMember, systemFieldAccess } from '@/access/collectionAccess'
import { notFutureMoment } from '@/lib/dateFields'
import { isMinorUnits } from '@/lib/money'
import { applyMembershipPayment } from '@/payments/apply'
import { lockPaymentRows } from '@/payments/lockPayment'
import { METHOD_LABELS, PAYMENT_METHODS, PAYMENT_PURPOSES, PAYMENT_STATUSES } from '@/payments/ledger'

import { CURRENCIES } from '../../globals/settings'
import { lockBeforeWrite } from '../../hooks/lockBeforeWrite'
import { checkoutEndpoint } from './endpoints/checkout'
import { receiptPdfEndpoint } from './endpoints/receiptPdf'
import { refundEndpoint } from './endpoints/refund'
import { guardLedger } from './hooks/guardLedger'
import { sendReceipt } from './hooks/sendReceipt'
import { prepareManualEntry } from './hooks/prepareManualEntry'
import { setPendingKey } from './hooks/setPendingKey'

const systemOnly = (field: string) => systemFieldAccess('payments', field)
const label = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())

/**
 * A succeeded membership payment activates or extends the membership, once, in this
 * transaction; the member gets a receipt and staff a notice, queued in the same transaction.
 */
const applyAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  const outcome = await applyMembershipPayment(req, doc)
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
  },
  defaultSort: '-createdAt',
  access: collectionAccess('payments', { own: ownedByMember }),
  endpoints: [checkoutEndpoint, refundEndpoint, receiptPdfEndpoint],
  hooks: {
    beforeOperation: [lockBeforeWrite(lockPaymentRows)],
    beforeValidate: [prepareManualEntry],
    beforeChange: [guardLedger, setPendingKey],
    afterChange: [applyAfterChange],
  },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'membership', type: 'relationship', relationTo: 'memberships', index: true },
        { name: 'member', type: 'relationship', relationTo: 'users', required: true, index: true, admin: { readOnly: true } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'amount',
          label: 'Amount (minor units)',
          type: 'number',
          required: true,
          admin: { description: 'In pence: 2500 is £25.00.', step: 1 },
          validate: (value: unknown) => isMinorUnits(value) || 'The amount is a whole number of minor units (pence), 0 or more.',
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
          label: 'Price before discount (minor units)',
          type: 'number',
          access: systemOnly('listAmount'),
          admin: { readOnly: true, condition: (data) => Boolean(data?.discount?.amount) },
        },
        {
          name: 'discount',
          type: 'group',
          access: systemOnly('discount'),
          admin: { readOnly: true, condition: (data) => Boolean(data?.discount?.amount) },
          fields: [
            { name: 'amount', label: 'Discount (minor units)', type: 'number' },
            { name: 'reason', label: 'Discount', type: 'text' },
          ],
        },
      ],
    },
    {
      name: 'amountReason',
      type: 'text',
      admin: { description: 'Required when the amount differs from the price (part payment, discount, waiver).' },
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
    { name: 'receiptNumber', type: 'text', unique: true, access: systemOnly('receiptNumber'), admin: { position: 'sidebar', readOnly: true } },
    { name: 'recordedBy', type: 'relationship', relationTo: 'users', access: systemOnly('recordedBy'), admin: { position: 'sidebar', readOnly: true } },
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
        description: 'The membership period this payment pays for (membership:end of the period it extends); a period is paid once.',
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
      admin: { position: 'sidebar', readOnly: true, description: 'When this payment activated or extended its membership (once).' },
    },
    {
      name: 'idempotencyKey',
      type: 'text',
      required: true,
      unique: true,
      admin: { position: 'sidebar', readOnly: true, description: 'The same key is never charged or recorded twice.' },
    },
    {
      type: 'collapsible',
      label: 'Provider',
      admin: { initCollapsed: true },
      fields: [
        { name: 'provider', type: 'text', admin: { readOnly: true } },
        { name: 'providerPaymentId', type: 'text', index: true, admin: { readOnly: true } },
        { name: 'providerCustomerId', type: 'text', admin: { readOnly: true } },
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
      },
      fields: [
        { name: 'amount', label: 'Amount (minor units)', type: 'number', required: true },
        { name: 'at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'reason', type: 'text' },
        { name: 'by', type: 'relationship', relationTo: 'users' },
        { name: 'providerRefundId', type: 'text' },
        { name: 'status', type: 'select', options: ['pending', 'completed', 'failed'], defaultValue: 'completed' },
      ],
    },
    { name: 'notes', type: 'textarea', access: fieldAccess('payments', 'notes') },
  ],
}
