import type { Endpoint } from 'payload'

import type { User } from '@payload-types'

import { settleDummyPayment } from './outcome'

/** `POST /api/payments/dummy/:id/approve` and `/decline`, by the payment's owner. */
export const dummyOutcomeEndpoints: Endpoint[] = (['approve', 'decline'] as const).map((outcome) => ({
  path: `/dummy/:id/${outcome}`,
  method: 'post',
  handler: async (req) => {
    const payment = await settleDummyPayment(req.payload, req.user as User | null, req.routeParams?.id as string, outcome)
    return Response.json({ payment, message: outcome === 'approve' ? 'Payment approved.' : 'Payment declined.' })
  },
}))
