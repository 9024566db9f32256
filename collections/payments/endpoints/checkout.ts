import type { Endpoint } from 'payload'

import { startCheckout } from '@/payments/checkout'
import { readJsonBody } from '@/lib/requestBody'

/** `POST /api/payments/checkout` `{ membership, provider }` */
export const checkoutEndpoint: Endpoint = {
  path: '/checkout',
  method: 'post',
  handler: async (req) => {
    const result = await startCheckout(req, await readJsonBody(req))
    return Response.json(result, { status: 201 })
  },
}
