/** What the Stripe integration needs; payload.config.ts reads it from the environment. */
export type StripeOptions = {
  /** Off without a secret key: the provider is then not offered. */
  enabled: boolean
  secretKey: string
  /** The signing secret of the webhook endpoint (whsec_…); without it every webhook is refused. */
  webhookSecret: string
  /** Another API host (tests point it at tests/fakes/stripe.ts). */
  host?: string
  port?: number
  protocol?: 'http' | 'https'
}

export function stripeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StripeOptions {
  const secretKey = env.STRIPE_SECRET_KEY?.trim() ?? ''
  const api = env.STRIPE_API_URL?.trim() ? new URL(env.STRIPE_API_URL.trim()) : null
  return {
    enabled: Boolean(secretKey),
    secretKey,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() ?? '',
    ...(api ? { host: api.hostname, port: Number(api.port) || (api.protocol === 'http:' ? 80 : 443), protocol: api.protocol === 'http:' ? 'http' : 'https' } : {}),
  }
}
