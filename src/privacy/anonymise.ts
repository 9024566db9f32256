/**
 * What an erased person becomes, and when erasure and retention fall due (issue 15, points 8
 * and 9; SPEC §11). Pure: the database work is in src/privacy/erasure.ts and retention.ts.
 */
import { randomBytes } from 'node:crypto'

import { addDays } from 'date-fns/addDays'
import { subYears } from 'date-fns/subYears'

/** Defaults of the privacy settings, read by settings, the jobs and the tests alike. */
export const DEFAULT_ERASURE_DELAY_DAYS = 30
export const DEFAULT_RETENTION_YEARS = 6

/** Addresses under `.invalid` can never be delivered (RFC 2606): an erased account's email is one. */
export const ERASED_EMAIL_DOMAIN = 'erased.invalid'

export const ERASED_FIRST_NAME = 'Erased'
export const ERASED_LAST_NAME = 'member'

/** Why an email to an erased person was not sent. */
export const ERASED_RECIPIENT = 'Not sent: the recipient’s personal data was erased.'

/** What replaces a message's body once its recipient has been erased. */
export const ERASED_MESSAGE = '(This message was removed when its recipient’s personal data was erased.)'

/** A short reference that tells erased accounts apart in lists and on receipts, and says nothing about the person. */
export function newErasureReference(): string {
  // Crockford-style base32 without look-alike letters: 8 characters, 40 bits
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  return [...randomBytes(8)].map((byte) => alphabet[byte & 31]).join('')
}

export type AnonymousIdentity = { reference: string; firstName: string; lastName: string; email: string; label: string }

/** The name and address an erased account carries from now on: "Erased member 7K2M9QAX", erased-7k2m9qax@erased.invalid. */
export function anonymousIdentity(reference: string): AnonymousIdentity {
  return {
    reference,
    firstName: ERASED_FIRST_NAME,
    lastName: `${ERASED_LAST_NAME} ${reference}`,
    email: `erased-${reference.toLowerCase()}@${ERASED_EMAIL_DOMAIN}`,
    label: `${ERASED_FIRST_NAME} ${ERASED_LAST_NAME} ${reference}`,
  }
}

export function isErasedAddress(email: unknown): boolean {
  return typeof email === 'string' && email.toLowerCase().endsWith(`@${ERASED_EMAIL_DOMAIN}`)
}

/**
 * Replaces every occurrence of the person's values (case-insensitive) in a text written about
 * them, e.g. a staff email that named them. Longer values go first, so "Jo Newcomer" is replaced
 * whole before "Jo" alone would be. Values shorter than three characters are left out: they
 * would rub out parts of ordinary words.
 */
export function scrubText(text: string | null | undefined, values: readonly (string | null | undefined)[], replacement: string): string | null {
  if (text === null || text === undefined) return text ?? null
  const wanted = [...new Set(values.filter((value): value is string => typeof value === 'string' && value.trim().length >= 3).map((value) => value.trim()))].sort((a, b) => b.length - a.length)
  let result = text
  for (const value of wanted) {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    result = result.replace(new RegExp(escaped, 'gi'), replacement)
  }
  return result
}

/** The personal values of a person that must not survive their erasure anywhere (what scrubText rubs out). */
export function personalValues(person: {
  email?: string | null
  pendingEmail?: string | null
  firstName?: string | null
  lastName?: string | null
  phone?: string | null
  address?: { line1?: string | null; line2?: string | null; postcode?: string | null } | null
}): string[] {
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ')
  // the street and postcode (a town or county names more people than them)
  const address = [person.address?.line1, person.address?.line2, person.address?.postcode]
  return [person.email, person.pendingEmail, name, person.phone, ...address, person.lastName, person.firstName].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  )
}

/** When a request made at `requestedAt` is erased by the daily job without an admin. */
export function erasureDueAt(requestedAt: Date | string, delayDays: number): Date {
  return addDays(new Date(requestedAt), Math.max(0, delayDays))
}

/** A settings number, or its default when empty or not a whole number of at least 0. */
export function settingOrDefault(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback
}

/**
 * The retention rule: people whose memberships all ended before this moment are anonymised.
 * Null when the rule is off (0 years).
 */
export function retentionCutoff(now: Date, years: number): Date | null {
  return years > 0 ? subYears(now, years) : null
}
