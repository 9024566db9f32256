/**
 * A local stand-in for Square's API (the parts Hangar calls): /v2/customers, /v2/payments,
 * /v2/refunds, speaking the JSON the `square` SDK sends and reads. Idempotency keys behave as
 * Square's do (the same key returns the same result; a different body under it is an error).
 * Tests can make it decline a card, fail with 5xx, or leave a payment pending.
 */
import { createHmac, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import http from 'node:http'

export type SquareFakePayment = { id: string; status: string; amount_money: { amount: number; currency: string }; refunded: number; customer_id?: string; reference_id?: string }

/** Square's sandbox test card nonces. */
export const SQUARE_NONCES = { ok: 'cnon:card-nonce-ok', declined: 'cnon:card-nonce-declined', cvvDeclined: 'cnon:card-nonce-rejected-cvv' } as const

export type SquareFake = {
  url: string
  requests: Array<{ method: string; path: string; body: Record<string, any>; authorization?: string }>
  payments: Map<string, SquareFakePayment>
  /** Answer the next `count` requests to `path` with HTTP `status` (500: a Square outage). */
  failNext: (path: string, count?: number, status?: number) => void
  /** The next payment is created PENDING (completed later, as a webhook says). */
  leaveNextPending: () => void
  /** Completes a pending payment, as Square would before sending payment.updated. */
  complete: (paymentId: string) => SquareFakePayment
  close: () => Promise<void>
}

export async function startSquareFake(port = 0): Promise<SquareFake> {
  const requests: SquareFake['requests'] = []
  const payments = new Map<string, SquareFakePayment>()
  const byKey = new Map<string, { body: string; status: number; response: unknown }>()
  const failures = new Map<string, Array<number>>()
  let pendingNext = false
  let serial = 0

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const error = (category: string, code: string, detail: string, field?: string) => ({ errors: [{ category, code, detail, ...(field ? { field } : {}) }] })

  /** Square's idempotency: a key seen before answers what it answered then. */
  const idempotent = (key: string | undefined, raw: string, produce: () => { status: number; response: unknown }) => {
    if (!key) return { status: 400, response: error('INVALID_REQUEST_ERROR', 'MISSING_REQUIRED_PARAMETER', 'Field must be set', 'idempotency_key') }
    const seen = byKey.get(key)
    if (seen) {
      if (seen.body !== raw) return { status: 400, response: error('INVALID_REQUEST_ERROR', 'IDEMPOTENCY_KEY_REUSED', 'The idempotency key was used with a different request.') }
      return seen
    }
    const result = produce()
    // Square does not remember requests that failed validation; it does remember declines.
    if (result.status < 500) byKey.set(key, { body: raw, ...result })
    return result
  }

  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!
      const body = raw ? JSON.parse(raw) : {}
      requests.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization })
      const failing = failures.get(path)
      if (failing?.length) return send(res, failing.shift()!, error('API_ERROR', 'INTERNAL_SERVER_ERROR', 'Simulated outage'))
      if (!req.headers.authorization?.startsWith('Bearer ')) return send(res, 401, error('AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'No access token'))

      if (req.method === 'POST' && path === '/v2/customers') {
        const { status, response } = idempotent(body.idempotency_key ?? randomUUID(), raw, () => ({
          status: 200,
          response: { customer: { id: `CUST_${++serial}`, email_address: body.email_address, given_name: body.given_name, family_name: body.family_name, reference_id: body.reference_id } },
        }))
        return send(res, status, response)
      }

      if (req.method === 'POST' && path === '/v2/payments') {
        const { status, response } = idempotent(body.idempotency_key, raw, () => {
          if (body.source_id === SQUARE_NONCES.declined) return { status: 402, response: error('PAYMENT_METHOD_ERROR', 'GENERIC_DECLINE', 'Authorization error: GENERIC_DECLINE') }
          if (body.source_id === SQUARE_NONCES.cvvDeclined) return { status: 402, response: error('PAYMENT_METHOD_ERROR', 'CVV_FAILURE', 'Authorization error: CVV_FAILURE') }
          const payment: SquareFakePayment = {
            id: `PAY_${++serial}`,
            status: pendingNext ? 'APPROVED' : 'COMPLETED',
            amount_money: { amount: Number(body.amount_money?.amount), currency: body.amount_money?.currency },
            refunded: 0,
            customer_id: body.customer_id,
            reference_id: body.reference_id,
          }
          pendingNext = false
          payments.set(payment.id, payment)
          return { status: 200, response: { payment: { ...payment, location_id: body.location_id, source_type: 'CARD', card_details: { status: 'CAPTURED', card: { card_brand: 'VISA', last_4: '1111' } } } } }
        })
        return send(res, status, response)
      }

      if (req.method === 'POST' && path === '/v2/refunds') {
        const { status, response } = idempotent(body.idempotency_key, raw, () => {
          const payment = payments.get(body.payment_id)
          if (!payment) return { status: 404, response: error('INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Payment not found.') }
          const amount = Number(body.amount_money?.amount)
          if (payment.status !== 'COMPLETED') return { status: 400, response: error('INVALID_REQUEST_ERROR', 'PAYMENT_NOT_REFUNDABLE', 'The payment is not completed.') }
          if (!(amount > 0) || amount > payment.amount_money.amount - payment.refunded) {
            return { status: 400, response: error('INVALID_REQUEST_ERROR', 'REFUND_AMOUNT_INVALID', 'The refund is more than what is left of the payment.') }
          }
          payment.refunded += amount
          return { status: 200, response: { refund: { id: `REF_${++serial}`, status: 'PENDING', amount_money: body.amount_money, payment_id: payment.id, reason: body.reason } } }
        })
        return send(res, status, response)
      }
      send(res, 404, error('INVALID_REQUEST_ERROR', 'NOT_FOUND', `No fake for ${req.method} ${path}`))
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    payments,
    failNext: (path, count = 1, status = 500) => failures.set(path, [...(failures.get(path) ?? []), ...Array(count).fill(status)]),
    leaveNextPending: () => {
      pendingNext = true
    },
    complete: (paymentId) => {
      const payment = payments.get(paymentId)!
      payment.status = 'COMPLETED'
      return payment
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Signs a webhook exactly as Square does: base64 HMAC-SHA256 of the notification URL followed by the body. */
export function signSquareWebhook(notificationUrl: string, body: string, signatureKey: string): string {
  return createHmac('sha256', signatureKey).update(notificationUrl + body).digest('base64')
}

/** A Square webhook event as Square sends it. */
export function squareEvent(type: 'payment.updated' | 'refund.updated', object: Record<string, unknown>, eventId = randomUUID()) {
  const kind = type.split('.')[0]!
  return {
    merchant_id: 'MERCHANT_FAKE',
    type,
    event_id: eventId,
    created_at: new Date().toISOString(),
    data: { type: kind, id: String(object.id), object: { [kind]: object } },
  }
}
