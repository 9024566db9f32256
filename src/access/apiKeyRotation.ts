import { createHmac, randomUUID } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { drizzleOf, eq, isNotNull, or, tableOf, transactionDb } from '@/lib/db'

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
 * It names only the three columns it needs: it runs as a migration, when the users table has the
 * columns of that day, not of the current code. The owner reads the new key in their account (or
 * generates another); nobody else can. Returns how many keys were rotated.
 */
export async function rotateApiKeys(payload: Payload, req?: Partial<PayloadRequest>): Promise<number> {
  const db = req?.transactionID ? await transactionDb({ ...req, payload } as PayloadRequest) : drizzleOf(payload)
  const users = tableOf(payload, 'users')
  const keyed = (await db
    .select({ id: users.id })
    .from(users)
    .where(or(isNotNull(users.apiKeyIndex), isNotNull(users.apiKey)))) as Array<{ id: number }>
  for (const { id } of keyed) {
    const apiKey = randomUUID()
    await db
      .update(users)
      .set({ apiKey: payload.encrypt(apiKey), apiKeyIndex: apiKeyIndexOf(payload, apiKey) })
      .where(eq(users.id, id))
  }
  return keyed.length
}
