import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { auditChanges, PERSON_SETTINGS } from '@/audit/diff'
import { auditKeepsCustomValue, withClearedCustomValues } from '@/members/customFields'
import type { ErasureContext } from '@/privacy/erasure'
import { ERASURE_CONTEXT, erasureSummary } from '@/privacy/erasure'

type Audited = 'users' | 'payments'

function actorOf(req: PayloadRequest): { actor: number | null; actorLabel: string } {
  const user = req.user as { id?: number; email?: string; collection?: string } | null
  if (user?.collection === 'users' && typeof user.id === 'number') return { actor: user.id, actorLabel: user.email ?? `person ${user.id}` }
  return { actor: null, actorLabel: 'Hangar (system)' }
}

async function record(req: PayloadRequest, collection: Audited, id: number, operation: 'create' | 'update' | 'delete', changes: ReturnType<typeof auditChanges>) {
  if (operation === 'update' && changes.length === 0) return
  const fields = changes.map((change) => change.field)
  // an erasure says so (and why), not only which fields it changed (src/privacy/erasure.ts)
  const erasure = req.context[ERASURE_CONTEXT] as ErasureContext | undefined
  const erased = collection === 'users' && operation === 'update' && erasure?.id === id
  await req.payload.create({
    collection: 'audit-entries',
    data: {
      collection,
      document: id,
      ...(collection === 'users' && operation !== 'delete' ? { person: id } : {}),
      ...(collection === 'payments' && operation !== 'delete' ? { payment: id } : {}),
      operation,
      ...actorOf(req),
      summary: erased ? erasureSummary(erasure) : `${operation === 'create' ? 'Created' : operation === 'delete' ? 'Deleted' : 'Changed'}${fields.length ? `: ${fields.slice(0, 8).join(', ')}${fields.length > 8 ? ', …' : ''}` : ''}`,
      changes,
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
}

const passwordKey = (id: unknown) => `hangarAuditPassword:${String(id)}`

/** Payload hashes a new password before the change is saved and drops it from the data: note it here. */
export const notePasswordChange: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation === 'update' && typeof data.password === 'string' && data.password) req.context[passwordKey(originalDoc?.id)] = true
  return data
}

/** One entry per create or update that changed something, in the change's own transaction. */
export const auditChange =
  (collection: Audited): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    const passwordChanged = collection === 'users' && req.context[passwordKey(doc.id)] === true
    req.context[passwordKey(doc.id)] = undefined
    // of a person's custom fields, the values are kept unless the field is marked sensitive
    const keepsCustomValue = collection === 'users' ? await auditKeepsCustomValue(req) : null
    const after = collection === 'users' && operation === 'update' ? await withClearedCustomValues(req, previousDoc, doc) : doc
    const changes = auditChanges(operation === 'create' ? null : previousDoc, after, {
      passwordChanged: operation === 'update' && passwordChanged,
      ...(keepsCustomValue ? { keepValue: (field: string) => PERSON_SETTINGS.test(field) || keepsCustomValue(field) } : {}),
    })
    await record(req, collection, doc.id as number, operation, changes)
    return doc
  }

export const auditDelete =
  (collection: Audited): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    // what was deleted is not copied into the trail: only that it was, by whom and when
    await record(req, collection, doc.id as number, 'delete', [])
  }
