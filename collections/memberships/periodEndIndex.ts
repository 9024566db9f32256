import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

type PostgresSchemaHook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

/**
 * The admin list of memberships in a status sorted by period end, soonest first
 * (`?where[status][equals]=grace&sort=periodEnd`), is ordered by Payload as
 * `period_end ASC, created_at DESC`: it breaks ties by newest first whatever the direction. A page
 * of it is read straight from an index only when the index has those directions; Payload's
 * collection `indexes` cannot say DESC, so this one is added to its table here (and so to the
 * migrations). The collection's own (status, periodEnd, createdAt) index serves the other
 * direction. Without it, a cohort sharing one period end (a calendar tier) is read and sorted whole.
 */
export const membershipsByPeriodEnd: PostgresSchemaHook = ({ schema, extendTable }) => {
  extendTable({
    table: schema.tables.memberships!,
    extraConfig: (table) => ({
      status_period_end_newest_idx: index('memberships_status_period_end_newest_idx').on(table.status, table.periodEnd, table.createdAt.desc().nullsFirst()),
    }),
  })
  return schema
}

/**
 * "Which status did each membership have on a date" (the members report at a past date,
 * src/reports/members.ts) takes, per membership, its latest history entry up to that date: an
 * index on (membership, date newest first, position newest first) answers that with one short
 * walk per membership instead of reading and sorting its whole history.
 */
export const membershipHistoryByDate: PostgresSchemaHook = ({ schema, extendTable }) => {
  extendTable({
    table: schema.tables.memberships_history!,
    extraConfig: (table) => ({
      parent_at_newest_idx: index('memberships_history_parent_at_newest_idx').on(table._parentID, table.at.desc(), table._order.desc()),
    }),
  })
  return schema
}
