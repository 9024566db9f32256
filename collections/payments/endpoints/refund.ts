import type { Endpoint } from 'payload'

import { refundPayment } from '@/payments/refund'
import { readJsonBody } from '@/lib/requestBody'

/** `POST /api/payments/:id/refund` `{ amount?, reason? }` (treasurer, admin): the whole remainder when no amount is given. */
export const refundEndpoint: Endpoint = {
  path: '/:id/refund',
  method: 'post',
  handler: async (req) => {
    // a body that is not a JSON object is refused (415/400), never read as "no amount" = everything
    const { amount, reason } = await readJsonBody(req)
    const payment = await refundPayment(req, { payment: req.routeParams?.id as string, amount, reason })
    return Response.json({ doc: payment, message: payment.status === 'refunded' ? 'Refunded in full.' : 'Refund recorded.' })
  },
}
