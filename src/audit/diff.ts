/**
 * What changed between two versions of a document, field by field, for the audit trail (SPEC §11:
 * audit history on memberships, payments and people). Pure: the hooks hand it the documents.
 *
 * - Secrets never enter the trail (password hash and salt, API keys, reset and email-change
 *   tokens, sessions): not their values, not even that they changed, except a password change,
 *   which is recorded as "changed".
 * - Personal details are recorded as changed, without the values, so the trail does not become a
 *   second copy of what erasure must remove: for people, every field but their settings (roles,
 *   email and directory preferences); elsewhere, phone and address fields.
 * - Housekeeping (updatedAt) is left out.
 */
export type AuditChange = { field: string; before?: unknown; after?: unknown; redacted?: true }

const NEVER = new Set([
  'hash',
  'salt',
  'apiKey',
  'apiKeyIndex',
  'enableAPIKey',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'sessions',
  'emailChangeTokenHash',
  'emailChangeExpiresAt',
  'emailVerificationTokenHash',
  'emailVerificationExpiresAt',
  'signInTokenHash',
  'signInCodeHash',
  'signInExpiresAt',
  'signInCodeAttempts',
  'loginAttempts',
  'lockUntil',
  'updatedAt',
  'createdAt',
  'id',
])

/** Fields whose values stay out of the trail by default; only the fact that they changed is kept. */
const PERSONAL = /^(phone|address(\..*)?|dateOfBirth|pendingEmail|internalNotes|photo)$/

/** Of a person, the values kept are their settings, not who they are. */
export const PERSON_SETTINGS = /^(roles|emailVerifiedAt|emailPreferences\..*|directory\..*|directoryHidden)$/

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Relationships compare by id, whether populated or not. */
function normalise(value: unknown): unknown {
  if (isPlainObject(value) && 'id' in value && Object.keys(value).length > 2) return value.id
  if (Array.isArray(value)) return value.map(normalise)
  return value === undefined ? null : value
}

function flatten(doc: Record<string, unknown> | null | undefined, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(doc ?? {})) {
    if (!prefix && NEVER.has(key)) continue
    const path = `${prefix}${key}`
    if (isPlainObject(value) && !('id' in value && Object.keys(value).length > 2)) flatten(value, `${path}.`, into)
    else into.set(path, normalise(value))
  }
  return into
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The changes from `before` to `after` (null for a document created or deleted). */
export function auditChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  options: { passwordChanged?: boolean; keepValue?: (field: string) => boolean } = {},
): AuditChange[] {
  const keepValue = options.keepValue ?? ((field: string) => !PERSONAL.test(field))
  const was = flatten(before)
  const now = flatten(after)
  // of a change, only fields the saved document shows: one the actor may not read is left out of
  // it by Payload, which is not a change (nor could they have made one)
  const fields = (before && after ? [...now.keys()] : [...new Set([...was.keys(), ...now.keys()])]).sort()
  const changes: AuditChange[] = []
  for (const field of fields) {
    if (same(was.get(field), now.get(field))) continue
    if (!keepValue(field)) changes.push({ field, redacted: true })
    else changes.push({ field, before: was.get(field) ?? null, after: now.get(field) ?? null })
  }
  if (options.passwordChanged) changes.push({ field: 'password', redacted: true })
  return changes
}
