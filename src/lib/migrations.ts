import type { Payload } from 'payload'

export type MigrationStatus = { applied: string[]; pending: string[]; devPushed: boolean }

/**
 * Which of the project's migrations the database has not run. A database whose migrations
 * table does not exist has run none of them.
 */
export async function pendingMigrations(payload: Payload, expected: string[]): Promise<MigrationStatus> {
  let applied: { name?: null | string; batch?: null | number }[] = []
  try {
    const result = await payload.find({ collection: 'payload-migrations', pagination: false, depth: 0 })
    applied = result.docs
  } catch {
    applied = []
  }
  const names = new Set(applied.map((row) => row.name ?? ''))
  return {
    applied: expected.filter((name) => names.has(name)),
    pending: expected.filter((name) => !names.has(name)),
    devPushed: applied.some((row) => row.batch === -1),
  }
}
