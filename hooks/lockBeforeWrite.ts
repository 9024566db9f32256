import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

/**
 * A beforeOperation hook: an update or delete of one document first takes its lock (see
 * `lockRow` in src/lib/findOrRefuse.ts), so two saves of the same document queue instead of
 * the second silently undoing the first. `lock` says which rows, in which order.
 */
export const lockBeforeWrite =
  (lock: (req: PayloadRequest, id: number | string) => Promise<void>): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    const id = (args as { id?: number | string }).id
    if ((operation === 'update' || operation === 'delete') && id !== undefined && id !== null) await lock(req, id)
    return args
  }
