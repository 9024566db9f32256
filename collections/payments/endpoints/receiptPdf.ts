import type { Endpoint } from 'payload'

import type { User } from '@payload-types'

import { RefusedError } from '@/lib/errors'
import { findReceipt } from '@/payments/receipt'
import { renderReceiptPdf } from '@/payments/receiptPdf'

/**
 * `GET /api/payments/:id/receipt.pdf`: the receipt as a PDF to keep, for the payer and staff who
 * may read the payment. Anyone else, and a payment without a receipt (pending, not taken), is 404.
 */
export const receiptPdfEndpoint: Endpoint = {
  path: '/:id/receipt.pdf',
  method: 'get',
  handler: async (req) => {
    if (!req.user) throw new RefusedError('Sign in to download your receipt.', 401)
    const found = await findReceipt(req.payload, req.routeParams?.id as string, req.user as User)
    if (!found || !found.payment.receiptNumber) throw new RefusedError('There is no such receipt.', 404)
    const pdf = await renderReceiptPdf(found.view)
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.byteLength),
        'Content-Disposition': `attachment; filename="${found.view.fileName}"`,
        'Cache-Control': 'private, no-store',
      },
    })
  },
}
