/**
 * Whether a value names a document: for the databases' serial ids, a whole number from 1 to
 * the largest 32-bit integer (Postgres `serial`), written as a number or as digits; for text ids,
 * a non-empty string without NUL. Anything else ("abc", "1.5", "-1", 99999999999999999999) names
 * no document, so a route answers 404 (or a filter 400) instead of passing it to the database,
 * which answers 500 (NaN, out of range).
 */
export const MAX_SERIAL_ID = 2_147_483_647

export type IdType = 'number' | 'text'

export function documentIdOf(value: unknown, idType: IdType = 'number'): number | string | undefined {
  if (idType === 'text') return typeof value === 'string' && value.length > 0 && value.length <= 1024 && !value.includes('\u0000') ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : NaN
  return Number.isSafeInteger(number) && number >= 1 && number <= MAX_SERIAL_ID ? number : undefined
}
