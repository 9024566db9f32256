/**
 * A local stand-in for Stripe's API (what Hangar calls): customers, Checkout Sessions and
 * refunds, in the form-encoded requests and JSON answers the `stripe` SDK uses. Idempotency
 * keys behave as Stripe's do. Tests complete a session (as the member paying on Stripe's page
 * would) and then deliver the webhook Stripe would send.
 */
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import http from 'node:http'

import Stripe from 'stripe'

export type StripeFakeSession = {
  id: string
  object: 'checkout.session'
  url: string
  amount_total: number
  currency: string
  client_reference_id: string | null
  customer: string | null
  metadata: Record<string, string>
  intent_metadata: Record<string, string>
  payment_intent: string | null
  payment_status: 'unpaid' | 'paid'
  status: 'open' | 'complete' | 'expired'
}

export type StripeFake = {
  host: string
  port: number
  requests: Array<{ method: string; path: string; form: Record<string, string>; idempotencyKey?: string }>
  sessions: Map<string, StripeFakeSession>
  failNext: (path: string, count?: number, status?: number) => void
  /** The member paid on Stripe's page: the session completes with a payment intent. */
  complete: (sessionId: string) => StripeFakeSession
  close: () => Promise<void>
}

export async function startStripeFake(): Promise<StripeFake> {
  const requests: StripeFake['requests'] = []
  const sessions = new Map<string, StripeFakeSession>()
  const intents = new Map<string, { amount: number; refunded: number; currency: string; metadata: Record<string, string> }>()
  const byKey = new Map<string, { status: number; body: unknown }>()
  const failures = new Map<string, number[]>()
  let serial = 0
  let port = 0

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${++serial}` })
    res.end(JSON.stringify(body))
  }
  const invalid = (message: string, code?: string) => ({ error: { type: 'invalid_request_error', message, ...(code ? { code } : {}) } })

  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!
      const form = Object.fromEntries(new URLSearchParams(raw))
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined
      requests.push({ method: req.method ?? '', path, form, idempotencyKey })
      const failing = failures.get(path)
      if (failing?.length) return send(res, failing.shift()!, { error: { type: 'api_error', message: 'Simulated outage' } })
      if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_')) return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API key' } })
      const seen = idempotencyKey ? byKey.get(`${path}:${idempotencyKey}`) : undefined
      if (seen) return send(res, seen.status, seen.body)
      const answer = (status: number, body: unknown) => {
        if (idempotencyKey) byKey.set(`${path}:${idempotencyKey}`, { status, body })
        send(res, status, body)
      }

      if (req.method === 'POST' && path === '/v1/customers') {
        return answer(200, { id: `cus_${++serial}`, object: 'customer', email: form.email ?? null, name: form.name ?? null, metadata: {} })
      }
      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        const amount = Number(form['line_items[0][price_data][unit_amount]'])
        if (!Number.isInteger(amount) || amount <= 0) return answer(400, invalid('Invalid unit_amount'))
        const id = `cs_test_${++serial}`
        const session: StripeFakeSession = {
          id,
          object: 'checkout.session',
          url: `http://127.0.0.1:${port}/checkout/${id}`,
          amount_total: amount * Number(form['line_items[0][quantity]'] ?? 1),
          currency: form['line_items[0][price_data][currency]'] ?? 'gbp',
          client_reference_id: form.client_reference_id ?? null,
          customer: form.customer ?? null,
          metadata: Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v])),
          intent_metadata: Object.fromEntries(
            Object.entries(form)
              .filter(([k]) => k.startsWith('payment_intent_data[metadata]['))
              .map(([k, v]) => [k.slice('payment_intent_data[metadata]['.length, -1), v]),
          ),
          payment_intent: null,
          payment_status: 'unpaid',
          status: 'open',
        }
        sessions.set(id, session)
        return answer(200, session)
      }
      if (req.method === 'GET' && path.startsWith('/v1/payment_intents/')) {
        const id = path.split('/').pop()!
        const intent = intents.get(id)
        if (!intent) return send(res, 404, invalid(`No such payment_intent: '${id}'`, 'resource_missing'))
        return send(res, 200, { id, object: 'payment_intent', amount: intent.amount, currency: intent.currency, metadata: intent.metadata, status: 'succeeded' })
      }
      if (req.method === 'POST' && path === '/v1/refunds') {
        const intent = intents.get(form.payment_intent ?? '')
        if (!intent) return answer(400, invalid(`No such payment_intent: '${form.payment_intent}'`, 'resource_missing'))
        const amount = form.amount ? Number(form.amount) : intent.amount - intent.refunded
        if (amount > intent.amount - intent.refunded) {
          return answer(400, invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge.`, 'amount_too_large'))
        }
        intent.refunded += amount
        return answer(200, { id: `re_${++serial}`, object: 'refund', amount, currency: intent.currency, payment_intent: form.payment_intent, status: 'pending' })
      }
      send(res, 404, invalid(`Unrecognized request URL (${req.method}: ${path})`))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port

  return {
    host: '127.0.0.1',
    port,
    requests,
    sessions,
    failNext: (path, count = 1, status = 500) => failures.set(path, [...(failures.get(path) ?? []), ...Array(count).fill(status)]),
    complete: (sessionId) => {
      const session = sessions.get(sessionId)!
      session.payment_intent = `pi_${++serial}`
      session.payment_status = 'paid'
      session.status = 'complete'
      intents.set(session.payment_intent, { amount: session.amount_total, refunded: 0, currency: session.currency, metadata: session.intent_metadata })
      return session
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A Stripe event, as Stripe posts it to a webhook endpoint. */
export function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${randomUUID().replace(/-/g, '')}`) {
  return { id, object: 'event', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, type, data: { object } }
}

/** The Stripe-Signature header Stripe would send, made with the SDK's own test helper. */
export function signStripeWebhook(body: string, secret: string): string {
  return new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload: body, secret })
}
