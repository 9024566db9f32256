import type { SquareClient } from 'square'

import type { SquarePluginOptions } from './types'

/**
 * The one place Hangar talks to Square; its host comes from the options, so tests use the fake.
 * The SDK is large (about 80 MB resident), so it is loaded on the first card payment or
 * webhook, not when the server starts.
 */
export async function squareClient(options: SquarePluginOptions): Promise<SquareClient> {
  const { SquareClient, SquareEnvironment } = await import('square')
  return new SquareClient({
    token: options.accessToken,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : { environment: options.environment === 'production' ? SquareEnvironment.Production : SquareEnvironment.Sandbox }),
    timeoutInSeconds: 20,
    maxRetries: 2,
  })
}

/** Checks a webhook's signature with the SDK's helper (HMAC of the notification URL and the body). */
export async function verifySquareSignature(options: SquarePluginOptions, body: string, signature: string): Promise<boolean> {
  if (!options.webhookSignatureKey || !signature) return false
  const { WebhooksHelper } = await import('square')
  return WebhooksHelper.verifySignature({
    requestBody: body,
    signatureHeader: signature,
    signatureKey: options.webhookSignatureKey,
    notificationUrl: options.webhookNotificationUrl,
  }).catch(() => false)
}

/** The Web Payments SDK script for the card form, loaded by the member's browser only. */
export function webPaymentsSdkUrl(options: SquarePluginOptions): string {
  return options.environment === 'production' ? 'https://web.squarecdn.com/v1/square.js' : 'https://sandbox.web.squarecdn.com/v1/square.js'
}

/** Square's answer to a request it refused (a decline, a bad request), or null for outages and network errors. */
export function squareRefusal(error: unknown): { code: string; detail: string; status: number } | null {
  const { statusCode, errors, message } = (error ?? {}) as { statusCode?: number; errors?: Array<{ code?: string; detail?: string }>; message?: string }
  if (!statusCode || statusCode >= 500 || statusCode === 429 || !Array.isArray(errors)) return null
  const first = errors[0]
  return { code: String(first?.code ?? 'UNKNOWN'), detail: String(first?.detail ?? message), status: statusCode }
}
