/**
 * The interface every online payment provider implements (dummy now; Square and Stripe next).
 * A provider turns a pending ledger entry into whatever the member's browser needs next.
 */
import type { Payload } from 'payload'

import type { Membership, Payment, Setting, User } from '@payload-types'

/** What a provider may need of the settings to say whether it is on, when the caller has them already. */
export type ProviderSettings = Pick<Setting, 'dummyPaymentsEnabled'>

export type CheckoutNext =
  | { type: 'redirect'; url: string }
  | { type: 'card_form'; data: Record<string, unknown> }

export type PaymentProvider = {
  id: 'dummy' | 'square' | 'stripe'
  label: string
  /** Whether members may use it now (credentials present, or allowed in this environment). */
  isEnabled: (payload: Payload, settings?: ProviderSettings) => Promise<boolean>
  /** `membership` for a membership payment; an event payment (purpose `event`) has none. */
  startCheckout: (args: { payload: Payload; payment: Payment; membership?: Membership; member: User }) => Promise<CheckoutNext>
  /** For card-form providers: what the member-site page needs to show the form for a payment. */
  cardForm?: (payment: Payment) => Record<string, unknown>
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

/** The providers members may use now, cards first, for the join and renew forms (given the settings when already read). */
export async function enabledProviders(payload: Payload, settings?: ProviderSettings): Promise<Array<{ id: PaymentProvider['id']; label: string }>> {
  const order = ['square', 'stripe', 'dummy']
  const providers = [...registry.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
  const enabled = await Promise.all(providers.map(async (provider) => ((await provider.isEnabled(payload, settings)) ? provider : null)))
  return enabled.filter((p): p is PaymentProvider => p !== null).map(({ id, label }) => ({ id, label }))
}

/** Where the member's browser goes next after a checkout started. */
export function checkoutDestination(next: CheckoutNext): string {
  if (next.type === 'redirect') return next.url
  return typeof next.data.page === 'string' ? next.data.page : '/account'
}
