import type { CollectionAfterChangeHook } from 'payload'

import type { Notice } from '@payload-types'

import { and, eq, isNull, tableOf, transactionDb } from '@/lib/db'

/**
 * Publishing with "email the audience" claims the notice's `emailQueuedAt` with one conditional
 * UPDATE (`… WHERE email_queued_at IS NULL`) and queues the `emailNotice` job for its publish
 * date, in the same transaction: saving again, or two saves at once, never email twice.
 */
export const emailOnPublish: CollectionAfterChangeHook<Notice> = async ({ doc, req }) => {
  if (doc.status !== 'published' || !doc.emailAudience || doc.emailQueuedAt) return doc
  const table = tableOf(req.payload, 'notices')
  const db = await transactionDb(req)
  const at = new Date().toISOString()
  const claimed = await db
    .update(table)
    .set({ emailQueuedAt: at })
    .where(and(eq(table.id, doc.id), isNull(table.emailQueuedAt)))
    .returning({ id: table.id })
  if (claimed.length !== 1) return doc
  const publishAt = new Date(doc.publishAt)
  await req.payload.jobs.queue({ task: 'emailNotice', queue: 'email', input: { notice: doc.id }, req, ...(publishAt > new Date() ? { waitUntil: publishAt } : {}) })
  return { ...doc, emailQueuedAt: at }
}
