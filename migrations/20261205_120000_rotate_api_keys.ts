/**
 * Data migration (issue 12, point 6): staff could read API keys, so every existing key may have
 * been seen by someone other than its owner. Every stored key is replaced by a new random one;
 * the schema is unchanged. There is no way back: a leaked key must never work again.
 */
import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

import { rotateApiKeys } from '../src/access/apiKeyRotation'

export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  const rotated = await rotateApiKeys(payload, req)
  payload.logger.info(`Rotated ${rotated} API key(s)`)
}

export async function down({ payload }: MigrateDownArgs): Promise<void> {
  payload.logger.info('API key rotation is not undone: the old keys stay invalid')
}
