/** Environment settings read in one place, with the defaults the README documents. */
export { DEFAULT_DATABASE_URL, databaseUrl, isPostgresUrl, isSqliteUrl } from './databaseUrl.mjs'

export const isProduction = () => process.env.NODE_ENV === 'production'

const DEV_SECRET = 'hangar-development-secret-do-not-use-in-production'

export function payloadSecret(): string {
  const secret = process.env.PAYLOAD_SECRET?.trim()
  if (secret) return secret
  if (isProduction() && process.env.NEXT_PHASE !== 'phase-production-build') {
    throw new Error('PAYLOAD_SECRET must be set in production (a long random string).')
  }
  return DEV_SECRET
}
