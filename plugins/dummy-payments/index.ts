import type { Plugin } from 'payload'

import { registerPaymentProvider } from '@/payments/provider'

import { dummyOutcomeEndpoints } from './endpoints'
import { dummyProvider } from './provider'

/**
 * The dummy payment provider (SPEC §3): lets the whole join flow run on a fresh machine with no
 * card and no account anywhere. Adds `POST /api/payments/dummy/:id/approve|decline` to the
 * payments collection and registers the provider for checkout.
 */
export const dummyPaymentsPlugin =
  (): Plugin =>
  (config) => {
    registerPaymentProvider(dummyProvider)
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) =>
        collection.slug === 'payments'
          ? { ...collection, endpoints: [...(collection.endpoints || []), ...dummyOutcomeEndpoints] }
          : collection,
      ),
    }
  }
