/**
 * Pure lookups in the permission matrix. Payload glue lives in collectionAccess.ts and
 * fieldAccess.ts; everything here is plain data in, plain data out.
 */
import type { AuthOperation, CollectionRules, EventOperation, FieldRule, Grants, Operation, ReportName, Scope } from './matrix'
import { adminPanelRoles, appendOnlyCollections, recordOnlyCollections, authOperationMatrix, collectionMatrix, eventOperationMatrix, fieldMatrix, globalMatrix, grantableRoles, ownerOnlyFields, reportMatrix } from './matrix'
import type { Role } from './roles'
import type { Actor } from './subjects'
import { hasRole, isSuperuser, rolesOf, subjectsOf } from './subjects'

/**
 * The scopes an actor may reach with an operation on a collection: `'all'` when any of
 * their subjects reaches every document, otherwise the (possibly empty) list of narrower scopes.
 */
export function scopesFor(rules: CollectionRules, actor: Actor, operation: Operation, appendOnly = false, recordOnly = false): 'all' | Scope[] {
  if (appendOnly && (operation === 'update' || operation === 'delete')) return []
  if (recordOnly && operation !== 'read') return []
  if (isSuperuser(actor)) return 'all'
  const scopes = new Set<Scope>()
  for (const subject of subjectsOf(actor)) {
    const grants: Grants | undefined = rules[subject as keyof CollectionRules]
    const scope = grants?.[operation]
    if (scope === 'all') return 'all'
    if (scope) scopes.add(scope)
  }
  return [...scopes]
}

/** Rows of an append-only collection are never changed or removed, by anyone (see the matrix). */
export function isAppendOnly(collection: string): boolean {
  return (appendOnlyCollections as readonly string[]).includes(collection)
}

/** Rows of a record-only collection are written by Hangar alone, never through the API (see the matrix). */
export function isRecordOnly(collection: string): boolean {
  return (recordOnlyCollections as readonly string[]).includes(collection)
}

export function rulesFor(collection: string): CollectionRules {
  const rules = (collectionMatrix as Record<string, CollectionRules>)[collection]
  if (!rules) throw new Error(`No permission rules for collection "${collection}" in src/access/matrix.ts`)
  return rules
}

/** May the actor perform the operation on every document of the collection (staff managing it)? */
export function reachesAll(collection: string, actor: Actor, operation: Operation): boolean {
  return scopesFor(rulesFor(collection), actor, operation, isAppendOnly(collection), isRecordOnly(collection)) === 'all'
}

/** The roles that perform the operation on every document of the collection (superuser first), for refusal messages. */
export function rolesReachingAll(collection: string, operation: Operation): Role[] {
  const rules = rulesFor(collection)
  const roles = (Object.keys(rules) as Array<keyof CollectionRules>).filter((subject): subject is Exclude<Role, 'superuser'> => subject !== 'anonymous' && rules[subject]?.[operation] === 'all')
  return ['superuser', ...roles]
}

/** May the actor perform the operation on at least some documents of the collection? */
export function canAny(collection: string, actor: Actor, operation: Operation): boolean {
  const scopes = scopesFor(rulesFor(collection), actor, operation, isAppendOnly(collection), isRecordOnly(collection))
  return scopes === 'all' || scopes.length > 0
}

/** Global documents: `all` means the whole document, otherwise only fields marked public. */
export function canGlobal(global: keyof typeof globalMatrix, actor: Actor, operation: 'read' | 'update'): boolean {
  if (isSuperuser(actor)) return true
  const rules = globalMatrix[global] as Record<string, Partial<Record<'read' | 'update', Scope>> | undefined>
  return subjectsOf(actor).some((subject) => rules[subject]?.[operation] === 'all')
}

export function fieldRuleFor(collection: string, field: string): FieldRule {
  const rules = (fieldMatrix as Record<string, Record<string, FieldRule>>)[collection]?.[field]
  if (!rules) throw new Error(`No field rule for ${collection}.${field} in src/access/matrix.ts`)
  return rules
}

/**
 * Field check. `isSelf` says whether the document belongs to the actor; it is only consulted
 * when the rule lists `self`.
 */
export function canField(rule: FieldRule, actor: Actor, operation: keyof FieldRule, isSelf: () => boolean): boolean {
  const allowed = rule[operation]
  if (!allowed) return true
  if (isSuperuser(actor)) return true
  const subjects = subjectsOf(actor)
  if (allowed.some((subject) => subject !== 'self' && subjects.includes(subject))) return true
  return Boolean(actor) && allowed.includes('self') && isSelf()
}

export function isOwnerOnlyField(collection: string, field: string): boolean {
  return ((ownerOnlyFields as Record<string, readonly string[]>)[collection] ?? []).includes(field)
}

/** Owner-only fields: the signed-in owner and nobody else, whatever roles they hold. */
export function canOwnerOnlyField(actor: Actor, isSelf: () => boolean): boolean {
  return Boolean(actor) && isSelf()
}

/**
 * May the actor read a field (the part of a field rule that filters, sorts and populated
 * documents reveal)? Used where no document is at hand, so `self` never counts.
 */
export function canReadFieldOfOthers(collection: string, field: string, actor: Actor): boolean {
  if (isOwnerOnlyField(collection, field)) return false
  const rule = (fieldMatrix as Record<string, Record<string, FieldRule>>)[collection]?.[field]
  return rule ? canField(rule, actor, 'read', () => false) : true
}

export function canGrantRole(actor: Actor, role: Role): boolean {
  return rolesOf(actor).some((held) => grantableRoles[held]?.includes(role))
}

/** May the actor perform an account operation (e.g. unlock) of the auth operation matrix? */
export function canAuthOperation(operation: AuthOperation, actor: Actor): boolean {
  if (isSuperuser(actor)) return true
  return hasRole(actor, ...(authOperationMatrix[operation] as readonly Role[]))
}

/** May the actor perform an event operation (e.g. change a locked event's key fields)? */
export function canEventOperation(operation: EventOperation, actor: Actor): boolean {
  if (isSuperuser(actor)) return true
  return hasRole(actor, ...(eventOperationMatrix[operation] as readonly Role[]))
}

/** The roles that may perform an event operation, a superuser first: what a refusal names. */
export function eventOperationRoles(operation: EventOperation): Role[] {
  return ['superuser', ...eventOperationMatrix[operation]]
}

/** May the actor read a report of the dashboard (the report matrix)? */
export function canReadReport(report: ReportName, actor: Actor): boolean {
  if (isSuperuser(actor)) return true
  return hasRole(actor, ...(reportMatrix[report] as readonly Role[]))
}

/** The roles that may read a report, a superuser first: what a refusal names. */
export function reportReaders(report: ReportName): Role[] {
  return ['superuser', ...reportMatrix[report]]
}

export function canUseAdminPanel(actor: Actor): boolean {
  return hasRole(actor, ...adminPanelRoles)
}
