import type { Subject } from './matrix'
import type { Role } from './roles'
import { isRole } from './roles'

/** The least a permission check needs to know about the person asking. */
export type Actor = { id: number | string; roles?: readonly (string | null)[] | null } | null | undefined

/** Roles the actor holds; unknown strings are ignored, and every signed-in user is a member. */
export function rolesOf(actor: Actor): Role[] {
  if (!actor) return []
  const roles = (actor.roles ?? []).filter(isRole)
  return roles.includes('member') ? roles : [...roles, 'member']
}

export function subjectsOf(actor: Actor): Subject[] {
  return actor ? rolesOf(actor) : ['anonymous']
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  const held = rolesOf(actor)
  return roles.some((role) => held.includes(role))
}

export function isSuperuser(actor: Actor): boolean {
  return hasRole(actor, 'superuser')
}
