import type { Endpoint } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import { refundPayment } from '@/payments/refund'

/** `POST /api/payments/:id/refund` `{ amount?, reason? }` (treasurer, admin): the whole remainder when no amount is given. */
export const refundEndpoint: Endpoint = {
  path: '/:id/refund',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const { amount, reason } = (req.data ?? {}) as { amount?: unknown; reason?: unknown }
    const payment = await refundPayment(req, { payment: req.routeParams?.id as string, amount, reason })
    return Response.json({ doc: payment, message: payment.status === 'refunded' ? 'Refunded in full.' : 'Refund recorded.' })
  },
}
