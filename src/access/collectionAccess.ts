import type { Access, CollectionConfig, FieldAccess, PayloadRequest, Where } from 'payload'

import type { FieldRule, Operation, Scope } from './matrix'
import { OPERATIONS, ownerOnlyFields, systemManagedFields } from './matrix'
import { canField, canGlobal, canOwnerOnlyField, canUseAdminPanel, fieldRuleFor, isAppendOnly, isRecordOnly, rulesFor, scopesFor } from './resolve'
import type { Actor } from './subjects'

type ScopedFilter = (req: PayloadRequest) => Where | Promise<Where>

/** How a collection narrows its documents for the scopes it is granted besides `all`. */
export type ScopeFilters = Partial<Record<Exclude<Scope, 'all'>, ScopedFilter>>

/** The usual meaning of `own`: the document's `member` relationship is the signed-in user. */
export const ownedByMember: ScopedFilter = (req) => ({ member: { equals: req.user?.id } })

/**
 * Payload access functions for every operation of a collection, derived from its row of the
 * matrix. Create access cannot filter, so a create granted for `own` is allowed here and the
 * collection's hooks make the new document belong to its creator.
 */
export function collectionAccess(slug: string, filters: ScopeFilters = {}): NonNullable<CollectionConfig['access']> {
  const rules = rulesFor(slug)
  const appendOnly = isAppendOnly(slug)
  const recordOnly = isRecordOnly(slug)
  for (const grants of Object.values(rules)) {
    for (const [operation, scope] of Object.entries(grants ?? {})) {
      if (scope !== 'all' && operation !== 'create' && !filters[scope as Exclude<Scope, 'all'>]) {
        throw new Error(`Collection "${slug}" is granted "${scope}" for ${operation} but gives no filter for it`)
      }
    }
  }

  const accessFor =
    (operation: Operation): Access =>
    async ({ req }) => {
      const scopes = scopesFor(rules, req.user as Actor, operation, appendOnly, recordOnly)
      if (scopes === 'all') return true
      if (scopes.length === 0) return false
      if (operation === 'create') return true
      const wheres = await Promise.all(scopes.map((scope) => filters[scope as Exclude<Scope, 'all'>]!(req)))
      return wheres.length === 1 ? wheres[0]! : { or: wheres }
    }

  const access = Object.fromEntries(OPERATIONS.map((operation) => [operation, accessFor(operation)]))
  return access as NonNullable<CollectionConfig['access']>
}

/** Field access for one field of the matrix's field rules. */
export function fieldAccess(
  collection: string,
  field: string,
  isSelf: (args: { doc?: Record<string, unknown>; id?: number | string; req: PayloadRequest }) => boolean = ({ doc, req }) =>
    idOf(doc?.member) === req.user?.id,
): { create: FieldAccess; read: FieldAccess; update: FieldAccess } {
  const rule: FieldRule = fieldRuleFor(collection, field)
  const check =
    (operation: keyof FieldRule): FieldAccess =>
    ({ doc, id, req }) =>
      canField(rule, req.user as Actor, operation, () => isSelf({ doc: doc as Record<string, unknown>, id, req }))
  return { create: check('create'), read: check('read'), update: check('update') }
}

/**
 * Access for a field the matrix lists in `ownerOnlyFields`: read, set and changed by the signed-in
 * owner alone. Without a document (filters, sorts) nobody is the owner, so nobody can query it.
 */
export function ownerOnlyFieldAccess(
  collection: keyof typeof ownerOnlyFields,
  field: string,
  isSelf: (args: { doc?: Record<string, unknown>; id?: number | string; req: PayloadRequest }) => boolean,
): { create: FieldAccess; read: FieldAccess; update: FieldAccess } {
  if (!(ownerOnlyFields[collection] as readonly string[]).includes(field)) {
    throw new Error(`${collection}.${field} is not listed in ownerOnlyFields (src/access/matrix.ts)`)
  }
  const check: FieldAccess = ({ doc, id, req }) =>
    canOwnerOnlyField(req.user as Actor, () => isSelf({ doc: doc as Record<string, unknown>, id, req }))
  return { create: check, read: check, update: check }
}

export function idOf(value: unknown): number | string | undefined {
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: number | string }).id
  return typeof value === 'number' || typeof value === 'string' ? value : undefined
}

export const adminPanelAccess = ({ req }: { req: PayloadRequest }): boolean => canUseAdminPanel(req.user as Actor)

/** Global fields that are not public are readable only by those the matrix lets read the global. */
export const globalFieldRead =
  (global: 'settings'): FieldAccess =>
  ({ req }) =>
    canGlobal(global, req.user as Actor, 'read')

/** Write access for a field the matrix lists as system-managed: closed to every request. */
export function systemFieldAccess(collection: keyof typeof systemManagedFields, field: string): { create: FieldAccess; update: FieldAccess } {
  if (!(systemManagedFields[collection] as readonly string[]).includes(field)) {
    throw new Error(`${collection}.${field} is not listed in systemManagedFields (src/access/matrix.ts)`)
  }
  return { create: () => false, update: () => false }
}
