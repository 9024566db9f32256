import type { Payload } from 'payload'

import type { PaymentProvider, ProviderSettings } from '@/payments/provider'

/** On outside production; in production only when an admin turns it on in settings (demos). */
export async function dummyPaymentsEnabled(payload: Payload, known?: ProviderSettings): Promise<boolean> {
  if (process.env.NODE_ENV !== 'production') return true
  const settings = known ?? (await payload.findGlobal({ slug: 'settings', depth: 0 }))
  return Boolean(settings.dummyPaymentsEnabled)
}

/** A provider with no card at all: the member's browser is sent to a page offering Approve or Decline. */
export const dummyProvider: PaymentProvider = {
  id: 'dummy',
  label: 'Test payment (no card)',
  isEnabled: dummyPaymentsEnabled,
  startCheckout: async ({ payment }) => ({ type: 'redirect', url: `/pay/dummy/${payment.id}` }),
}
