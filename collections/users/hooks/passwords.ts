import type { CollectionAfterOperationHook, CollectionBeforeChangeHook, CollectionBeforeOperationHook, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

import { passwordProblem } from '@/security/passwords'

/** Refuses a weak password with 400 naming the field, on registration, change and reset alike. */
export const enforcePasswordPolicy: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || !('password' in data) || data.password === undefined) return args
  if (operation === 'update' && (data.password === null || data.password === '')) return args // no change
  const problem = passwordProblem(data.password)
  if (problem) throw new ValidationError({ collection: 'users', errors: [{ path: 'password', message: problem }] }, req.t)
  return args
}

type Session = { id: string; createdAt?: string | Date | null; expiresAt: string | Date }

/**
 * A password change ends every other session of the account: only the session that made the
 * change (when the owner changed it themself) stays signed in.
 */
export const endOtherSessionsOnPasswordChange: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || typeof data.password !== 'string' || !data.password || !originalDoc) return data
  const stored = (await req.payload.db.findOne({ collection: 'users', where: { id: { equals: originalDoc.id } }, req })) as { sessions?: Session[] } | null
  const user = req.user as { id?: number | string; _sid?: string } | null | undefined
  const current = user?.id === originalDoc.id ? user?._sid : undefined
  data.sessions = (stored?.sessions ?? []).filter((session) => current !== undefined && session.id === current)
  return data
}

function sessionIdOf(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid?: unknown }
    return typeof claims.sid === 'string' ? claims.sid : undefined
  } catch {
    return undefined
  }
}

/** After a reset, only the session the reset itself opened remains; every older token stops working. */
export const endOtherSessionsOnReset: CollectionAfterOperationHook = async ({ operation, req, result }) => {
  if (operation !== 'resetPassword') return result
  const { token, user } = (result ?? {}) as { token?: string; user?: { id: number | string } }
  if (!user) return result
  await keepOnlySession(req, user.id, sessionIdOf(token))
  return result
}

async function keepOnlySession(req: PayloadRequest, id: number | string, sid: string | undefined) {
  const stored = (await req.payload.db.findOne({ collection: 'users', where: { id: { equals: id } }, req })) as (Record<string, unknown> & { sessions?: Session[] }) | null
  if (!stored) return
  stored.sessions = (stored.sessions ?? []).filter((session) => session.id === sid)
  stored.updatedAt = null // as Payload does when only sessions change
  await req.payload.db.updateOne({ collection: 'users', id, data: stored, req, returning: false })
}
