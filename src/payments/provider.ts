/**
 * The interface every online payment provider implements (dummy now; Square and Stripe next).
 * A provider turns a pending ledger entry into whatever the member's browser needs next.
 */
import type { Payload } from 'payload'

import type { Membership, Payment, User } from '@payload-types'

export type CheckoutNext =
  | { type: 'redirect'; url: string }
  | { type: 'card_form'; data: Record<string, unknown> }

export type PaymentProvider = {
  id: 'dummy' | 'square' | 'stripe'
  label: string
  /** Whether members may use it now (credentials present, or allowed in this environment). */
  isEnabled: (payload: Payload) => Promise<boolean>
  startCheckout: (args: { payload: Payload; payment: Payment; membership: Membership; member: User }) => Promise<CheckoutNext>
  /** Gives money back through the provider. Providers without one have refunds recorded by hand. */
  refund?: (args: { payload: Payload; payment: Payment; amount: number; reason: string | null; idempotencyKey: string }) => Promise<ProviderRefund>
}

export type ProviderRefund = { providerRefundId: string; status: 'pending' | 'completed' }

const registry = new Map<string, PaymentProvider>()

export function registerPaymentProvider(provider: PaymentProvider): void {
  registry.set(provider.id, provider)
}

export function paymentProvider(id: unknown): PaymentProvider | undefined {
  return typeof id === 'string' ? registry.get(id) : undefined
}

export function registeredProviders(): string[] {
  return [...registry.keys()]
}
