/**
 * The retention rule (issue 15, point 9; SPEC §11): people whose memberships all ended (lapsed,
 * cancelled or rejected) longer ago than `retentionYears` in settings are anonymised by the daily
 * privacy job, as an erasure (src/privacy/erasure.ts). Left alone: anyone with a membership that
 * is open in any way, anyone holding a seat on an organisation's current membership, staff
 * (a person with any role besides member), and people who never had a membership.
 *
 * Candidates are chosen in SQL, a batch at a time by id, so 100,000 members cost a handful of
 * indexed queries; each erasure is its own transaction and checks again under the account's lock
 * that the person is still due, so a run, a second run beside it or a renewal at the same moment
 * never erases twice or erases someone who just came back.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { Db } from '@/lib/db'
import { drizzleOf, sql, tableOf, transactionDb } from '@/lib/db'
import { OPEN_STATUSES } from '@/membership/lifecycle'

import { retentionCutoff } from './anonymise'
import { eraseMember, privacySettings } from './erasure'

export const RETENTION_BATCH_SIZE = 200

export type RetentionCandidate = { id: number; email: string; firstName: string; lastName: string; lastMembershipEnd: string }

/** Statuses that keep a person: any membership in one of these is not over. */
const KEEPING_STATUSES = [...OPEN_STATUSES]

/** The conditions that make a person due, as SQL over `users` (aliased u) and their memberships. */
function dueConditions(payload: Payload, cutoff: Date) {
  const m = tableOf(payload, 'memberships')
  const roles = tableOf(payload, 'users_roles')
  const seats = tableOf(payload, 'memberships_seat_holders')
  const u = tableOf(payload, 'users')
  const ended = sql`coalesce(${m.periodEnd}, ${m.updatedAt})`
  const keeping = sql.join(KEEPING_STATUSES.map((status) => sql`${status}`), sql`, `)
  return {
    where: sql`${u.erasedAt} IS NULL
      AND NOT EXISTS (SELECT 1 FROM ${m} AS open_m WHERE open_m.member_id = ${u.id} AND open_m.status IN (${keeping}))
      AND NOT EXISTS (SELECT 1 FROM ${roles} AS r WHERE r.parent_id = ${u.id} AND r.value <> 'member')
      AND NOT EXISTS (SELECT 1 FROM ${seats} AS s INNER JOIN ${m} AS seat_m ON seat_m.id = s._parent_id WHERE s.email = ${u.email} AND seat_m.status IN ('active', 'grace'))`,
    having: sql`max(${ended}) < ${cutoff.toISOString()}`,
    lastEnd: sql<string>`max(${ended})`,
    m,
    u,
  }
}

/** People due under the rule at `now`, in id order, `limit` after `afterId`. */
export async function retentionCandidates(
  db: Db,
  payload: Payload,
  args: { cutoff: Date; afterId?: number; limit: number; onlyId?: number },
): Promise<RetentionCandidate[]> {
  const { where, having, lastEnd, m, u } = dueConditions(payload, args.cutoff)
  const rows = await db
    .select({ id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName, lastMembershipEnd: lastEnd })
    .from(u)
    .innerJoin(m, sql`${m.member} = ${u.id}`)
    .where(sql`${u.id} > ${args.afterId ?? 0} AND ${where}${args.onlyId !== undefined ? sql` AND ${u.id} = ${args.onlyId}` : sql``}`)
    .groupBy(u.id, u.email, u.firstName, u.lastName)
    .having(having)
    .orderBy(u.id)
    .limit(args.limit)
  return (rows as RetentionCandidate[]).map((row) => ({ ...row, lastMembershipEnd: new Date(row.lastMembershipEnd).toISOString() }))
}

/** How many people are due, in one query. */
export async function countRetentionCandidates(payload: Payload, cutoff: Date): Promise<number> {
  const { where, having, m, u } = dueConditions(payload, cutoff)
  const due = drizzleOf(payload).select({ id: u.id }).from(u).innerJoin(m, sql`${m.member} = ${u.id}`).where(where).groupBy(u.id).having(having).as('due')
  const [row] = await drizzleOf(payload).select({ count: sql<number>`count(*)` }).from(due)
  return Number(row?.count ?? 0)
}

export type RetentionPreview = { on: boolean; years: number; cutoff: string | null; count: number; candidates: RetentionCandidate[] }

/** Who the rule would anonymise at `now`: how many, and the first `limit` of them. Changes nothing. */
export async function previewRetention(payload: Payload, options: { now?: Date; limit?: number } = {}): Promise<RetentionPreview> {
  const now = options.now ?? new Date()
  const { retentionYears } = await privacySettings(payload)
  const cutoff = retentionCutoff(now, retentionYears)
  if (!cutoff) return { on: false, years: 0, cutoff: null, count: 0, candidates: [] }
  const [count, candidates] = await Promise.all([
    countRetentionCandidates(payload, cutoff),
    retentionCandidates(drizzleOf(payload), payload, { cutoff, limit: options.limit ?? 50 }),
  ])
  return { on: true, years: retentionYears, cutoff: cutoff.toISOString(), count, candidates }
}

export type RetentionReport = { on: boolean; anonymised: number }

/** The daily job's part: anonymises everyone due, a batch at a time. A second run finds nobody. */
export async function runRetention(payload: Payload, options: { now?: Date; batchSize?: number } = {}): Promise<RetentionReport> {
  const now = options.now ?? new Date()
  const { retentionYears } = await privacySettings(payload)
  const cutoff = retentionCutoff(now, retentionYears)
  if (!cutoff) return { on: false, anonymised: 0 }
  const report: RetentionReport = { on: true, anonymised: 0 }
  for (let afterId = 0; ; ) {
    const batch = await retentionCandidates(drizzleOf(payload), payload, { cutoff, afterId, limit: options.batchSize ?? RETENTION_BATCH_SIZE })
    if (batch.length === 0) break
    afterId = batch.at(-1)!.id
    for (const candidate of batch) {
      const stillDue = async (req: PayloadRequest) => (await retentionCandidates(await transactionDb(req), payload, { cutoff, limit: 1, onlyId: candidate.id })).length > 0
      const done = await eraseMember(payload, candidate.id, { cause: 'retention', now, stillDue })
      if (done.reference) report.anonymised += 1
    }
  }
  return report
}
