import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { canGrantRole } from '@/access/resolve'
import type { Role } from '@/access/roles'
import { isRole } from '@/access/roles'
import type { Actor } from '@/access/subjects'
import { isSuperuser } from '@/access/subjects'
import { RefusedError } from '@/lib/errors'

const forbidden = (message: string) => new RefusedError(message, 403)

/** True while the admin panel's "create first user" form is being saved on an empty database. */
export function isFirstUserRegistration(req: PayloadRequest): boolean {
  return Boolean(req.pathname?.endsWith('/users/first-register'))
}

function rolesIn(value: unknown): Role[] {
  return Array.isArray(value) ? value.filter(isRole) : []
}

/**
 * Roles change only through someone allowed to grant them (see `grantableRoles`), a superuser's
 * account is changed only by a superuser or its owner, and the first account made in the
 * admin panel becomes the superuser. Calls without a user are the system itself (seeding,
 * scripts) and pass.
 */
export const guardRoles: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create' && isFirstUserRegistration(req)) {
    return { ...data, roles: ['superuser'] }
  }

  const actor = req.user as Actor
  const before = rolesIn(originalDoc?.roles)
  const after = data.roles === undefined ? [...before] : rolesIn(data.roles)
  if (!after.includes('member')) after.push('member')

  if (actor) {
    const isOwnAccount = originalDoc?.id !== undefined && originalDoc.id === actor.id
    if (before.includes('superuser') && !isSuperuser(actor) && !isOwnAccount) {
      throw forbidden("Only a superuser can change a superuser's account.")
    }
    const changed = [...after.filter((r) => !before.includes(r)), ...before.filter((r) => !after.includes(r))]
    const refused = changed.filter((role) => role !== 'member' && !canGrantRole(actor, role))
    if (refused.length > 0) {
      throw forbidden(`You may not grant or remove the role(s): ${refused.join(', ')}.`)
    }
    if (before.includes('superuser') && !after.includes('superuser') && isOwnAccount) {
      // Keep at least one superuser; losing the last one would lock everyone out of settings.
      throw forbidden('You cannot remove your own superuser role.')
    }
  }

  return { ...data, roles: after }
}

export const guardSuperuserDeletion: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const actor = req.user as Actor
  if (!actor || isSuperuser(actor)) return
  const target = await req.payload.findByID({ collection: 'users', id, depth: 0, req, overrideAccess: true })
  if (rolesIn(target?.roles).includes('superuser')) {
    throw forbidden('Only a superuser can delete a superuser account.')
  }
}
