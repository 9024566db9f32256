import type { Endpoint } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import { startCheckout } from '@/payments/checkout'

/** `POST /api/payments/checkout` `{ membership, provider }` */
export const checkoutEndpoint: Endpoint = {
  path: '/checkout',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const result = await startCheckout(req, (req.data ?? {}) as Record<string, unknown>)
    return Response.json(result, { status: 201 })
  },
}
