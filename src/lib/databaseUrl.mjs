/**
 * Which database DATABASE_URL names, in plain JavaScript so that the production pre-start check
 * (scripts/assert-migrated.mjs) runs on Node alone, without TypeScript; src/lib/env.ts re-exports
 * these for the rest of the code.
 */

/** Embedded SQLite, for development and demos. */
export const DEFAULT_DATABASE_URL = 'file:./data/hangar.db'

/** @returns {string} */
export function databaseUrl() {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL
}

/** @param {string} url */
export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//i.test(url)
}

/** @param {string} url */
export function isSqliteUrl(url) {
  return /^file:/i.test(url)
}
