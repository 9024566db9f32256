import type Stripe from 'stripe'

import type { StripeOptions } from './types'

/** The one place Hangar talks to Stripe; loaded on first use. Host and port come from the options, so tests use the fake. */
export async function stripeClient(options: StripeOptions): Promise<Stripe> {
  const { default: StripeSdk } = await import('stripe')
  return new StripeSdk(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Hangar' },
    ...(options.host ? { host: options.host, port: options.port, protocol: options.protocol } : {}),
  })
}

/** Stripe's answer to a request it refused, or null for outages and network errors. */
export function stripeRefusal(error: unknown): { code: string; message: string } | null {
  const { statusCode, code, message, type } = (error ?? {}) as { statusCode?: number; code?: string; message?: string; type?: string }
  if (!statusCode || statusCode >= 500 || statusCode === 429 || type === 'StripeConnectionError') return null
  return { code: code ?? 'unknown', message: message ?? 'refused' }
}
