import type { Payment } from '@payload-types'

import type { PaymentProvider } from '@/payments/provider'

import { squareClient, webPaymentsSdkUrl } from './client'
import type { SquarePluginOptions } from './types'

/**
 * Square behind Hangar's provider interface: checkout answers with what the card form needs
 * (the amount comes from the ledger, never from the browser); refunds go through RefundPayment.
 */
export function squareProvider(options: SquarePluginOptions): PaymentProvider {
  const cardForm = (payment: Payment) => ({
    provider: 'square',
    paymentId: payment.id,
    amount: payment.amount,
    currency: payment.currency,
    applicationId: options.applicationId,
    locationId: options.locationId,
    sdkUrl: webPaymentsSdkUrl(options),
    page: `/pay/square/${payment.id}`,
    submit: `/api/payments/square/${payment.id}/pay`,
  })
  return {
    id: 'square',
    label: 'Card (Square)',
    isEnabled: async () => options.enabled,
    cardForm,
    startCheckout: async ({ payment }) => ({ type: 'card_form', data: cardForm(payment) }),
    refund: async ({ payment, amount, reason, idempotencyKey }) => {
      if (!payment.providerPaymentId) throw new Error('This payment has no Square payment id to refund.')
      const { refund } = await (await squareClient(options)).refunds.refundPayment({
        idempotencyKey,
        paymentId: payment.providerPaymentId,
        amountMoney: { amount: BigInt(amount), currency: payment.currency },
        reason: reason ?? undefined,
      })
      if (!refund?.id) throw new Error('Square did not return a refund.')
      return { providerRefundId: refund.id, status: refund.status === 'COMPLETED' ? 'completed' : 'pending' }
    },
  }
}
