import type { Endpoint } from 'payload'

import type { User } from '@payload-types'

import { chargeSquarePayment } from '../charge'
import type { SquarePluginOptions } from '../types'
import { readJsonBody } from '@/lib/requestBody'

/** `POST /api/payments/square/:id/pay` `{ sourceId }`: the card form's token, charged for the ledger's amount. */
export function squarePayEndpoint(options: SquarePluginOptions): Endpoint {
  return {
    path: '/square/:id/pay',
    method: 'post',
    handler: async (req) => {
      const { sourceId } = await readJsonBody(req)
      const { payment, outcome } = await chargeSquarePayment(req.payload, req.user as User | null, options, { payment: req.routeParams?.id as string, sourceId })
      return Response.json({
        outcome,
        payment: { id: payment.id, status: payment.status, amount: payment.amount, currency: payment.currency, receiptNumber: payment.receiptNumber ?? null },
      })
    },
  }
}
