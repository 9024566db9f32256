import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Issue 14: the admin lists' totals (`count(*)` of memberships or payments with a status) are
 * index-only scans only on pages PostgreSQL's visibility map marks all-visible, and that map is
 * kept by (auto)vacuum. Its default waits until a fifth of a table has changed (20,000 of 100,000
 * memberships), and until then every changed page is read from the heap: at 100,000 members the
 * grace list's count read ~1,700 pages (8 ms) instead of 9 (under 1 ms). Vacuuming these two
 * tables after 2% of their rows have changed or been added keeps the map current; each such
 * vacuum is small (it visits only the pages changed since the last one).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "memberships" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
  ALTER TABLE "payments" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "memberships" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor);
  ALTER TABLE "payments" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor);`)
}
