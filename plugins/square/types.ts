/** What the Square plugin needs to know; payload.config.ts reads it from the environment. */
export type SquarePluginOptions = {
  /** Off when the credentials are missing: the provider is then not offered. */
  enabled: boolean
  accessToken: string
  locationId: string
  /** The Web Payments SDK's application id (sandbox-… or sq0idp-…). */
  applicationId: string
  environment: 'sandbox' | 'production'
  /** Overrides the API host (tests point it at tests/fakes/square.ts). */
  baseUrl?: string
  /** From the webhook subscription in Square's developer dashboard. */
  webhookSignatureKey: string
  /** The exact URL Square posts to, as registered with Square: part of what is signed. */
  webhookNotificationUrl: string
}

export function squareOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SquarePluginOptions {
  const serverUrl = (env.SERVER_URL?.trim() || 'http://localhost:3000').replace(/\/$/, '')
  const accessToken = env.SQUARE_ACCESS_TOKEN?.trim() ?? ''
  const locationId = env.SQUARE_LOCATION_ID?.trim() ?? ''
  const applicationId = env.SQUARE_APPLICATION_ID?.trim() ?? ''
  return {
    enabled: Boolean(accessToken && locationId && applicationId),
    accessToken,
    locationId,
    applicationId,
    environment: env.SQUARE_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
    baseUrl: env.SQUARE_BASE_URL?.trim() || undefined,
    webhookSignatureKey: env.SQUARE_WEBHOOK_SIGNATURE_KEY?.trim() ?? '',
    webhookNotificationUrl: env.SQUARE_WEBHOOK_URL?.trim() || `${serverUrl}/api/square/webhooks`,
  }
}
