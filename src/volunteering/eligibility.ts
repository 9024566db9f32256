/**
 * Volunteering rules (SPEC §7) that need no database: when a certificate expires, whether it
 * counts on a given day, which of a role's required certificates a member lacks, and shift
 * arithmetic. Assignments and shift sign-ups ask these before changing anything.
 */
import { UTCDate } from '@date-fns/utc'
import { addMonths } from 'date-fns/addMonths'
import { differenceInMinutes } from 'date-fns/differenceInMinutes'

export type CertificateFacts = {
  type: number | string
  issuedOn: Date | string
  expiresOn?: Date | string | null
  verified?: boolean | null
}

export type CertificateStatus = 'valid' | 'unverified' | 'expired' | 'not_yet_valid'

/** The default expiry: the type's validity in months after the issue date (31 Jan + 1 month = 28/29 Feb). */
export function defaultExpiry(issuedOn: Date | string, validityMonths: number | null | undefined): Date | null {
  if (!validityMonths || validityMonths <= 0) return null
  return addMonths(new UTCDate(new Date(issuedOn).getTime()), validityMonths)
}

/** How a certificate stands at a moment: valid from its issue date until its expiry, once a coordinator has verified it. */
export function certificateStatus(certificate: CertificateFacts, on: Date): CertificateStatus {
  if (!certificate.verified) return 'unverified'
  if (new Date(certificate.issuedOn).getTime() > on.getTime()) return 'not_yet_valid'
  if (certificate.expiresOn && new Date(certificate.expiresOn).getTime() <= on.getTime()) return 'expired'
  return 'valid'
}

export type MissingCertificate = { type: number | string; reason: 'missing' | Exclude<CertificateStatus, 'valid'> }

/**
 * The required certificate types for which the member has no valid certificate on `on`, with
 * the best reason (an unverified or expired one says more than none at all).
 */
export function missingCertificates(required: ReadonlyArray<number | string>, held: readonly CertificateFacts[], on: Date): MissingCertificate[] {
  const rank: Record<MissingCertificate['reason'], number> = { missing: 0, expired: 1, not_yet_valid: 2, unverified: 3 }
  const missing: MissingCertificate[] = []
  for (const type of required) {
    const statuses = held.filter((c) => String(c.type) === String(type)).map((c) => certificateStatus(c, on))
    if (statuses.includes('valid')) continue
    const reason = statuses.reduce<MissingCertificate['reason']>((best, s) => (rank[s as MissingCertificate['reason']] > rank[best] ? (s as MissingCertificate['reason']) : best), 'missing')
    missing.push({ type, reason })
  }
  return missing
}

export type Interval = { startsAt: Date | string; endsAt: Date | string }

/** Whether two shifts overlap (back-to-back shifts, one ending as the next starts, do not). */
export function shiftsOverlap(a: Interval, b: Interval): boolean {
  return new Date(a.startsAt).getTime() < new Date(b.endsAt).getTime() && new Date(b.startsAt).getTime() < new Date(a.endsAt).getTime()
}

/** Hours credited for an attended shift, to the quarter hour. */
export function shiftHours(shift: Interval): number {
  const minutes = Math.max(0, differenceInMinutes(new Date(shift.endsAt), new Date(shift.startsAt)))
  return Math.round(minutes / 15) / 4
}
