import { createHmac, randomUUID } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

/**
 * The index Payload looks an API key up by (auth/baseFields/apiKey.ts and auth/strategies/apiKey.ts):
 * an HMAC-SHA256 of the key with the Payload secret.
 */
export function apiKeyIndexOf(payload: Payload, apiKey: string): string {
  return createHmac('sha256', payload.secret).update(apiKey).digest('hex')
}

/**
 * Replaces every stored API key with a new random one, so a key anyone saw before (issue 12: staff
 * could read them) stops working. Written straight to the database, as Payload's own field hooks
 * would store it (the key encrypted with the secret, its HMAC index beside it), so no user hook runs.
 * The owner reads the new key in their account (or generates another); nobody else can.
 * Returns how many keys were rotated.
 */
export async function rotateApiKeys(payload: Payload, req?: Partial<PayloadRequest>): Promise<number> {
  const { docs } = await payload.db.find<{ id: number | string }>({
    collection: 'users',
    where: { or: [{ apiKeyIndex: { exists: true } }, { apiKey: { exists: true } }] },
    limit: 0,
    pagination: false,
    req,
  })
  for (const { id } of docs) {
    const apiKey = randomUUID()
    await payload.db.updateOne({
      collection: 'users',
      id,
      data: { apiKey: payload.encrypt(apiKey), apiKeyIndex: apiKeyIndexOf(payload, apiKey) },
      req,
      returning: false,
    })
  }
  return docs.length
}
