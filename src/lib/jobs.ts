import type { PayloadRequest, TaskConfig } from 'payload'

import { tableOf, transactionDb } from './db'

type TaskSlug = TaskConfig['slug']

/**
 * Queues `task` once per input with one INSERT, in the request's transaction: the rows
 * `payload.jobs.queue` writes (it goes straight to the database adapter too, as no hooks run
 * on the jobs collection here), for many jobs at once. The jobs run as if queued one by one.
 */
export async function queueTasks(req: PayloadRequest, task: TaskSlug, queue: string, inputs: readonly Record<string, unknown>[]): Promise<void> {
  if (inputs.length === 0) return
  const jobs = req.payload.config.jobs
  // Payload's own queue() runs collection hooks or concurrency checks in these cases; keep to it then.
  if (jobs?.runHooks || jobs?.depth || jobs?.enableConcurrencyControl) {
    for (const input of inputs) await req.payload.jobs.queue({ task: task as never, queue, input: input as never, req })
    return
  }
  const now = new Date().toISOString()
  const db = await transactionDb(req)
  await db.insert(tableOf(req.payload, 'payload-jobs')).values(inputs.map((input) => ({ input, taskSlug: task, queue, createdAt: now, updatedAt: now })))
}
