/**
 * Erasure by anonymisation (issue 15, point 8; SPEC §11).
 *
 * - A member asks for it from their profile (`requestErasure`): the time is recorded on the
 *   account (`erasureRequestedAt`, system-managed) and nothing else changes yet.
 * - An admin confirms it (`POST /api/users/:id/erase`, the matrix's `erase` operation), or the
 *   daily privacy job erases it once the delay in settings (`erasureDelayDays`) has passed
 *   (`runDueErasures`). The retention rule (src/privacy/retention.ts) erases the same way.
 * - `eraseMember` does it in one transaction: the account becomes "Erased member <ref>" with an
 *   undeliverable address, loses its phone, date of birth, address, photo (and its files), notes, directory
 *   choices, staff roles and every way to sign in (password, sessions, API key); then every
 *   eraser of src/privacy/erasers.ts removes or anonymises what other collections hold about
 *   them. Payments, refunds, receipts and memberships stay, linked to the anonymous account.
 * - The account's audit trail records the erasure, by whom and why (hooks/auditTrail.ts).
 */
import type { Payload, PayloadRequest } from 'payload'
import { subDays } from 'date-fns/subDays'

import type { User } from '@payload-types'

import { deletePhotosOf } from '@/members/photo'
import { clearedCustomValues } from '@/members/customFields'
import { DIRECTORY_FIELDS, showFieldOf } from '@/members/directoryFields'
import { and, drizzleOf, eq, gt, isNull, lte, tableOf, transactionDb } from '@/lib/db'
import { RefusedError } from '@/lib/errors'
import { lockRow } from '@/lib/findOrRefuse'
import { inTransaction, systemRequest } from '@/lib/transaction'
import { normaliseEmail } from '@/membership/groups'

import { DEFAULT_ERASURE_DELAY_DAYS, anonymousIdentity, erasureDueAt, newErasureReference, personalValues, settingOrDefault } from './anonymise'
import type { ErasureSubject } from './erasers'
import { ERASERS } from './erasers'

/** Why an account is erased: recorded in its audit trail. */
export type ErasureCause = 'admin' | 'delay' | 'retention'

/** Set on the request while an erasure writes the account, so its audit entry says what happened. */
export const ERASURE_CONTEXT = 'hangarErasure'
export type ErasureContext = { id: number; cause: ErasureCause; reference: string; requestedAt: string | null }

const CAUSE_LABELS: Record<ErasureCause, string> = {
  admin: 'confirmed by an admin',
  delay: 'after the waiting period',
  retention: 'by the retention rule',
}

/** What the audit trail says of an erasure. */
export function erasureSummary(context: ErasureContext): string {
  const asked = context.requestedAt ? `, asked for by the member on ${context.requestedAt.slice(0, 10)}` : ''
  return `Erased: personal data anonymised (${CAUSE_LABELS[context.cause]}${asked}); reference ${context.reference}`
}

export type ErasureReport = { id: number; reference: string; alreadyErased: boolean; erased: Record<string, number> }

/** The privacy settings, with their defaults. */
export async function privacySettings(payload: Payload, req?: PayloadRequest): Promise<{ erasureDelayDays: number; retentionYears: number }> {
  const settings = (await payload.findGlobal({ slug: 'settings', depth: 0, overrideAccess: true, req })) as { erasureDelayDays?: number | null; retentionYears?: number | null }
  // retention: empty or 0 is off (the field's default is DEFAULT_RETENTION_YEARS)
  return { erasureDelayDays: settingOrDefault(settings.erasureDelayDays, DEFAULT_ERASURE_DELAY_DAYS), retentionYears: settingOrDefault(settings.retentionYears, 0) }
}

/** A member asks for their data to be erased. Asking twice keeps the first request's time. */
export async function requestErasure(payload: Payload, user: Pick<User, 'id'>): Promise<{ requestedAt: string; dueAt: string }> {
  const req = await systemRequest(payload, user as User)
  const { erasureDelayDays } = await privacySettings(payload)
  return inTransaction(req, async () => {
    await lockRow(req, 'users', user.id)
    const stored = (await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: true, req })) as User
    if (stored.erasedAt) throw new RefusedError('This account has already been erased.', 409)
    let requestedAt = stored.erasureRequestedAt ?? null
    if (!requestedAt) {
      requestedAt = new Date().toISOString()
      await payload.update({ collection: 'users', id: user.id, data: { erasureRequestedAt: requestedAt }, overrideAccess: true, depth: 0, req })
    }
    return { requestedAt, dueAt: erasureDueAt(requestedAt, erasureDelayDays).toISOString() }
  })
}

/** A member withdraws their request before it is carried out. */
export async function withdrawErasureRequest(payload: Payload, user: Pick<User, 'id'>): Promise<void> {
  const req = await systemRequest(payload, user as User)
  await inTransaction(req, async () => {
    await lockRow(req, 'users', user.id)
    const stored = (await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: true, req })) as User
    if (stored.erasedAt) throw new RefusedError('This account has already been erased.', 409)
    if (stored.erasureRequestedAt) await payload.update({ collection: 'users', id: user.id, data: { erasureRequestedAt: null }, overrideAccess: true, depth: 0, req })
  })
}

type StoredPerson = User & { pendingEmail?: string | null }

/**
 * Erases a person for good, in one transaction (see the top of this file). `by` is the admin who
 * confirmed it (null: the system, a job). `stillDue` is checked under the account's lock, so a
 * job does not erase someone who renewed a moment ago. Erasing an erased account changes nothing.
 */
export async function eraseMember(
  payload: Payload,
  id: number,
  options: { by?: User | null; cause: ErasureCause; now?: Date; stillDue?: (req: PayloadRequest) => Promise<boolean> },
): Promise<ErasureReport> {
  const req = await systemRequest(payload, options.by ?? null)
  const now = options.now ?? new Date()
  return inTransaction(req, async () => {
    await lockRow(req, 'users', id)
    const stored = (await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, showHiddenFields: true, req, disableErrors: true })) as StoredPerson | null
    if (!stored) throw new RefusedError('There is no such person.', 404)
    if (stored.erasedAt) return { id, reference: '', alreadyErased: true, erased: {} }
    if (options.stillDue && !(await options.stillDue(req))) return { id, reference: '', alreadyErased: false, erased: {} }
    if (stored.roles?.includes('superuser')) {
      const superusers = await payload.count({ collection: 'users', where: { roles: { in: ['superuser'] } }, overrideAccess: true, req })
      if (superusers.totalDocs <= 1) throw new RefusedError('The last superuser cannot be erased: make someone else a superuser first.', 409)
    }

    const anonymous = anonymousIdentity(newErasureReference())
    const emails = [...new Set([stored.email, stored.pendingEmail].flatMap((email) => [email, normaliseEmail(email)]).filter((email): email is string => Boolean(email)))]
    const subject: ErasureSubject = {
      id,
      emails,
      values: personalValues(stored),
      fullName: `${stored.firstName ?? ''} ${stored.lastName ?? ''}`.trim(),
      anonymous,
    }
    req.context[ERASURE_CONTEXT] = { id, cause: options.cause, reference: anonymous.reference, requestedAt: stored.erasureRequestedAt ?? null } satisfies ErasureContext

    // the account, through Payload: its hooks (roles guard, audit trail) see the change
    await payload.update({
      collection: 'users',
      id,
      data: {
        firstName: anonymous.firstName,
        lastName: anonymous.lastName,
        email: anonymous.email,
        phone: null,
        dateOfBirth: null,
        photo: null,
        address: { line1: null, line2: null, town: null, county: null, postcode: null, country: null },
        emailPreferences: { renewalReminders: false },
        // every custom value cleared (archived fields' too)
        customFields: clearedCustomValues(stored),
        directory: { ...Object.fromEntries(DIRECTORY_FIELDS.map((field) => [showFieldOf(field), false])), showCustom: [] },
        directoryHidden: true,
        internalNotes: null,
        roles: ['member'],
        pendingEmail: null,
        emailChangeTokenHash: null,
        emailChangeExpiresAt: null,
        emailVerificationTokenHash: null,
        emailVerificationExpiresAt: null,
        erasedAt: now.toISOString(),
        erasureRequestedAt: stored.erasureRequestedAt ?? null,
      } as never,
      overrideAccess: true,
      depth: 0,
      req,
    })
    await endSignIn(req, id)
    await deletePhotosOf(payload, id, req)

    const erased: Record<string, number> = {}
    for (const eraser of ERASERS) erased[eraser.name] = await eraser.erase(req, subject)
    return { id, reference: anonymous.reference, alreadyErased: false, erased }
  })
}

/**
 * Nothing left to sign in with: no password (hash and salt), no session (so every token issued
 * before is refused), no API key, no reset token. Written below Payload, which never lets these
 * be set through an update.
 */
async function endSignIn(req: PayloadRequest, id: number): Promise<void> {
  const db = await transactionDb(req)
  const users = tableOf(req.payload, 'users')
  await db
    .update(users)
    .set({ hash: null, salt: null, apiKey: null, apiKeyIndex: null, enableAPIKey: false, resetPasswordToken: null, resetPasswordExpiration: null, loginAttempts: 0, lockUntil: null })
    .where(eq(users.id, id))
  const sessions = tableOf(req.payload, 'users_sessions')
  await db.delete(sessions).where(eq(sessions._parentID, id))
}

export type DueErasureReport = { erased: number }

/** The daily job's part: requests made at least the delay in settings ago are carried out. */
export async function runDueErasures(payload: Payload, options: { now?: Date; batchSize?: number } = {}): Promise<DueErasureReport> {
  const now = options.now ?? new Date()
  const { erasureDelayDays } = await privacySettings(payload)
  const requestedBy = subDays(now, erasureDelayDays) // erasureDueAt(requestedAt) <= now
  const users = tableOf(payload, 'users')
  const report: DueErasureReport = { erased: 0 }
  for (let afterId = 0; ; ) {
    const batch: Array<{ id: number }> = await drizzleOf(payload)
      .select({ id: users.id })
      .from(users)
      .where(and(gt(users.id, afterId), isNull(users.erasedAt), lte(users.erasureRequestedAt, requestedBy.toISOString())))
      .orderBy(users.id)
      .limit(options.batchSize ?? 200)
    if (batch.length === 0) break
    afterId = batch.at(-1)!.id
    for (const { id } of batch) {
      const done = await eraseMember(payload, id, { cause: 'delay', now })
      if (!done.alreadyErased && done.reference) report.erased += 1
    }
  }
  return report
}
