import { SquareClient, SquareEnvironment, SquareError } from 'square'

import type { SquarePluginOptions } from './types'

/** The one place Hangar talks to Square; its host comes from the options, so tests use the fake. */
export function squareClient(options: SquarePluginOptions): SquareClient {
  return new SquareClient({
    token: options.accessToken,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : { environment: options.environment === 'production' ? SquareEnvironment.Production : SquareEnvironment.Sandbox }),
    timeoutInSeconds: 20,
    maxRetries: 2,
  })
}

/** The Web Payments SDK script for the card form, loaded by the member's browser only. */
export function webPaymentsSdkUrl(options: SquarePluginOptions): string {
  return options.environment === 'production' ? 'https://web.squarecdn.com/v1/square.js' : 'https://sandbox.web.squarecdn.com/v1/square.js'
}

/** Square's answer to a request it refused (a decline, a bad request), or null for outages and network errors. */
export function squareRefusal(error: unknown): { code: string; detail: string; status: number } | null {
  if (!(error instanceof SquareError) || !error.statusCode || error.statusCode >= 500 || error.statusCode === 429) return null
  const first = error.errors?.[0]
  return { code: String(first?.code ?? 'UNKNOWN'), detail: String(first?.detail ?? error.message), status: error.statusCode }
}
