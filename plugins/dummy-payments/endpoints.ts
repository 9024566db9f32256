import type { Endpoint } from 'payload'

import { settleDummyPayment } from './outcome'

/** `POST /api/payments/dummy/:id/approve` and `/decline`, by the payment's owner. */
export const dummyOutcomeEndpoints: Endpoint[] = (['approve', 'decline'] as const).map((outcome) => ({
  path: `/dummy/:id/${outcome}`,
  method: 'post',
  handler: async (req) => {
    const payment = await settleDummyPayment(req, req.routeParams?.id as string, outcome)
    return Response.json({ payment, message: outcome === 'approve' ? 'Payment approved.' : 'Payment declined.' })
  },
}))
